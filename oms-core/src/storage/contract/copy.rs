//! What the copy from the first schema (the tables releases 0.1 and 0.2
//! wrote, one per record) into the contract's tables shares
//! between the SQL backends: its report and the reference an idempotency
//! record keeps to its result. Each backend's `copy_first_schema` does the
//! copying in SQL (see `CONTRACT.md`).

use super::{IdempotencyRecord, PayloadHash, ResultRef};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::IdempotencyKey;

/// How many rows the copy wrote into each table of the contract.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyReport {
    pub documents: u64,
    pub stock_rows: u64,
    pub ledger_rows: u64,
    pub outbox_rows: u64,
    pub series: u64,
    pub idempotency_records: u64,
    /// Documents of what the first schema kept beside its records: queued
    /// backorders, region distances and the reserved units of active
    /// reservations (the unit of work's index of them).
    pub derived_documents: u64,
    /// Counters other than sequences (units sold, shipments per day), as tallies.
    pub tallies: u64,
    /// Idempotency records whose command's result is no single document
    /// (such as `expire_reservations`): kept with no result reference.
    pub records_without_result: u64,
}

/// The document kinds the copy writes, with the table each comes from and its index terms.
pub const COPIED_KINDS: [(&str, &str); 6] = [
    ("product", "products: no terms, position 0 (listed by SKU)"),
    ("location", "locations: no terms, position 0"),
    ("channel", "channels: no terms, position 0"),
    ("order", "orders: idx_1 status, idx_2 customer email, idx_3 channel; position = order sequence"),
    ("reservation", "holds: idx_1 status, idx_2 expiry (RFC 3339, sortable); position 0"),
    ("transfer", "transfers: idx_1 status; position 0"),
];

/// The document a command's stored result is, read from the result's JSON:
/// the record kind the command returns and its key field (a stock level is
/// `stock` with key `SKU/LOCATION`). `None` for commands whose result is no
/// single record.
pub(crate) fn result_ref(command: &str, result: &str) -> Result<Option<ResultRef>> {
    let kind = match command {
        "place_order" | "cancel_order" | "cancel_lines" | "hold_order" | "release_hold" | "reject_allocation" => {
            "order"
        }
        // The names before checkout holds were called reservations, as older records hold them.
        "reserve_stock" | "release_reservation" | "hold_stock" | "release_stock_hold" => "reservation",
        "request_transfer" | "ship_transfer" | "receive_transfer" | "cancel_transfer" => "transfer",
        "upsert_product" => "product",
        "upsert_location" => "location",
        "upsert_channel" => "channel",
        "receive_stock" | "adjust_stock" | "count_stock" | "quarantine_stock" | "release_quarantine" => "stock",
        _ => return Ok(None),
    };
    let value: serde_json::Value = serde_json::from_str(result)
        .map_err(|error| Error::storage(format!("stored result of {command} is unreadable: {error}")))?;
    let field = |name: &str| value.get(name).and_then(serde_json::Value::as_str).map(str::to_string);
    let key = match kind {
        "product" => field("sku"),
        "stock" => field("sku").zip(field("location")).map(|(sku, location)| format!("{sku}/{location}")),
        _ => field("id"),
    };
    let key = key.ok_or_else(|| Error::storage(format!("stored result of {command} names no {kind}")))?;
    Ok(Some(ResultRef { kind: kind.into(), key }))
}

/// Commands renamed before 1.0 (checkout holds became reservations): the name
/// an idempotency record written before the rename carries, and the name now.
pub(crate) const RENAMED_COMMANDS: &[(&str, &str)] =
    &[("hold_stock", "reserve_stock"), ("release_stock_hold", "release_reservation")];
/// Payload fields renamed at the same time (in `reserve_stock`,
/// `release_reservation` and `place_order`).
pub(crate) const RENAMED_FIELDS: &[(&str, &str)] = &[("hold_id", "reservation_id")];

/// A record's command and canonical payload under today's names: a retry
/// after the move then matches the hash of what it sends now. Payloads are
/// compact JSON, so a key is exactly `"name":` (a string value holding those
/// characters would have its quotes escaped).
fn under_todays_names(command: String, payload: &str) -> (String, String) {
    let command =
        RENAMED_COMMANDS.iter().find(|(old, _)| *old == command).map_or(command, |(_, new)| (*new).to_string());
    let mut payload = payload.to_string();
    for (old, new) in RENAMED_FIELDS {
        payload = payload.replace(&format!("\"{old}\":"), &format!("\"{new}\":"));
    }
    (command, payload)
}

/// The record an older idempotency row becomes: the hash of its stored payload and a reference to its result.
pub(crate) fn record(key: String, command: String, payload: &str, result: &str) -> Result<IdempotencyRecord> {
    let (command, payload) = under_todays_names(command, payload);
    let payload = payload.as_str();
    // Read on the trusted path, as every stored value is (not validated again).
    let key: IdempotencyKey =
        crate::kernel::ids::read_stored(|| serde_json::from_value(serde_json::Value::String(key)))
            .map_err(|error| Error::storage(format!("stored idempotency key is unreadable: {error}")))?;
    Ok(IdempotencyRecord {
        result: result_ref(&command, result)?,
        key,
        command,
        payload_hash: PayloadHash::of(payload),
    })
}
