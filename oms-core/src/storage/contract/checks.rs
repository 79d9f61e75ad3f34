//! Checks and small helpers the backends share, so that all three refuse
//! the same input the same way and order what they lock alike.

use super::{
    Document, IdempotencyRecord, StockRow, Stream, StreamEntry, KEY_LENGTH_MAX, NAME_LENGTH_MAX, NUMBER_MAX, WIDTH_MAX,
};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::Sku;

pub(crate) fn check_name(field: &str, name: &str) -> Result<()> {
    if name.is_empty() || name.len() > NAME_LENGTH_MAX {
        return Err(Error::invalid_input(field, format!("must be 1 to {NAME_LENGTH_MAX} bytes")));
    }
    Ok(())
}

pub(crate) fn check_number(field: &str, value: u64) -> Result<()> {
    if value > NUMBER_MAX {
        return Err(Error::invalid_input(field, format!("must be at most {NUMBER_MAX}")));
    }
    Ok(())
}

pub(crate) fn check_document(kind: &str, doc: &Document) -> Result<()> {
    check_name("kind", kind)?;
    if doc.key.is_empty() || doc.key.len() > KEY_LENGTH_MAX {
        return Err(Error::invalid_input("key", format!("must be 1 to {KEY_LENGTH_MAX} bytes")));
    }
    if doc.version == 0 {
        return Err(Error::invalid_input("version", "starts at 1"));
    }
    check_number("version", doc.version)?;
    check_number("position", doc.position)
}

pub(crate) fn check_stock_rows(rows: &[StockRow]) -> Result<()> {
    let mut pairs = std::collections::HashSet::new();
    for (n, row) in rows.iter().enumerate() {
        if row.version == 0 {
            return Err(Error::invalid_input("version", "starts at 1"));
        }
        check_number("version", row.version)?;
        if row.buckets().iter().any(|units| *units < 0) {
            return Err(Error::invalid_input("stock", format!("{}/{}: a bucket is negative", row.sku, row.location)));
        }
        // A short list is compared pair by pair; a long one through a set.
        let twice = if rows.len() <= 16 {
            rows[..n].iter().any(|before| before.sku == row.sku && before.location == row.location)
        } else {
            !pairs.insert((&row.sku, &row.location))
        };
        if twice {
            return Err(Error::invalid_input("stock", format!("{}/{} is written twice", row.sku, row.location)));
        }
    }
    Ok(())
}

pub(crate) fn check_entries(rows: &[StreamEntry]) -> Result<()> {
    if rows.iter().any(|row| row.aggregate.len() > KEY_LENGTH_MAX) {
        return Err(Error::invalid_input("aggregate", format!("must be at most {KEY_LENGTH_MAX} bytes")));
    }
    if rows.iter().any(|row| row.width == 0 || row.width > WIDTH_MAX) {
        return Err(Error::invalid_input("width", format!("must be 1 to {WIDTH_MAX}")));
    }
    Ok(())
}

pub(crate) fn check_record(record: &IdempotencyRecord) -> Result<()> {
    check_name("command", &record.command)?;
    if let Some(result) = &record.result {
        check_name("result kind", &result.kind)?;
        if result.key.is_empty() || result.key.len() > KEY_LENGTH_MAX {
            return Err(Error::invalid_input("result key", format!("must be 1 to {KEY_LENGTH_MAX} bytes")));
        }
    }
    Ok(())
}

/// Deltas sorted by name (the order tally rows are locked in); a name twice is `invalid_input`.
pub(crate) fn sorted_deltas<'a>(deltas: &[(&'a str, i64)]) -> Result<Vec<(&'a str, i64)>> {
    let mut sorted = deltas.to_vec();
    sorted.sort();
    for pair in sorted.windows(2) {
        if pair[0].0 == pair[1].0 {
            return Err(Error::invalid_input("tally", format!("{} is given twice", pair[0].0)));
        }
    }
    for (name, _) in &sorted {
        check_name("tally", name)?;
    }
    Ok(sorted)
}

/// The `conflict` of a commit whose expected tally moved (see [`Transaction::expect_tally`]).
pub(crate) fn tally_moved(name: &str, expected: i64, held: i64) -> Error {
    Error::Conflict { message: format!("tally {name} is {held}, not the {expected} this transaction read") }
}

pub(crate) fn read_only() -> Error {
    Error::storage("a read transaction cannot write")
}

/// SKUs sorted and without duplicates: the order rows are read and locked in.
pub(crate) fn sorted_skus<'a>(skus: &[&'a Sku]) -> Vec<&'a Sku> {
    let mut sorted = skus.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
}

/// `documents` answered for `keys`, in the order asked.
pub(crate) fn in_order_asked(keys: &[&str], documents: Vec<Document>) -> Vec<Option<Document>> {
    let found: std::collections::HashMap<String, Document> =
        documents.into_iter().map(|doc| (doc.key.clone(), doc)).collect();
    keys.iter().map(|key| found.get(*key).cloned()).collect()
}

/// Groups appended rows by stream (in [`Stream`] order), each keeping its append order.
pub(crate) fn by_stream(appends: Vec<(Stream, StreamEntry)>) -> Vec<(Stream, Vec<StreamEntry>)> {
    let mut grouped: Vec<(Stream, Vec<StreamEntry>)> = Vec::new();
    for (stream, entry) in appends {
        match grouped.iter_mut().find(|(s, _)| *s == stream) {
            Some((_, entries)) => entries.push(entry),
            None => grouped.push((stream, vec![entry])),
        }
    }
    grouped.sort_by_key(|(stream, _)| *stream);
    grouped
}

pub(crate) fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

pub(crate) fn unsigned(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}
