#![doc = include_str!("../../README.md")]

pub mod allocation;
pub mod catalog;
pub mod commands;
pub mod error;
pub mod events;
pub mod ids;
pub mod inventory;
pub mod limits;
pub mod money;
pub mod order;
pub mod service;
pub mod storage;
pub mod time;

pub use catalog::{Channel, ChannelKind, Location, LocationKind, Product};
pub use commands::{
    AdjustStock, CancelLines, CancelOrder, HoldOrder, LineInput, OrderQuery, PlaceOrder, ReceiveStock, ReleaseHold,
    UpsertChannel, UpsertLocation, UpsertProduct,
};
pub use error::{Category, Error, Result};
pub use events::{Event, EventRecord, LineQuantity};
pub use ids::{ChannelId, Email, IdempotencyKey, LocationId, OrderId, Sku, TaxClass};
pub use inventory::{Movement, MovementReason, StockLevel};
pub use money::{Currency, Money, RoundingLevel, RoundingMode, RoundingPolicy};
pub use order::{
    LineAllocation, LineQuantities, Order, OrderLine, OrderStatus, OrderTotals, TaxSummary, ORDER_TRANSITIONS,
};
pub use service::{AuditReport, Oms, OrderPage};
pub use time::{Clock, FixedClock, SystemClock, Timestamp};
