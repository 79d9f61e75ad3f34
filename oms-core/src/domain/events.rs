//! Domain events: what happened, named in the past tense. They are written to
//! the outbox in the same transaction as the change and read back by cursor.

use serde::{Deserialize, Serialize};

use crate::domain::address::Address;
use crate::domain::catalog::{ChannelKind, LocationKind};
use crate::domain::fulfilment::handoff::CaptureRequest;
use crate::domain::fulfilment::{LineRejectionReason, Parcel, ShipmentLine};
use crate::domain::order::{Order, OrderLine, OrderStatus, OrderTotals};
use crate::domain::payment::PaymentKind;
use crate::kernel::ids::{
    ChannelId, Email, GatewayReference, LocationId, OrderId, PaymentId, ReservationId, ShipmentId, Sku, TransferId,
};
use crate::kernel::money::{Currency, Money};
use crate::kernel::time::Timestamp;

/// A change of one line's quantity, used by cancellation events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineQuantity {
    pub line_number: u32,
    pub quantity: i64,
}

/// Units of one line cancelled, and how many of them were backordered
/// (the rest were allocated, and are released by `stock_released` events).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelledLine {
    pub line_number: u32,
    pub quantity: i64,
    #[serde(default)]
    pub from_backorder: i64,
}

/// An existing line whose ordered quantity an edit changed. A decrease
/// takes units as a cancellation does: from the allocations newest first
/// (`stock_released` events), then `from_backorder` units off the backorder;
/// an increase is allocated or backordered by the events after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedLine {
    pub line_number: u32,
    pub sku: Sku,
    pub ordered_before: i64,
    pub ordered_after: i64,
    #[serde(default)]
    pub from_backorder: i64,
}

/// A line an edit removed: what it had ordered and cancelled (its units not
/// cancelled leave the order: `from_backorder` off the backorder, the rest
/// released by `stock_released` events).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedLine {
    pub line_number: u32,
    pub sku: Sku,
    pub ordered: i64,
    pub cancelled: i64,
    #[serde(default)]
    pub from_backorder: i64,
}

/// One line's amounts after an edit repriced the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepricedLine {
    pub line_number: u32,
    pub order_discount_share: Money,
    pub shipping_share: Money,
    pub tax: Money,
    pub total: Money,
}

/// Something that happened. Events carry every field needed to rebuild the
/// records they change (see [`crate::domain::order::evolve`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    ProductUpserted {
        sku: Sku,
        name: String,
    },
    LocationUpserted {
        location: LocationId,
        kind: LocationKind,
        region: String,
    },
    ChannelUpserted {
        channel: ChannelId,
        kind: ChannelKind,
        currency: Currency,
        locations: Vec<LocationId>,
    },
    StockReceived {
        sku: Sku,
        location: LocationId,
        quantity: i64,
        on_hand: i64,
    },
    StockAdjusted {
        sku: Sku,
        location: LocationId,
        quantity_delta: i64,
        on_hand: i64,
    },
    OrderPlaced {
        order_id: OrderId,
        channel: ChannelId,
        customer_email: Email,
        total: Money,
        line_count: usize,
        /// The order as placed, before any stock moved for it: every line
        /// priced, only its ordered quantity set. The events after it
        /// (allocated, sold, backordered, …) bring it to its stored state.
        /// Absent in events written before release 0.2.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        order: Option<Box<Order>>,
    },
    StockAllocated {
        order_id: OrderId,
        line_number: u32,
        sku: Sku,
        location: LocationId,
        quantity: i64,
        /// The units had been backordered (a backorder filled as stock arrived).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        from_backorder: bool,
    },
    StockReleased {
        order_id: OrderId,
        line_number: u32,
        sku: Sku,
        location: LocationId,
        quantity: i64,
    },
    OrderLinesCancelled {
        order_id: OrderId,
        lines: Vec<CancelledLine>,
    },
    /// The order was edited before the lines it touches were picked: lines
    /// changed, removed or added, the shipping address or method changed,
    /// and the whole order repriced. The events after it move the units
    /// (`shipment_cancelled`, `stock_released`, `stock_allocated`,
    /// `line_backordered`). `difference` is `total − previous_total`: more
    /// to collect when positive, to refund when negative.
    OrderEdited {
        order_id: OrderId,
        changed_lines: Vec<ChangedLine>,
        removed_lines: Vec<RemovedLine>,
        /// The lines added, as placed: numbered, priced, only their ordered quantity set.
        added_lines: Vec<OrderLine>,
        /// Every line's amounts after the edit, in line order.
        repriced_lines: Vec<RepricedLine>,
        totals: Box<OrderTotals>,
        previous_total: Money,
        difference: Money,
        /// The new shipping address, when the edit changed it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        shipping_address: Option<Box<Address>>,
        /// The new shipping method, when the edit changed it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        shipping_method: Option<String>,
    },
    /// The whole order was cancelled (its lines by `order_lines_cancelled`).
    OrderCancelled {
        order_id: OrderId,
        reason: Option<String>,
    },
    OrderHeld {
        order_id: OrderId,
        reason: String,
    },
    OrderReleased {
        order_id: OrderId,
    },
    /// A delivered or collected order was closed: nothing more is to happen to it.
    OrderCompleted {
        order_id: OrderId,
    },
    OrderStatusChanged {
        order_id: OrderId,
        from: OrderStatus,
        to: OrderStatus,
    },
    StockCounted {
        sku: Sku,
        location: LocationId,
        counted: i64,
        variance: i64,
    },
    StockQuarantined {
        sku: Sku,
        location: LocationId,
        quantity: i64,
    },
    QuarantineReleased {
        sku: Sku,
        location: LocationId,
        quantity: i64,
    },
    RegionDistanceSet {
        from_region: String,
        to_region: String,
        distance_km: u32,
    },
    /// Written as `stock_held` with a `hold_id` before the rename; both still read.
    #[serde(alias = "stock_held")]
    StockReserved {
        #[serde(alias = "hold_id")]
        reservation_id: ReservationId,
        sku: Sku,
        location: LocationId,
        quantity: i64,
    },
    /// Written as `hold_ended` with a `hold_id` before the rename; both still read.
    #[serde(alias = "hold_ended")]
    ReservationEnded {
        #[serde(alias = "hold_id")]
        reservation_id: ReservationId,
        status: crate::domain::inventory::reservations::ReservationStatus,
    },
    StockSold {
        order_id: OrderId,
        line_number: u32,
        sku: Sku,
        location: LocationId,
        quantity: i64,
    },
    LineBackordered {
        order_id: OrderId,
        line_number: u32,
        sku: Sku,
        quantity: i64,
    },
    AllocationRejected {
        order_id: OrderId,
        line_number: u32,
        location: LocationId,
        quantity: i64,
    },
    TransferRequested {
        transfer_id: TransferId,
        sku: Sku,
        from_location: LocationId,
        to_location: LocationId,
        quantity: i64,
    },
    TransferShipped {
        transfer_id: TransferId,
    },
    TransferReceived {
        transfer_id: TransferId,
    },
    TransferCancelled {
        transfer_id: TransferId,
    },
    /// An order's allocated units at one location, gathered to leave together.
    ShipmentCreated {
        shipment_id: ShipmentId,
        order_id: OrderId,
        location: LocationId,
        lines: Vec<ShipmentLine>,
    },
    ShipmentPicking {
        shipment_id: ShipmentId,
        order_id: OrderId,
    },
    ShipmentPacked {
        shipment_id: ShipmentId,
        order_id: OrderId,
        parcels: Vec<Parcel>,
    },
    /// The goods left: on hand drops at the location, the lines count them shipped.
    ShipmentShipped {
        shipment_id: ShipmentId,
        order_id: OrderId,
        location: LocationId,
        carrier: String,
        tracking_number: String,
        lines: Vec<ShipmentLine>,
    },
    ShipmentDelivered {
        shipment_id: ShipmentId,
        order_id: OrderId,
        lines: Vec<ShipmentLine>,
    },
    /// Handed to a carrier or logistics partner: everything it needs to move
    /// the goods (the integration reading the outbox passes it on).
    ShipmentHandedOver {
        shipment_id: ShipmentId,
        order_id: OrderId,
        partner: String,
        ship_from: LocationId,
        ship_to: Option<Box<Address>>,
        /// The order's shipping method.
        service_level: Option<String>,
        customer_email: Email,
        parcels: Vec<Parcel>,
        lines: Vec<ShipmentLine>,
    },
    /// Goods left on a channel that captures on shipment: what each open
    /// authorization of the order should capture for them (the integration
    /// captures at its gateway and records it with `capture_payment`).
    CaptureRequested {
        order_id: OrderId,
        shipment_id: ShipmentId,
        request: CaptureRequest,
    },
    /// Cancelled before it left: its units stay allocated to the order.
    ShipmentCancelled {
        shipment_id: ShipmentId,
        order_id: OrderId,
    },
    /// A tender was authorized: the payment as created (see [`crate::domain::payment::evolve`]).
    PaymentAuthorized {
        payment_id: PaymentId,
        order_id: OrderId,
        kind: PaymentKind,
        amount: Money,
        gateway_reference: GatewayReference,
    },
    PaymentCaptured {
        payment_id: PaymentId,
        order_id: OrderId,
        amount: Money,
        gateway_reference: GatewayReference,
    },
    /// The uncaptured rest of an authorization (`amount`) was released.
    PaymentVoided {
        payment_id: PaymentId,
        order_id: OrderId,
        amount: Money,
        gateway_reference: GatewayReference,
    },
    PaymentRefunded {
        payment_id: PaymentId,
        order_id: OrderId,
        amount: Money,
        gateway_reference: GatewayReference,
    },
    PaymentFailed {
        payment_id: PaymentId,
        order_id: OrderId,
        gateway_reference: GatewayReference,
        reason: Option<String>,
    },
    /// Picked at the pickup store and waiting at the counter until
    /// `expires_at`: the lines count the units ready for pickup.
    ShipmentReadyForPickup {
        shipment_id: ShipmentId,
        order_id: OrderId,
        location: LocationId,
        lines: Vec<ShipmentLine>,
        #[serde(serialize_with = "crate::kernel::time::rfc3339::serialize")]
        expires_at: Timestamp,
    },
    /// Handed over at the counter: on hand drops at the location, the lines
    /// count the units shipped and delivered.
    ShipmentPickedUp {
        shipment_id: ShipmentId,
        order_id: OrderId,
        location: LocationId,
        lines: Vec<ShipmentLine>,
    },
    /// Not collected within the channel's window: the units of `lines` are
    /// no longer ready; the `order_lines_cancelled` and `stock_released`
    /// events that follow cancel them and release their stock at the location.
    ShipmentPickupExpired {
        shipment_id: ShipmentId,
        order_id: OrderId,
        location: LocationId,
        lines: Vec<ShipmentLine>,
    },
    /// A location gave back units of a shipment line it cannot send: they
    /// leave the shipment and the line's allocation there. The events that
    /// follow allocate them elsewhere, backorder them or cancel them.
    ShipmentLineRejected {
        shipment_id: ShipmentId,
        order_id: OrderId,
        location: LocationId,
        line_number: u32,
        sku: Sku,
        quantity: i64,
        reason: LineRejectionReason,
    },
}

impl Event {
    /// The name of every kind of event, as [`Event::name`] gives it. The list
    /// only grows (the one exception, before 1.0: `stock_held` and
    /// `hold_ended` became `stock_reserved` and `reservation_ended`; outboxes
    /// written before still read, by serde aliases).
    pub const NAMES: &'static [&'static str] = &[
        "product_upserted",
        "location_upserted",
        "channel_upserted",
        "stock_received",
        "stock_adjusted",
        "order_placed",
        "stock_allocated",
        "stock_released",
        "order_lines_cancelled",
        "order_cancelled",
        "order_held",
        "order_released",
        "order_status_changed",
        "stock_counted",
        "stock_quarantined",
        "quarantine_released",
        "region_distance_set",
        "stock_reserved",
        "reservation_ended",
        "stock_sold",
        "line_backordered",
        "allocation_rejected",
        "transfer_requested",
        "transfer_shipped",
        "transfer_received",
        "transfer_cancelled",
        "shipment_created",
        "shipment_picking",
        "shipment_packed",
        "shipment_shipped",
        "shipment_delivered",
        "shipment_cancelled",
        "payment_authorized",
        "payment_captured",
        "payment_voided",
        "payment_refunded",
        "payment_failed",
        "shipment_handed_over",
        "capture_requested",
        "shipment_ready_for_pickup",
        "shipment_picked_up",
        "shipment_pickup_expired",
        "shipment_line_rejected",
        "order_edited",
        "order_completed",
    ];

    /// The snake_case name of the event, as stored in the outbox.
    pub fn name(&self) -> &'static str {
        match self {
            Event::ProductUpserted { .. } => "product_upserted",
            Event::LocationUpserted { .. } => "location_upserted",
            Event::ChannelUpserted { .. } => "channel_upserted",
            Event::StockReceived { .. } => "stock_received",
            Event::StockAdjusted { .. } => "stock_adjusted",
            Event::OrderPlaced { .. } => "order_placed",
            Event::StockAllocated { .. } => "stock_allocated",
            Event::StockReleased { .. } => "stock_released",
            Event::OrderLinesCancelled { .. } => "order_lines_cancelled",
            Event::OrderCancelled { .. } => "order_cancelled",
            Event::OrderHeld { .. } => "order_held",
            Event::OrderReleased { .. } => "order_released",
            Event::OrderStatusChanged { .. } => "order_status_changed",
            Event::StockCounted { .. } => "stock_counted",
            Event::StockQuarantined { .. } => "stock_quarantined",
            Event::QuarantineReleased { .. } => "quarantine_released",
            Event::RegionDistanceSet { .. } => "region_distance_set",
            Event::StockReserved { .. } => "stock_reserved",
            Event::ReservationEnded { .. } => "reservation_ended",
            Event::StockSold { .. } => "stock_sold",
            Event::LineBackordered { .. } => "line_backordered",
            Event::AllocationRejected { .. } => "allocation_rejected",
            Event::TransferRequested { .. } => "transfer_requested",
            Event::TransferShipped { .. } => "transfer_shipped",
            Event::TransferReceived { .. } => "transfer_received",
            Event::TransferCancelled { .. } => "transfer_cancelled",
            Event::ShipmentCreated { .. } => "shipment_created",
            Event::ShipmentPicking { .. } => "shipment_picking",
            Event::ShipmentPacked { .. } => "shipment_packed",
            Event::ShipmentShipped { .. } => "shipment_shipped",
            Event::ShipmentDelivered { .. } => "shipment_delivered",
            Event::ShipmentCancelled { .. } => "shipment_cancelled",
            Event::ShipmentHandedOver { .. } => "shipment_handed_over",
            Event::CaptureRequested { .. } => "capture_requested",
            Event::PaymentAuthorized { .. } => "payment_authorized",
            Event::PaymentCaptured { .. } => "payment_captured",
            Event::PaymentVoided { .. } => "payment_voided",
            Event::PaymentRefunded { .. } => "payment_refunded",
            Event::PaymentFailed { .. } => "payment_failed",
            Event::ShipmentReadyForPickup { .. } => "shipment_ready_for_pickup",
            Event::ShipmentPickedUp { .. } => "shipment_picked_up",
            Event::ShipmentPickupExpired { .. } => "shipment_pickup_expired",
            Event::ShipmentLineRejected { .. } => "shipment_line_rejected",
            Event::OrderEdited { .. } => "order_edited",
            Event::OrderCompleted { .. } => "order_completed",
        }
    }

    /// The event's fields as JSON, without the `type` tag.
    pub fn data(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(object) = value.as_object_mut() {
            object.remove("type");
        }
        value
    }
}

/// An event as stored in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Position in the outbox, starting at 1; pass the last one seen as the cursor.
    pub sequence: u64,
    pub occurred_at: Timestamp,
    pub event: Event,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_lists_every_event_once() {
        let sample = Event::OrderReleased { order_id: crate::kernel::ids::OrderId::from_sequence(1) };
        assert!(Event::NAMES.contains(&sample.name()));
        let unique: std::collections::BTreeSet<_> = Event::NAMES.iter().collect();
        assert_eq!(unique.len(), Event::NAMES.len());
        // One name per variant of `Event::name`'s match.
        assert_eq!(Event::NAMES.len(), include_str!("events.rs").matches(" { .. } => \"").count());
    }

    #[test]
    fn events_stored_before_the_reservation_rename_still_read() {
        let held = r#"{"type":"stock_held","hold_id":"cart-1","sku":"TEE-M","location":"wh-east","quantity":3}"#;
        let event: Event = serde_json::from_str(held).unwrap();
        assert_eq!(event.name(), "stock_reserved");
        assert_eq!(event.data()["reservation_id"], "cart-1");
        let ended = r#"{"type":"hold_ended","hold_id":"cart-1","status":"converted"}"#;
        let event: Event = serde_json::from_str(ended).unwrap();
        assert_eq!(
            event,
            Event::ReservationEnded {
                reservation_id: ReservationId::new("cart-1").unwrap(),
                status: crate::domain::inventory::reservations::ReservationStatus::Converted,
            }
        );
        // Written under the new names only.
        let written = serde_json::to_string(&event).unwrap();
        assert_eq!(written, r#"{"type":"reservation_ended","reservation_id":"cart-1","status":"converted"}"#);
    }
}
