//! The rules of the business, one folder per capability. Everything here is
//! pure: a command and the current state go in, a decision (new state and
//! events, or a typed rejection) comes out. No storage, no clock reads.
//!
//! - `catalog`: products, locations, channels and their policies;
//! - `inventory`: stock buckets and the ledger, checkout reservations, transfers;
//! - `address`: postal addresses and the fulfilment facts an order carries;
//! - `allocation`: the explainable pipeline that picks locations;
//! - `fulfilment`: shipments and their life cycle;
//! - `order`: orders, their status graph and exact pricing;
//! - `payment`: tenders on an order, their life cycle and the order's payment status;
//! - `commands` and `events`: the vocabulary shared by the capabilities.

pub mod address;
pub mod allocation;
pub mod catalog;
pub mod commands;
pub mod events;
pub mod fulfilment;
pub mod inventory;
pub mod order;
pub mod payment;
