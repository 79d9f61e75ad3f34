//! SQLite group commit really batches: threads sharing one service
//! opened with `?group_commit=16` need fewer COMMITs than they place orders,
//! a command that fails inside a batch undoes only itself, and the
//! statements counted agree with the COMMITs SQLite wrote.
//!
//! COMMITs are counted where SQLite leaves them, not by the code under test:
//! in the write-ahead log every committed write transaction ends with one
//! commit frame (a frame whose header gives the database size after the
//! commit), so the commit frames of the log's current generation are the
//! write transactions committed since the log last restarted.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use common::*;
use oms_core::storage::contract::{
    self, Access, Body, Document, IndexFilter, Lock, Numbering, StockRow, Stream, StreamEntry,
};
use oms_core::storage::sqlite::SqliteStore;
use oms_core::*;

const THREADS: usize = 8;
/// Units of the scarce SKU: far fewer than the threads ask for.
const SCARCE: i64 = 20;

/// The write-ahead log of a SQLite file as read from disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wal {
    /// Checkpoint sequence and salts: they change when the log restarts
    /// after a checkpoint (and the frames before are gone).
    generation: [u8; 12],
    /// Commit frames of this generation: write transactions committed.
    commits: u64,
}

fn wal(db: &Path) -> Wal {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    let bytes = std::fs::read(PathBuf::from(name)).unwrap();
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert!(bytes.len() >= 32 && matches!(word(0), 0x377f_0682 | 0x377f_0683), "not a write-ahead log");
    let page_size = match word(8) {
        1 => 65_536,
        size => size as usize,
    };
    let (salt_1, salt_2) = (word(16), word(20));
    let mut commits = 0;
    let mut at = 32;
    // Frames carry the salts of their generation; a frame left from an
    // earlier one (past the end of this one) carries other salts. Frames of a
    // transaction that rolled back carry no commit mark.
    while at + 24 + page_size <= bytes.len() && word(at + 8) == salt_1 && word(at + 12) == salt_2 {
        if word(at + 4) != 0 {
            commits += 1;
        }
        at += 24 + page_size;
    }
    Wal { generation: bytes[12..24].try_into().unwrap(), commits }
}

/// The COMMITs SQLite wrote between two readings of the log.
fn commits_between(before: Wal, after: Wal) -> u64 {
    assert_eq!(
        before.generation, after.generation,
        "the log restarted after a checkpoint during the run: it can no longer be counted (make the run shorter)"
    );
    after.commits - before.commits
}

fn shop(oms: &Oms) {
    oms.upsert_location(UpsertLocation::new(loc("wh-east"), LocationKind::Warehouse, "US-NY")).unwrap();
    oms.upsert_channel(UpsertChannel::new(chan("web"), ChannelKind::Web, Currency::USD, vec![loc("wh-east")])).unwrap();
    for (code, units) in [("PLENTY", 1_000_000), ("SCARCE", SCARCE)] {
        oms.upsert_product(UpsertProduct::new(sku(code), code)).unwrap();
        let receipt = ReceiveStock { sku: sku(code), location: loc("wh-east"), quantity: units, idempotency_key: None };
        oms.receive_stock(receipt).unwrap();
    }
}

/// A shop in a fresh file, served with `group_commit=16`; the folder goes when dropped.
fn batched_shop() -> (tempfile::TempDir, PathBuf, Oms) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    let oms = Oms::open(&format!("sqlite:{}?group_commit=16", path.display())).unwrap();
    shop(&oms);
    (dir, path, oms)
}

fn one_of(code: &str) -> PlaceOrder {
    order("web", vec![line(code, 1, "9.99")])
}

/// Runs `each(thread, n)` for `per_thread` values of `n` on each of `THREADS` threads at once.
/// The threads start each round together (a barrier), so that while one holds the store the
/// others are already waiting for it: that overlap is what batching needs, and on a loaded
/// machine threads left to themselves can run every command alone. A panic in `each` is held
/// until the thread has met every round, so the other threads never wait for it forever.
fn on_threads<T: Send>(per_thread: usize, each: impl Fn(usize, usize) -> T + Sync) -> Vec<T> {
    let barrier = std::sync::Barrier::new(THREADS);
    std::thread::scope(|scope| {
        let (each, barrier) = (&each, &barrier);
        let handles: Vec<_> = (0..THREADS)
            .map(|thread| {
                scope.spawn(move || {
                    let mut done = Vec::with_capacity(per_thread);
                    let mut panicked = None;
                    for n in 0..per_thread {
                        barrier.wait();
                        if panicked.is_none() {
                            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| each(thread, n))) {
                                Ok(value) => done.push(value),
                                Err(payload) => panicked = Some(payload),
                            }
                        }
                    }
                    if let Some(payload) = panicked {
                        std::panic::resume_unwind(payload);
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().flat_map(|handle| handle.join().unwrap()).collect()
    })
}

#[test]
fn threads_sharing_one_service_commit_orders_in_batches() {
    let (_dir, path, oms) = batched_shop();
    // The catalogue cache of the contract's unit of work is filled here, so
    // every order below sends the same statements.
    oms.place_order(one_of("PLENTY")).unwrap();

    // One thread: nobody waits, so each order commits alone (BEGIN IMMEDIATE,
    // its savepoint, RELEASE, COMMIT). This also shows the log counts COMMITs.
    let serial: u64 = 8;
    let (log, statements) = (wal(&path), oms.storage_statements());
    for _ in 0..serial {
        oms.place_order(one_of("PLENTY")).unwrap();
    }
    assert_eq!(commits_between(log, wal(&path)), serial, "one COMMIT per order placed alone");
    let sent = oms.storage_statements() - statements;
    assert_eq!(sent % serial, 0, "every order alone sends the same statements ({sent} for {serial})");
    let alone = sent / serial;

    // Threads: the last of a batch commits for all.
    let per_thread = 6;
    let orders = (THREADS * per_thread) as u64;
    let (log, statements) = (wal(&path), oms.storage_statements());
    let placed = on_threads(per_thread, |_, _| oms.place_order(one_of("PLENTY")).unwrap().id);
    let commits = commits_between(log, wal(&path));
    let sent = oms.storage_statements() - statements;
    eprintln!(
        "{orders} orders from {THREADS} threads: {commits} COMMITs; {alone} statements per order alone, {:.2} in batches",
        sent as f64 / orders as f64
    );
    assert!(commits < orders, "{commits} COMMITs for {orders} orders: group commit did not batch");
    // The same statements per order, less the BEGIN IMMEDIATE and COMMIT
    // each order sent alone, plus those two once per batch: the statements
    // counted are the COMMITs the log holds.
    assert_eq!(sent, orders * (alone - 2) + 2 * commits, "statements counted against the COMMITs in the log");
    assert!(sent < orders * alone, "statements per order fall when orders share their COMMITs");

    // Reopened without group commit, every order placed is there.
    drop(oms);
    let reopened = Oms::open(path.to_str().unwrap()).unwrap();
    for id in &placed {
        assert_eq!(reopened.get_order(id).unwrap().status, OrderStatus::Allocated);
    }
    // And an order there sends the same statements but for its savepoint
    // and RELEASE (after one that fills this service's catalogue cache).
    reopened.place_order(one_of("PLENTY")).unwrap();
    let statements = reopened.storage_statements();
    reopened.place_order(one_of("PLENTY")).unwrap();
    assert_eq!(alone, reopened.storage_statements() - statements + 2, "SAVEPOINT and RELEASE are counted");
    let level = reopened.stock_level(&sku("PLENTY"), &loc("wh-east")).unwrap();
    assert_eq!(level.allocated as u64, 1 + serial + orders + 2);
    assert_sound(&reopened);
}

#[test]
fn a_command_failing_in_a_batch_undoes_only_itself() {
    let (_dir, path, oms) = batched_shop();
    // Every thread alternates an order that always has stock with one of the
    // scarce SKU, which runs out early: later ones fail (insufficient_stock)
    // between the others' commands in their batches.
    let per_thread = 10;
    let log = wal(&path);
    let outcomes = on_threads(per_thread, |_, n| {
        let code = if n % 2 == 0 { "PLENTY" } else { "SCARCE" };
        match oms.place_order(one_of(code)) {
            Ok(order) => Some((code, order.id)),
            Err(error) => {
                assert_eq!((code, error.code()), ("SCARCE", "insufficient_stock"), "{error}");
                None
            }
        }
    });
    let commits = commits_between(log, wal(&path));
    let placed: Vec<&(&str, OrderId)> = outcomes.iter().flatten().collect();
    let failed = outcomes.len() - placed.len();
    let scarce = placed.iter().filter(|(code, _)| *code == "SCARCE").count();
    eprintln!("{} commands: {} placed, {failed} refused, {commits} COMMITs", outcomes.len(), placed.len());
    assert_eq!(scarce as i64, SCARCE, "every scarce unit sold once");
    assert_eq!(failed, outcomes.len() / 2 - SCARCE as usize, "only scarce orders beyond the stock fail");
    assert!((commits as usize) < placed.len(), "{commits} COMMITs for {} orders: no batching", placed.len());

    // Reopened without group commit: every acknowledged order is stored, and
    // nothing else is.
    drop(oms);
    let reopened = Oms::open(path.to_str().unwrap()).unwrap();
    for (_, id) in &placed {
        assert_eq!(reopened.get_order(id).unwrap().status, OrderStatus::Allocated, "{id}");
    }
    let stored = reopened.list_orders(&OrderQuery { limit: Some(1000), ..OrderQuery::default() }).unwrap();
    assert_eq!(stored.orders.len(), placed.len(), "orders stored against orders acknowledged");
    // Order numbers are gapless: a refused order took none (or gave it back).
    let mut sequences: Vec<u64> = stored.orders.iter().map(|order| order.sequence).collect();
    sequences.sort_unstable();
    assert_eq!(sequences, (1..=placed.len() as u64).collect::<Vec<_>>());
    let plenty = reopened.stock_level(&sku("PLENTY"), &loc("wh-east")).unwrap();
    assert_eq!(plenty.allocated as usize, placed.len() - scarce);
    let sold_out = reopened.stock_level(&sku("SCARCE"), &loc("wh-east")).unwrap();
    assert_eq!((sold_out.allocated, sold_out.available()), (SCARCE, 0));
    assert_sound(&reopened);
}

/// One write transaction of the contract on a shared store: reads the
/// tally (which learns the streams' last numbers), reads and rewrites a
/// stock row, takes a number from a series, writes a document, adds to the
/// tally and appends a ledger row; then commits, or (`keep` false) is
/// dropped with all that written. Returns the key, the number taken and the
/// ledger number given when it committed.
fn contract_command(store: &SqliteStore, key: String, keep: bool) -> Option<(String, u64, u64)> {
    let mut tx = contract::Store::begin(store, Access::Write).unwrap();
    tx.tallies(&["kept"]).unwrap();
    let mut row = tx.stock(&[&sku("S")], Lock::Update).unwrap().pop().unwrap();
    row.on_hand += 1;
    row.version += 1;
    tx.put_stock(&[row]).unwrap();
    let number = tx.next_in_series("n", Numbering::Gapless).unwrap();
    tx.put("note", &Document::new(key.clone(), 1, Body::json(format!("{number}")))).unwrap();
    tx.add_to_tallies(&[("kept", 1)]).unwrap();
    tx.append(Stream::Ledger, &[StreamEntry::new(key.clone(), Body::json("{}"))]).unwrap();
    if !keep {
        drop(tx);
        return None;
    }
    let receipt = tx.commit().unwrap();
    let numbers = receipt.numbers(Stream::Ledger).unwrap();
    assert_eq!(numbers.start(), numbers.end());
    Some((key, number, *numbers.start()))
}

/// The storage contract's SQLite transactions join batches themselves: a
/// transaction dropped inside a batch leaves none of its writes, the others'
/// survive, and what each learnt inside the open batch (stream numbers,
/// stock versions) stays right.
#[test]
fn contract_transactions_share_commits_and_a_dropped_one_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contract.db");
    let store = SqliteStore::open_target(&format!("{}?group_commit=16", path.display())).unwrap();
    let mut tx = contract::Store::begin(&store, Access::Write).unwrap();
    tx.put_stock(&[StockRow::new(sku("S"), loc("L"))]).unwrap();
    tx.commit().unwrap();

    // Alone, a kept and a dropped transaction: what each sends.
    let count = || contract::Store::statements_executed(&store);
    let before = count();
    contract_command(&store, "alone-kept".into(), true).unwrap();
    let kept_alone = count() - before; // BEGIN IMMEDIATE, SAVEPOINT, its statements, RELEASE, COMMIT
    let before = count();
    assert!(contract_command(&store, "alone-dropped".into(), false).is_none());
    let dropped_alone = count() - before; // BEGIN IMMEDIATE, SAVEPOINT, its statements, ROLLBACK TO, RELEASE, COMMIT

    let per_thread = 12;
    let (log, before) = (wal(&path), count());
    let outcomes = Mutex::new(Vec::new());
    on_threads(per_thread, |thread, n| {
        let keep = (thread + n) % 3 != 0;
        let kept = contract_command(&store, format!("t{thread}-{n}"), keep);
        outcomes.lock().unwrap().push((format!("t{thread}-{n}"), kept));
    });
    let commits = commits_between(log, wal(&path));
    let sent = count() - before;
    let outcomes = outcomes.into_inner().unwrap();
    let kept: Vec<(String, u64, u64)> = outcomes.iter().filter_map(|(_, kept)| kept.clone()).collect();
    let dropped = (outcomes.len() - kept.len()) as u64;
    // In a batch each sends two statements fewer than alone (no BEGIN or
    // COMMIT of its own); each batch sends those two once.
    let joined = kept.len() as u64 * (kept_alone - 2) + dropped * (dropped_alone - 2);
    let batches = (sent - joined) / 2;
    eprintln!("{} transactions ({dropped} dropped): {batches} batches, {commits} COMMITs in the log", outcomes.len());
    assert_eq!((sent - joined) % 2, 0);
    assert!(commits <= batches, "a batch commits once at most ({commits} COMMITs, {batches} batches)");
    assert!(commits < kept.len() as u64, "{commits} COMMITs for {} kept transactions: no batching", kept.len());
    assert!(dropped > 0);

    // One more transaction reads what is stored.
    let mut tx = contract::Store::begin(&store, Access::Write).unwrap();
    let kept_keys: BTreeSet<String> =
        kept.iter().map(|(key, _, _)| key.clone()).chain(["alone-kept".to_string()]).collect();
    let total = kept_keys.len() as u64;
    let notes = tx.scan("note", &IndexFilter::All, None, 10_000).unwrap();
    let stored: BTreeSet<String> = notes.iter().map(|doc| doc.key.clone()).collect();
    assert_eq!(stored, kept_keys, "the kept transactions' documents, and no dropped one's");
    assert_eq!(tx.tallies(&["kept"]).unwrap(), vec![total as i64]);
    let row = tx.stock(&[&sku("S")], Lock::None).unwrap().pop().unwrap();
    assert_eq!((row.on_hand, row.version), (total as i64, 1 + total), "one stock write per kept transaction");
    // The series is gapless: a dropped transaction's number is given again.
    let mut numbers: Vec<u64> = kept.iter().map(|(_, number, _)| *number).chain([1]).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=total).collect::<Vec<_>>());
    assert_eq!(tx.next_in_series("n", Numbering::Gapless).unwrap(), total + 1);
    // Each kept transaction's ledger row holds the number its commit gave it, gapless.
    let ledger = tx.read(Stream::Ledger, 0, 10_000).unwrap();
    assert_eq!(ledger.iter().map(|row| row.seq).collect::<Vec<_>>(), (1..=total).collect::<Vec<_>>());
    for (key, _, seq) in &kept {
        assert_eq!(&ledger[(*seq - 1) as usize].aggregate, key, "ledger row {seq}");
    }
    drop(tx);
}
