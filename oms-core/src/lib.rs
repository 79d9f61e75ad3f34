#![doc = include_str!("../../README.md")]

pub mod app;
pub mod domain;
pub mod kernel;
pub mod storage;

// The paths of the first releases stay valid.
pub use app as service;
pub use domain::inventory::{holds, transfers};
pub use domain::{allocation, catalog, commands, events, inventory, order};
pub use kernel::{error, ids, limits, money, time};

pub use allocation::{
    AllocationStrategy, CandidateReport, Explanation, PassReason, PickupInStore, PlannedLine, PointOfSale,
    ShipFromStore, ShipFromWarehouse,
};
pub use catalog::{Capabilities, Channel, ChannelKind, Location, LocationKind, PickupFallback, Product, SplitPolicy};
pub use commands::{
    AdjustStock, AvailabilityQuery, CancelLines, CancelOrder, CountStock, HoldLine, HoldOrder, HoldStock, LineInput,
    OrderQuery, PlaceOrder, ReceiveStock, RejectAllocation, ReleaseHold, ReleaseStockHold, RequestTransfer,
    SetRegionDistance, StockQuantity, TransferStep, UpsertChannel, UpsertLocation, UpsertProduct,
};
pub use error::{Category, Detail, Error, Result};
pub use events::{CancelledLine, Event, EventRecord, LineQuantity};
pub use holds::{HeldLine, HoldStatus, StockHold};
pub use ids::{ChannelId, Email, HoldId, IdempotencyKey, LocationId, OrderId, Sku, TaxClass, TransferId};
pub use inventory::{Deltas, Movement, MovementReason, StockLevel};
pub use money::{Currency, Money, RoundingLevel, RoundingMode, RoundingPolicy};
pub use order::{
    Fulfilment, FulfilmentMethod, LineAllocation, LineQuantities, Order, OrderLine, OrderStatus, OrderTotals,
    TaxSummary, ORDER_TRANSITIONS,
};
pub use service::{
    AllocationPlan, AuditReport, Availability, LocationAvailability, Oms, OrderPage, ProductPage, ReplayReport,
};
pub use time::{Clock, FixedClock, ManualClock, SystemClock, Timestamp};
pub use transfers::{Transfer, TransferStatus, TRANSFER_TRANSITIONS};
