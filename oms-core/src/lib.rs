#![doc = include_str!("../../README.md")]

pub mod allocation;
pub mod catalog;
pub mod commands;
pub mod error;
pub mod events;
pub mod holds;
pub mod ids;
pub mod inventory;
pub mod limits;
pub mod money;
pub mod order;
pub mod service;
pub mod storage;
pub mod time;
pub mod transfers;

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
pub use events::{Event, EventRecord, LineQuantity};
pub use holds::{HeldLine, HoldStatus, StockHold};
pub use ids::{ChannelId, Email, HoldId, IdempotencyKey, LocationId, OrderId, Sku, TaxClass, TransferId};
pub use inventory::{Deltas, Movement, MovementReason, StockLevel};
pub use money::{Currency, Money, RoundingLevel, RoundingMode, RoundingPolicy};
pub use order::{
    Fulfilment, FulfilmentMethod, LineAllocation, LineQuantities, Order, OrderLine, OrderStatus, OrderTotals,
    TaxSummary, ORDER_TRANSITIONS,
};
pub use service::{AllocationPlan, AuditReport, Availability, LocationAvailability, Oms, OrderPage, ProductPage};
pub use time::{Clock, FixedClock, ManualClock, SystemClock, Timestamp};
pub use transfers::{Transfer, TransferStatus, TRANSFER_TRANSITIONS};
