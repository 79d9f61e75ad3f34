#![doc = include_str!("../../README.md")]

pub mod app;
pub mod domain;
pub mod kernel;
pub mod storage;

// The paths of the first releases stay valid.
pub use app as service;
pub use domain::address::{Address, OrderDetails};
pub use domain::fulfilment::{
    LineRejection, LineRejectionReason, Parcel, PickLine, PickList, Shipment, ShipmentLine, ShipmentStatus,
    SHIPMENT_TRANSITIONS,
};
pub use domain::inventory::{reservations, transfers};
pub use domain::{address, allocation, catalog, commands, events, fulfilment, inventory, order, payment};
pub use kernel::{error, ids, limits, money, time};

pub use allocation::{
    AllocationStrategy, CandidateReport, Explanation, PassReason, PickupInStore, PlannedLine, PointOfSale,
    ShipFromStore, ShipFromWarehouse,
};
pub use catalog::{Capabilities, Channel, ChannelKind, Location, LocationKind, PickupFallback, Product, SplitPolicy};
pub use commands::{
    AdjustStock, AvailabilityQuery, CancelLines, CancelOrder, CompleteOrder, ConfirmDelivery, CountStock,
    CreateShipment, CreateShipments, EditOrder, HandOverShipment, HoldOrder, LineChange, LineInput, OrderQuery,
    PackShipment, PlaceOrder, ReceiveStock, RejectAllocation, RejectShipmentLine, ReleaseHold, ReleaseReservation,
    RequestTransfer, ReservationLine, ReserveStock, SetRegionDistance, ShipShipment, ShipmentStep, StockQuantity,
    TransferStep, UpsertChannel, UpsertLocation, UpsertProduct,
};
pub use error::{Category, Detail, Error, Result};
pub use events::{CancelledLine, ChangedLine, Event, EventRecord, LineQuantity, RemovedLine, RepricedLine};
pub use ids::{
    ChannelId, Email, IdempotencyKey, LocationId, OrderId, ReservationId, ShipmentId, Sku, TaxClass, TransferId,
};
pub use inventory::{Deltas, Movement, MovementReason, StockLevel};
pub use money::{Currency, Money, RoundingLevel, RoundingMode, RoundingPolicy};
pub use order::{
    Fulfilment, FulfilmentMethod, LineAllocation, LineQuantities, Order, OrderLine, OrderStatus, OrderTotals,
    TaxSummary, ORDER_TRANSITIONS,
};
pub use reservations::{Reservation, ReservationStatus, ReservedLine};
pub use service::{
    AllocationPlan, AuditReport, Availability, LocationAvailability, Oms, OrderPage, ProductPage, ReplayReport,
};
pub use service::{Operation, OperationKind, OPERATIONS};
pub use time::{Clock, FixedClock, ManualClock, SystemClock, Timestamp};
pub use transfers::{Transfer, TransferStatus, TRANSFER_TRANSITIONS};

pub use ids::{GatewayReference, PaymentId};
pub use payment::commands::{AuthorizePayment, CapturePayment, FailPayment, RefundPayment, VoidPayment};
pub use payment::{
    OrderPaymentStatus, OrderPayments, Payment, PaymentAction, PaymentKind, PaymentStatus, PaymentTransaction,
    PAYMENT_TRANSITIONS,
};
