//! The rows of the operation table: one per public method of
//! [`Oms`](crate::Oms), in the order `docs/API.md` lists them. What each
//! column means is in the parent module.

use super::{defaulted, optional, required, Operation, OperationKind};
use crate::kernel::limits::{
    AVAILABILITY_SKUS_MAX, CHANNEL_LOCATIONS_MAX, METADATA_ENTRIES_MAX, ORDER_LINES_MAX, PACKING_SLIPS_MAX,
    PARCELS_MAX, TAX_RATES_MAX,
};

operations! {
    // Making a service (each binding has its own, hand-written form).
    rust_only new("impl Store + 'static, Arc<dyn Clock>") -> "Oms", [], node "",
        "A service over any store, with the given clock.";
    constructor in_memory("") -> "Oms", [], node "",
        "A service over a fresh in-memory store with the system clock.";
    constructor open("&str") -> "Oms", [], node "",
        "Opens a SQLite file, `sqlite:PATH?…`, `:memory:` or a `postgres://` URL.";
    constructor open_with_clock("&str, Arc<dyn Clock>") -> "Oms", [], node "",
        "`open` with an injected clock (a `ManualClock` in the bindings).";
    rust_only register_strategy("impl AllocationStrategy + 'static") -> "()", [], node "",
        "Adds an allocation strategy that channels can name.";
    rust_only storage_statements("") -> "u64", [], node "",
        "SQL statements the store has sent so far.";

    // Catalogue.
    read get_product("&Sku") -> "Product", [required("sku", "Sku").positional()], node "",
        "One product by SKU (`product_not_found` if there is none).";
    read list_products("Option<&str>, Option<usize>") -> "ProductPage",
        [optional("after", "Text").doc("The `nextCursor` of the previous page."), optional("limit", "PageLimit").doc("Products per page: 100 by default, at most 1,000.")], node "ListProductsInput",
        "Products in SKU order, one page at a time (100 by default, at most 1,000).";
    read get_location("&LocationId") -> "Location", [required("id", "LocationId").positional().js("locationId")], node "",
        "One location by id (`location_not_found` if there is none).";
    read list_locations("") -> "Vec<Location>", [], node "",
        "Every location, by id.";
    read get_channel("&ChannelId") -> "Channel", [required("id", "ChannelId").positional().js("channelId")], node "",
        "One channel by id (`channel_not_found` if there is none).";
    read list_channels("") -> "Vec<Channel>", [], node "",
        "Every channel, by id.";
    write upsert_location("UpsertLocation") -> "Location",
        [
            required("id", "LocationId"),
            required("kind", "LocationKind").doc("`warehouse`, `store` or `third_party_logistics`."),
            required("region", "Text"),
            optional("ships", "Flag").doc("Ships parcels to customers; defaults to true for warehouses and 3PL sites."),
            optional("offers_pickup", "Flag").doc("Customers can collect here; defaults to true for stores."),
            defaulted("ships_from_store", "Flag", "False").doc("A store that also ships online orders (default false)."),
            optional("daily_capacity", "Capacity").doc("Shipments per day; unlimited when absent."),
            optional("priority", "Priority").doc("Lower goes first among equally near locations; default 100."),
        ],
        node "UpsertLocationInput",
        "Creates or replaces a location.";
    write upsert_channel("UpsertChannel") -> "Channel",
        [
            required("id", "ChannelId"),
            required("kind", "ChannelKind").doc("`web`, `marketplace`, `point_of_sale` or `pickup`."),
            required("currency", "Currency").doc("ISO 4217 code such as `USD`."),
            required("locations", "[LocationId]").read_max(CHANNEL_LOCATIONS_MAX).doc("Locations in the order stock is drawn from them."),
            defaulted("prices_include_tax", "Flag", "False"),
            defaulted("rounding_mode", "RoundingMode", "'half_up'").into_field("rounding.mode").doc("`half_up` (default) or `half_even`."),
            defaulted("rounding_level", "RoundingLevel", "'line'").into_field("rounding.level").doc("`line` (default) or `document`."),
            optional("tax_rates", "{TaxClass: Amount}").read_max(TAX_RATES_MAX).doc("Tax class → rate as a decimal string (`\"0.2\"` is 20 %)."),
            defaulted("safety_stock", "Capacity", "0").doc("Units kept back at each location from this channel's promises (default 0)."),
            defaulted("allow_backorders", "Flag", "False").doc("Backorder any product on this channel (default false)."),
            defaulted("split_policy", "SplitPolicy", "'fewest_shipments'").doc("`fewest_shipments` (default) or `nearest`."),
            defaulted("pickup_fallback", "PickupFallback", "'reject'").doc("`reject` (default) or `ship_to_store`."),
            optional("strategy", "Strategy").doc("`ship_from_warehouse` (default), `ship_from_store`, or a registered strategy."),
            optional("max_distance_km", "Distance").doc("Pass over locations farther than this from the destination region."),
            defaulted("require_payment_before_shipping", "Flag", "False").doc("Ship nothing until the order is paid (default false)."),
            defaulted("capture_on_shipment", "Flag", "False").doc("Request the capture of a shipment's value when its goods leave (default false)."),
            defaulted("pickup_window_hours", "PickupWindowHours", "72").doc("Hours a ready pickup waits to be collected before `expire_pickups` releases it: 1 to 2,160 (default 72)."),
        ],
        node "UpsertChannelInput",
        "Creates or replaces a channel; every location it names must exist.";
    write upsert_product("UpsertProduct") -> "Product",
        [
            required("sku", "Sku"),
            required("name", "Text"),
            defaulted("tax_class", "TaxClass", "'standard'").doc("Defaults to `standard`."),
            defaulted("backorderable", "Flag", "False").doc("Accept orders beyond stock, backordering the shortfall (default false)."),
        ],
        node "UpsertProductInput",
        "Creates or replaces a product.";
    write set_region_distance("SetRegionDistance") -> "()",
        [required("from_region", "Text"), required("to_region", "Text"), required("distance_km", "Distance").doc("Kilometres, a non-negative whole number; set both ways.")],
        node "SetRegionDistanceInput",
        "Sets the distance between two regions, both ways; locations are ranked by it.";

    // Stock.
    write receive_stock("ReceiveStock") -> "StockLevel",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            required("quantity", "Quantity").doc("A positive whole number."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "ReceiveStockInput",
        "Goods arrived at a location: on hand rises and backorders there are filled.";
    write adjust_stock("AdjustStock") -> "StockLevel",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            required("quantity_delta", "QuantityDelta").doc("A non-zero whole number: positive adds stock, negative removes it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "AdjustStockInput",
        "Corrects on hand by a signed delta; it may not fall below what is allocated.";
    write count_stock("CountStock") -> "StockLevel",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            required("counted", "Counted").doc("The units found: on hand becomes this."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "CountStockInput",
        "Records a physical count: on hand becomes `counted`, the variance a `count` movement.";
    write quarantine_stock("StockQuantity") -> "StockLevel",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            required("quantity", "Quantity").doc("A positive whole number."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "StockQuantityInput",
        "Moves sellable units into quarantine (kept, not sellable).";
    write release_quarantine("StockQuantity") -> "StockLevel",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            required("quantity", "Quantity").doc("A positive whole number."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "StockQuantityInput",
        "Returns quarantined units to sellable stock (filling backorders).";
    read availability("&AvailabilityQuery") -> "Vec<Availability>",
        [
            required("channel", "ChannelId"),
            required("skus", "[Sku]").read_max(AVAILABILITY_SKUS_MAX),
            optional("region", "Text").doc("Only locations in this region."),
            optional("pickup_location", "LocationId").doc("Only this pickup store."),
        ],
        node "AvailabilityInput",
        "Available to promise for each SKU on a channel, with the figure per location.";
    read stock_level("&Sku, &LocationId") -> "StockLevel",
        [required("sku", "Sku"), required("location", "LocationId")], node "StockLevelInput",
        "The stock of one SKU at one location (zero buckets if it never had any).";
    read stock_levels("Option<&Sku>, Option<&LocationId>") -> "Vec<StockLevel>",
        [optional("sku", "Sku"), optional("location", "LocationId")], node "StockLevelsInput",
        "Stock levels, optionally of one SKU and/or at one location, by (SKU, location).";
    read available("&Sku, &ChannelId") -> "i64",
        [required("sku", "Sku"), required("channel", "ChannelId")], node "AvailableInput",
        "Units of a SKU the channel can promise for a shipped order.";
    read movements("&Sku, &LocationId, u64, Option<usize>") -> "Vec<Movement>",
        [
            required("sku", "Sku"),
            required("location", "LocationId"),
            defaulted("after", "Cursor", "0").doc("The `sequence` of the last movement seen; 0 (the default) for the start."),
            optional("limit", "PageLimit"),
        ],
        node "MovementsInput",
        "The stock ledger of one SKU at one location, oldest first.";

    // Checkout reservations.
    write reserve_stock("ReserveStock") -> "Reservation",
        [
            required("reservation_id", "ReservationId").doc("The caller's id for the reservation, usually the cart id."),
            required("channel", "ChannelId"),
            required("lines", "[ReservationLine]").read_max(ORDER_LINES_MAX),
            required("ttl_seconds", "TtlSeconds").doc("Seconds until the reservation expires, at least 1."),
            optional("pickup_location", "LocationId"),
            optional("ship_to_region", "Text"),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "ReserveStockInput",
        "Sets stock aside for a checkout until its time is up; placing the order converts it.";
    write release_reservation("ReleaseReservation") -> "Reservation",
        [required("reservation_id", "ReservationId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "ReleaseReservationInput",
        "Gives an active reservation's stock back now.";
    write expire_reservations("") -> "Vec<ReservationId>", [], node "",
        "Releases reservations whose time is up (a batch per call); returns their ids.";
    read get_reservation("&ReservationId") -> "Reservation",
        [required("reservation_id", "ReservationId").positional()], node "",
        "One reservation by id.";

    // Transfers.
    write request_transfer("RequestTransfer") -> "Transfer",
        [
            required("sku", "Sku"),
            required("from_location", "LocationId"),
            required("to_location", "LocationId"),
            required("quantity", "Quantity").doc("A positive whole number."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "RequestTransferInput",
        "Asks to move units of a SKU between locations; nothing moves until it ships.";
    write ship_transfer("TransferStep") -> "Transfer",
        [required("transfer_id", "TransferId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "TransferStepInput",
        "The transfer leaves its source: on hand drops there, the target's incoming rises.";
    write receive_transfer("TransferStep") -> "Transfer",
        [required("transfer_id", "TransferId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "TransferStepInput",
        "The transfer arrives: the target's incoming becomes on hand.";
    write cancel_transfer("TransferStep") -> "Transfer",
        [required("transfer_id", "TransferId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "TransferStepInput",
        "Cancels a transfer that has not shipped.";
    read get_transfer("&TransferId") -> "Transfer", [required("transfer_id", "TransferId").positional()], node "",
        "One transfer by id.";

    // Orders.
    write place_order("PlaceOrder") -> "Order",
        [
            required("channel", "ChannelId"),
            required("customer_email", "Email"),
            required("lines", "[OrderLine]").read_max(ORDER_LINES_MAX),
            optional("idempotency_key", "IdempotencyKey").doc("Makes the call run at most once; a retry with the same key returns the same order."),
            optional("currency", "Currency").doc("When given, must be the channel's currency."),
            optional("order_discount", "Amount").doc("An order-level discount, a decimal string."),
            optional("shipping", "Amount").doc("A shipping charge, a decimal string."),
            optional("pickup_location", "LocationId").doc("Collect at this store; for a point-of-sale channel, the till's store."),
            optional("ship_to_region", "Text").doc("Where a shipped order goes; ranks locations by distance."),
            optional("reservation_id", "ReservationId").doc("Turn this checkout reservation into the order."),
            defaulted("explain", "Flag", "False").doc("Keep the allocation's explanation on the order (default false)."),
            optional("shipping_address", "Address").doc("Where the goods go."),
            optional("billing_address", "Address"),
            optional("shipping_method", "Text").doc("The service level chosen, as you name it (`express`)."),
            optional("external_reference", "Text").doc("Your own reference for the order."),
            optional("metadata", "{Text: Text}").read_max(METADATA_ENTRIES_MAX).doc("Free-form text by key, kept on the order."),
        ],
        node "PlaceOrderInput",
        "Prices an order exactly and allocates it, or refuses it leaving nothing written.";
    read plan_allocation("PlaceOrder") -> "AllocationPlan",
        [
            required("channel", "ChannelId"),
            required("customer_email", "Email"),
            required("lines", "[OrderLine]").read_max(ORDER_LINES_MAX),
            optional("currency", "Currency"),
            optional("order_discount", "Amount"),
            optional("shipping", "Amount"),
            optional("pickup_location", "LocationId"),
            optional("ship_to_region", "Text"),
        ],
        node "PlanAllocationInput",
        "Plans an order's allocation without writing anything (a dry run), with its explanation.";
    write reject_allocation("RejectAllocation") -> "Order",
        [
            required("order_id", "OrderId").positional(),
            required("line_number", "LineNumber"),
            required("location", "LocationId").doc("The location that could not find the goods."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "RejectAllocationInput",
        "A location cannot find a line's goods: written off there, the line re-routed or backordered.";
    read get_order("&OrderId") -> "Order", [required("order_id", "OrderId").positional()], node "",
        "One order by id.";
    read list_orders("&OrderQuery") -> "OrderPage",
        [
            optional("customer_email", "Email"),
            optional("channel", "ChannelId"),
            optional("status", "OrderStatus").doc("An order status such as `allocated`."),
            optional("after", "Text").doc("The `nextCursor` of the previous page."),
            optional("limit", "PageLimit"),
        ],
        node "ListOrdersInput",
        "Orders matching the filters, oldest first, one page at a time.";
    write cancel_order("CancelOrder") -> "Order",
        [
            required("order_id", "OrderId").positional(),
            optional("reason", "Text"),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "CancelOrderInput",
        "Cancels every unit that has not shipped and releases its stock.";
    write cancel_lines("CancelLines") -> "Order",
        [
            required("order_id", "OrderId").positional(),
            required("lines", "[CancelledLine]").read_max(ORDER_LINES_MAX),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "CancelLinesInput",
        "Cancels some units of some lines and releases their stock.";
    write edit_order("EditOrder") -> "Order",
        [
            required("order_id", "OrderId").positional(),
            optional("add_lines", "[OrderLine]").read_max(ORDER_LINES_MAX).doc("Lines to add, as `placeOrder` takes them."),
            optional("change_lines", "[LineChange]").read_max(ORDER_LINES_MAX).doc("New ordered quantities of existing lines."),
            optional("remove_lines", "[LineNumber]").read_max(ORDER_LINES_MAX).doc("Numbers of the lines to remove."),
            optional("shipping_address", "Address").doc("The new shipping address."),
            optional("shipping_method", "Text").doc("The new shipping method."),
            optional("idempotency_key", "IdempotencyKey").doc("Makes the call run at most once; a retry with the same key returns the same order."),
        ],
        node "EditOrderInput",
        "Edits an order until the lines it touches are picked, then reallocates what changed and reprices it exactly.";
    write hold_order("HoldOrder") -> "Order",
        [
            required("order_id", "OrderId").positional(),
            required("reason", "Text"),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "HoldOrderInput",
        "Puts an order on hold; it keeps its stock until released or cancelled.";
    write release_hold("ReleaseHold") -> "Order",
        [required("order_id", "OrderId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "ReleaseHoldInput",
        "Releases a hold; the order returns to the status its quantities imply.";
    write complete_order("CompleteOrder") -> "Order",
        [required("order_id", "OrderId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "CompleteOrderInput",
        "Closes a delivered or collected order; refused while recorded payments are not captured.";
    read order_status_counts("") -> "Vec<(OrderStatus, u64)>", [], node "",
        "How many orders are in each status (statuses without orders are absent).";
    read units_sold("&ChannelId, &Sku") -> "i64",
        [required("sku", "Sku"), required("channel", "ChannelId")], node "AvailableInput",
        "Units of a SKU on orders placed on a channel, less units cancelled (a projection).";

    // Payments.
    write authorize_payment("AuthorizePayment") -> "Payment",
        [
            required("order_id", "OrderId").positional(),
            optional("payment_id", "PaymentId").doc("Your id for the payment; the library assigns `pay-…` when absent."),
            required("kind", "PaymentKind").doc("`card`, `gift_card`, `store_credit`, `cash` or `cash_on_delivery`."),
            required("amount", "Amount").doc("What was authorized: a positive decimal string in the order's currency, such as `\"19.99\"`."),
            optional("currency", "Currency").doc("When given, must be the order's currency."),
            required("gateway_reference", "GatewayReference").doc("The gateway's reference of the authorization (a till's receipt for cash); the call is idempotent on it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "AuthorizePaymentInput",
        "Records a tender authorized for an order, creating its payment; idempotent on the gateway reference.";
    write capture_payment("CapturePayment") -> "Payment",
        [
            required("payment_id", "PaymentId").positional(),
            required("amount", "Amount").doc("A positive decimal string in the payment's currency."),
            optional("currency", "Currency").doc("When given, must be the payment's currency."),
            required("gateway_reference", "GatewayReference").doc("The gateway's reference of this transaction; the call is idempotent on it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "PaymentAmountInput",
        "Records a capture (partial and repeated are fine), never above what is authorized and not captured.";
    write void_payment("VoidPayment") -> "Payment",
        [
            required("payment_id", "PaymentId").positional(),
            required("gateway_reference", "GatewayReference").doc("The gateway's reference of the void; the call is idempotent on it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "VoidPaymentInput",
        "Records that the uncaptured rest of an authorization was voided.";
    write refund_payment("RefundPayment") -> "Payment",
        [
            required("payment_id", "PaymentId").positional(),
            required("amount", "Amount").doc("A positive decimal string in the payment's currency."),
            optional("currency", "Currency").doc("When given, must be the payment's currency."),
            required("gateway_reference", "GatewayReference").doc("The gateway's reference of this transaction; the call is idempotent on it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "PaymentAmountInput",
        "Records a refund (partial is fine), never above what was captured and not refunded.";
    write fail_payment("FailPayment") -> "Payment",
        [
            required("payment_id", "PaymentId").positional(),
            required("gateway_reference", "GatewayReference").doc("The gateway's reference of the failure; the call is idempotent on it."),
            optional("reason", "Text").doc("Why the gateway failed it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "FailPaymentInput",
        "Records that an authorization failed before anything was captured.";
    read get_payment("&PaymentId") -> "Payment", [required("payment_id", "PaymentId").positional()], node "",
        "One payment by id.";
    read order_payments("&OrderId") -> "OrderPayments", [required("order_id", "OrderId").positional()], node "",
        "An order's payments, their sums (authorized, captured, refunded, balance) and its payment status.";

    // Events and checks.
    read events_since("u64, Option<usize>") -> "Vec<EventRecord>",
        [defaulted("cursor", "Cursor", "0").positional(), optional("limit", "PageLimit").positional()], node "",
        "Outbox events after a cursor (0 for the beginning), oldest first.";
    read audit("") -> "AuditReport", [], node "",
        "Checks every invariant that stored state can show (ledger, buckets, orders).";
    read verify_replay("") -> "ReplayReport", [], node "",
        "Rebuilds every order from its outbox events and compares it with the stored one.";

    // Fulfilment.
    write create_shipments("CreateShipments") -> "Vec<Shipment>",
        [required("order_id", "OrderId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "OrderStepInput",
        "Gathers the order's allocated units no open shipment holds into one pending shipment per location.";
    write create_shipment("CreateShipment") -> "Shipment",
        [
            required("order_id", "OrderId").positional(),
            required("location", "LocationId").doc("Where the units are allocated."),
            required("lines", "[ShipmentLine]").read_max(ORDER_LINES_MAX).doc("Units of each line to ship now; the rest can follow later."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "CreateShipmentInput",
        "Gathers some units of some lines allocated at one location into one pending shipment.";
    write start_picking("ShipmentStep") -> "Shipment",
        [required("shipment_id", "ShipmentId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "ShipmentStepInput",
        "A pending shipment's goods are being picked.";
    write pack_shipment("PackShipment") -> "Shipment",
        [
            required("shipment_id", "ShipmentId").positional(),
            required("parcels", "[Parcel]").read_max(PARCELS_MAX),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "PackShipmentInput",
        "Records the parcels a picked shipment was packed into.";
    write ship_shipment("ShipShipment") -> "Shipment",
        [
            required("shipment_id", "ShipmentId").positional(),
            required("carrier", "Text"),
            required("tracking_number", "Text"),
            optional("partner_reference", "Text").doc("The partner's reference of its confirmation; a retry naming it again changes nothing."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "ShipShipmentInput",
        "The goods of a packed or handed-over shipment left: on hand drops and the order's lines count the units shipped.";
    write hand_over_shipment("HandOverShipment") -> "Shipment",
        [
            required("shipment_id", "ShipmentId").positional(),
            required("partner", "Text").doc("The carrier or logistics partner taking it."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "HandOverShipmentInput",
        "Hands a packed shipment to a carrier, or a pending one to a partner that picks and packs it; emits what the partner needs.";
    write confirm_delivery("ConfirmDelivery") -> "Shipment",
        [
            required("shipment_id", "ShipmentId").positional(),
            optional("partner_reference", "Text").doc("The partner's reference of its confirmation; a retry naming it again changes nothing."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "ConfirmDeliveryInput",
        "The carrier delivered a shipment: the order's lines count the units delivered.";
    write cancel_shipment("ShipmentStep") -> "Shipment",
        [required("shipment_id", "ShipmentId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "ShipmentStepInput",
        "Cancels a shipment before it is packed; its units stay allocated to the order.";
    write ready_for_pickup("ShipmentStep") -> "Shipment",
        [required("shipment_id", "ShipmentId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "ShipmentStepInput",
        "A picked shipment of a pickup order waits at its store's counter for the channel's pickup window.";
    write confirm_pickup("ShipmentStep") -> "Shipment",
        [required("shipment_id", "ShipmentId").positional(), optional("idempotency_key", "IdempotencyKey")],
        node "ShipmentStepInput",
        "The customer collected a ready shipment: on hand drops, the lines count the units shipped and delivered.";
    write expire_pickups("") -> "Vec<Shipment>", [], node "",
        "Expires ready pickups whose window has passed (a batch per call): their units are released and cancelled.";
    write reject_shipment_line("RejectShipmentLine") -> "LineRejection",
        [
            required("shipment_id", "ShipmentId").positional(),
            required("line_number", "LineNumber"),
            required("quantity", "Quantity").doc("Units of the line the shipment holds that the location gives back."),
            required("reason", "LineRejectionReason").doc("`not_found` (written off) or `damaged` (quarantined)."),
            optional("idempotency_key", "IdempotencyKey"),
        ],
        node "RejectShipmentLineInput",
        "A location gives back units of a shipment line: stock corrected, the line re-allocated, backordered or cancelled.";
    read get_shipment("&ShipmentId") -> "Shipment", [required("shipment_id", "ShipmentId").positional()], node "",
        "One shipment by id.";
    read list_shipments("&OrderId") -> "Vec<Shipment>", [required("order_id", "OrderId").positional()], node "",
        "Every shipment of an order, oldest first.";
    read pick_list("&LocationId") -> "PickList", [required("location", "LocationId").positional()], node "",
        "What to pick at a location: its open shipments aggregated by SKU, in SKU order.";

    // Printable documents.
    read pick_list_document("&LocationId") -> "String", [required("location", "LocationId").positional()], node "",
        "The pick list of a location as a self-contained printable HTML page.";
    read packing_slips("&[ShipmentId]") -> "String",
        [required("shipment_ids", "[ShipmentId]").positional().read_max(PACKING_SLIPS_MAX)],
        node "",
        "Packing slips of the shipments named as one self-contained printable HTML document, a page per shipment.";
    read shipping_label("&ShipmentId") -> "String", [required("shipment_id", "ShipmentId").positional()], node "",
        "The shipping labels of a packed or shipped shipment in ZPL, one label per parcel.";

    // The store itself.
    read schema_version("") -> "u64", [], node "",
        "How many schema migrations the store's tables have had (0 in memory, which has no tables).";
}
