//! What every capability uses: exact money and rounding, validated
//! identifiers, the injected clock, named limits and the one error type.
//! Nothing here knows an order, a location or a store.

pub mod error;
pub mod ids;
pub mod limits;
pub mod money;
pub mod time;
