//! Streams on PostgreSQL: `append`, `read` and `read_aggregate` over the
//! `streams` table (migration 3; `streams_by_aggregate`, migration 4), and
//! the numbering of the appended rows at commit under the heads in
//! `stream_heads` (migration 5; both in `schema.rs`).
//!
//! # How streams are numbered
//!
//! Appends wait in the transaction too. After the write statement, one
//! statement locks the heads of the streams it appends to (rows of
//! `stream_heads`, in stream order, `FOR UPDATE`), moves each on by the
//! width of the rows appended, and inserts the rows numbered after the head
//! the lock returned; then the transaction commits, which releases them.
//!
//! - Never skips: a head's lock is held from its move to the commit, and a
//!   waiting writer's `FOR UPDATE` returns the head as the holder committed
//!   it (READ COMMITTED re-reads a row it waited for). Numbers of a stream
//!   are therefore assigned and made visible one holder at a time, in
//!   increasing order: a reader's statement that sees row `n` sees every row
//!   below `n`, and no row below `n` can still be in flight. A holder that
//!   rolls back rolls its head back too: no gaps.
//! - Does not serialise whole transactions: the heads are locked by the last
//!   statement before `COMMIT`, after all the transaction's reads and writes,
//!   and a holder waits for nothing else then (it only inserts rows nobody
//!   else can number), so the heads cannot deadlock with the row locks the
//!   transaction already holds.

use postgres::Row;

use super::transaction::PostgresTransaction;
use crate::kernel::error::{Error, Result};
use crate::storage::contract::{
    by_stream, check_entries, signed, unsigned, Body, Receipt, Stream, StreamEntry, StreamRow,
};

fn stream_row(row: &Row) -> StreamRow {
    StreamRow { seq: unsigned(row.get(0)), aggregate: row.get(1), body: Body::json(row.get::<_, String>(2)) }
}

impl PostgresTransaction<'_> {
    pub(super) fn append_rows(&mut self, stream: Stream, rows: &[StreamEntry]) -> Result<()> {
        self.writable()?;
        check_entries(rows)?;
        self.appends.extend(rows.iter().map(|row| (stream, row.clone())));
        Ok(())
    }

    pub(super) fn read_rows(&mut self, stream: Stream, after: u64, limit: usize) -> Result<Vec<StreamRow>> {
        let rows = self.query(
            r#"SELECT "seq", "aggregate", "body" FROM "streams" WHERE "stream" = $1 AND "seq" > $2 ORDER BY "seq" LIMIT $3"#,
            &[&stream.as_str(), &signed(after), &signed(limit as u64)],
        )?;
        Ok(rows.iter().map(stream_row).collect())
    }

    pub(super) fn read_aggregate_rows(
        &mut self,
        stream: Stream,
        aggregate: &str,
        after: u64,
        limit: usize,
    ) -> Result<Vec<StreamRow>> {
        let rows = self.query(
            r#"SELECT "seq", "aggregate", "body" FROM "streams"
               WHERE "stream" = $1 AND "aggregate" = $2 AND "seq" > $3 ORDER BY "seq" LIMIT $4"#,
            &[&stream.as_str(), &aggregate, &signed(after), &signed(limit as u64)],
        )?;
        Ok(rows.iter().map(stream_row).collect())
    }

    /// Numbers the appended rows after their streams' heads and inserts
    /// them, in one statement (see the module docs).
    pub(super) fn flush_appends(&mut self) -> Result<Receipt> {
        let grouped = by_stream(std::mem::take(&mut self.appends));
        if grouped.is_empty() {
            return Ok(Receipt::default());
        }
        let names: Vec<&str> = grouped.iter().map(|(stream, _)| stream.as_str()).collect();
        let widths: Vec<i64> =
            grouped.iter().map(|(_, entries)| entries.iter().map(|e| signed(e.width)).sum()).collect();
        let (mut streams, mut ordinals, mut aggregates, mut bodies) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (stream, entries) in &grouped {
            // Each row is keyed by the last number it takes: the stream's last plus the widths up to it.
            let mut offset = 0;
            for entry in entries {
                offset += entry.width;
                streams.push(stream.as_str());
                ordinals.push(signed(offset));
                aggregates.push(entry.aggregate.as_str());
                bodies.push(entry.body.to_json()?.to_string());
            }
        }
        // The heads are locked in stream order, then moved on by the rows' widths.
        let numbered = self.query(
            r#"WITH locked AS (
                   SELECT "stream", "last" FROM "stream_heads" WHERE "stream" = ANY($5::TEXT[]) ORDER BY "stream" FOR UPDATE),
               moved AS (
                   UPDATE "stream_heads" AS h SET "last" = l.last + w.width
                   FROM locked AS l JOIN unnest($5::TEXT[], $6::BIGINT[]) AS w(stream, width) ON w.stream = l.stream
                   WHERE h."stream" = l.stream RETURNING h."stream", l.last AS before)
               INSERT INTO "streams" ("stream", "seq", "aggregate", "body")
               SELECT u.stream, m.before + u.ordinal, u.aggregate, u.body
               FROM unnest($1::TEXT[], $2::BIGINT[], $3::TEXT[], $4::TEXT[]) AS u(stream, ordinal, aggregate, body)
               JOIN moved AS m ON m.stream = u.stream
               RETURNING "stream", "seq", txid_current()"#,
            &[&streams, &ordinals, &aggregates, &bodies, &names, &widths],
        )?;
        if numbered.len() != streams.len() {
            return Err(Error::storage(format!(
                "{} of {} stream rows were numbered: a stream has no head row (migration 5)",
                numbered.len(),
                streams.len()
            )));
        }
        self.txid = numbered.first().map(|row| row.get::<_, i64>(2));
        let mut receipt = Receipt::default();
        for (stream, entries) in &grouped {
            let numbers =
                numbered.iter().filter(|row| row.get::<_, &str>(0) == stream.as_str()).map(|row| row.get::<_, i64>(1));
            let (first_row, last) = (numbers.clone().min().unwrap_or(0), numbers.max().unwrap_or(0));
            // The first row ends at the stream's previous last number plus its width.
            let first = first_row - signed(entries.first().map_or(1, |entry| entry.width)) + 1;
            receipt.appended.push((*stream, unsigned(first), unsigned(last)));
        }
        Ok(receipt)
    }
}
