//! Named numbers on PostgreSQL: the sequences that number orders and
//! transfers, and the counters projections keep.

use super::values::count;
use super::PostgresTransaction;
use crate::kernel::error::Result;

pub(super) fn next_sequence(tx: &mut PostgresTransaction<'_>, name: &str) -> Result<u64> {
    // Order and transfer numbers come from database sequences, which never
    // block another writer; the service takes a number only once a
    // command is accepted, so gaps appear only when a commit fails.
    let sequence = match name {
        "order" => Some("order_numbers"),
        "transfer" => Some("transfer_numbers"),
        _ => None,
    };
    if let Some(sequence) = sequence {
        let rows = tx.query(&format!("SELECT nextval('{sequence}')"), &[])?;
        return Ok(rows.first().map_or(0, |row| count(row.get(0))));
    }
    let key = format!("sequence:{name}");
    let rows = tx.query(
        "INSERT INTO counters (name, value) VALUES ($1, 1) \
         ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
        &[&key],
    )?;
    Ok(rows.first().map_or(0, |row| count(row.get(0))))
}

pub(super) fn counter(tx: &mut PostgresTransaction<'_>, name: &str) -> Result<i64> {
    let rows = tx.query("SELECT value FROM counters WHERE name = $1", &[&name])?;
    Ok(rows.first().map_or(0, |row| row.get(0)))
}

pub(super) fn add_to_counter(tx: &mut PostgresTransaction<'_>, name: &str, delta: i64) -> Result<i64> {
    let rows = tx.query(
        "INSERT INTO counters (name, value) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value RETURNING value",
        &[&name, &delta],
    )?;
    Ok(rows.first().map_or(0, |row| row.get(0)))
}

pub(super) fn add_to_counters(tx: &mut PostgresTransaction<'_>, deltas: &[(String, i64)]) -> Result<()> {
    if deltas.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = deltas.iter().map(|(name, _)| name.as_str()).collect();
    let values: Vec<i64> = deltas.iter().map(|(_, delta)| *delta).collect();
    tx.execute(
        "INSERT INTO counters (name, value) SELECT * FROM unnest($1::text[], $2::bigint[]) \
         ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value",
        &[&names, &values],
    )
    .map(drop)
}
