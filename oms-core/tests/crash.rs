//! Crash safety: a process placing orders is killed (SIGKILL) again and
//! again; after each run the store is reopened and every order whose call
//! returned must be there and complete, nothing half-written may be visible,
//! and every invariant must hold. On SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use oms_core::*;

/// Set in the environment of a child that places orders until it is killed.
const CRASH_TARGET: &str = "OMS_CRASH_WORKER_TARGET";
const KILLS: u64 = 50;

fn stock(oms: &Oms) {
    oms.upsert_location(UpsertLocation::new(loc("wh-east"), LocationKind::Warehouse, "US-NY")).unwrap();
    oms.upsert_location(UpsertLocation::new(loc("wh-west"), LocationKind::Warehouse, "US-CA")).unwrap();
    let channel =
        UpsertChannel::new(chan("web"), ChannelKind::Web, Currency::USD, vec![loc("wh-east"), loc("wh-west")]);
    oms.upsert_channel(channel).unwrap();
    for code in ["TEE-M", "MUG"] {
        oms.upsert_product(UpsertProduct::new(sku(code), code)).unwrap();
        for location in ["wh-east", "wh-west"] {
            let receipt =
                ReceiveStock { sku: sku(code), location: loc(location), quantity: 1_000_000, idempotency_key: None };
            oms.receive_stock(receipt).unwrap();
        }
    }
}

/// The body of a child process: four threads place two-line orders forever
/// on one service, each printing the id of every order whose call returned.
#[test]
fn crash_worker() {
    let Ok(target) = std::env::var(CRASH_TARGET) else { return };
    let oms = Oms::open(&target).unwrap();
    std::thread::scope(|scope| {
        for thread in 0..4_u64 {
            let oms = &oms;
            scope.spawn(move || {
                for n in 0_u64.. {
                    let mut command =
                        order("web", vec![line("TEE-M", 1 + (n % 3) as i64, "9.99"), line("MUG", 1, "4.50")]);
                    let key = format!("crash-{}-{thread}-{n}", std::process::id());
                    command.idempotency_key = IdempotencyKey::new(key).ok();
                    let placed = oms.place_order(command).unwrap();
                    // One write per line, so that lines of two threads never interleave.
                    let mut out = std::io::stdout().lock();
                    out.write_all(format!("ACK {}\n", placed.id).as_bytes()).unwrap();
                    out.flush().unwrap();
                }
            });
        }
    });
}

/// Kills a writer `KILLS` times (more when too few orders were acknowledged),
/// each after a different short while; returns every acknowledged order id.
fn kill_repeatedly(target: &str) -> BTreeSet<String> {
    let me = std::env::current_exe().unwrap();
    let mut acknowledged = BTreeSet::new();
    // On a loaded machine a writer may be killed before it starts working:
    // keep killing (up to ten times as often) until enough orders were acknowledged.
    let enough = (KILLS / 5) as usize;
    let mut kill = 0;
    while kill < KILLS || (acknowledged.len() < enough && kill < KILLS * 10) {
        kill += 1;
        let mut child = Command::new(&me)
            .args(["--exact", "crash_worker", "--nocapture", "--test-threads=1"])
            .env(CRASH_TARGET, target)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // 30 to 120 ms: some kills land while the process starts, most in the
        // middle of a command; each round past the first waits 100 ms longer.
        std::thread::sleep(Duration::from_millis(30 + (kill * 37) % 91 + (kill - 1) / KILLS * 100));
        child.kill().unwrap();
        let output = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        // Only whole lines count: a line cut by the kill was never acknowledged.
        for line in text.split_inclusive('\n').filter(|line| line.ends_with('\n')) {
            if let Some(id) = line.split("ACK ").nth(1) {
                acknowledged.insert(id.trim().to_string());
            }
        }
    }
    acknowledged
}

fn verify(oms: &Oms, acknowledged: &BTreeSet<String>) {
    // Most runs acknowledge several orders; a machine slow to start processes may lose some runs entirely.
    assert!(
        acknowledged.len() >= (KILLS / 5) as usize,
        "the writers were killed before they could work: {}",
        acknowledged.len()
    );
    for id in acknowledged {
        let order = oms
            .get_order(&OrderId::new(id.as_str()).unwrap())
            .unwrap_or_else(|e| panic!("acknowledged {id} is gone: {e}"));
        assert_eq!(order.status, OrderStatus::Allocated, "{id}");
        assert!(order.violations().is_empty(), "{id}: {:?}", order.violations());
    }
    // Nothing half-written: every stored order is whole, and the ledger matches every bucket.
    assert_sound(oms);
    let stored = oms.list_orders(&OrderQuery { limit: Some(1000), ..OrderQuery::default() }).unwrap();
    let mut total = stored.orders.len();
    let mut page = stored;
    while let Some(cursor) = page.next_cursor.clone() {
        page =
            oms.list_orders(&OrderQuery { limit: Some(1000), after: Some(cursor), ..OrderQuery::default() }).unwrap();
        total += page.orders.len();
    }
    assert!(total >= acknowledged.len());
    let level = oms.stock_level(&sku("MUG"), &loc("wh-east")).unwrap();
    let elsewhere = oms.stock_level(&sku("MUG"), &loc("wh-west")).unwrap();
    assert_eq!((level.allocated + elsewhere.allocated) as usize, total, "one MUG per stored order");
}

#[test]
fn killed_sqlite_writers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db").display().to_string();
    stock(&Oms::open(&path).unwrap());
    let acknowledged = kill_repeatedly(&path);
    verify(&Oms::open(&path).unwrap(), &acknowledged);
}

#[test]
fn killed_sqlite_group_commit_writers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db").display().to_string();
    stock(&Oms::open(&path).unwrap());
    let acknowledged = kill_repeatedly(&format!("sqlite:{path}?group_commit=16"));
    verify(&Oms::open(&path).unwrap(), &acknowledged);
}

#[test]
fn killed_postgres_writers_lose_nothing() {
    if !postgres_enabled() {
        return;
    }
    let shop = open("postgres");
    stock(&shop.oms);
    let target = format!("{}?schema={}", postgres_url(), shop.schema().unwrap());
    let acknowledged = kill_repeatedly(&target);
    verify(&Oms::open(&target).unwrap(), &acknowledged);
}
