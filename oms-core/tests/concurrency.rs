//! No oversell under concurrency: many writers placing orders and checkout
//! reservations on one hot SKU never promise more than was received, on every
//! backend, with threads and (for SQLite) with separate processes, and the
//! ledger still balances.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::process::Command;
use std::sync::Arc;
use std::thread;

use common::*;
use oms_core::*;

const WRITERS: usize = 8;
const ATTEMPTS_PER_WRITER: usize = 40;
const RECEIVED: i64 = 100;
/// Set in the environment of a child process that acts as one writer.
const WORKER_DATABASE: &str = "OMS_HOT_SKU_WORKER_DATABASE";

fn hot_shop(oms: &Oms) {
    oms.upsert_location(UpsertLocation::new(loc("wh-east"), LocationKind::Warehouse, "US-NY")).unwrap();
    oms.upsert_channel(UpsertChannel::new(chan("web"), ChannelKind::Web, Currency::USD, vec![loc("wh-east")])).unwrap();
    oms.upsert_product(UpsertProduct::new(sku("HOT"), "Hot item")).unwrap();
    let receipt = ReceiveStock { sku: sku("HOT"), location: loc("wh-east"), quantity: RECEIVED, idempotency_key: None };
    oms.receive_stock(receipt).unwrap();
}

/// One writer: alternately places orders and takes reservations of 1–3 units;
/// returns the units it was granted.
fn write_as(oms: &Oms, writer: usize) -> i64 {
    let mut units = 0;
    for attempt in 0..ATTEMPTS_PER_WRITER {
        let quantity = 1 + ((writer + attempt) % 3) as i64;
        let outcome = if attempt % 2 == 0 {
            oms.place_order(order("web", vec![line("HOT", quantity, "9.99")])).map(|o| o.lines[0].quantities.allocated)
        } else {
            let reservation = ReserveStock {
                reservation_id: ReservationId::new(format!("cart-{}-{writer}-{attempt}", std::process::id())).unwrap(),
                channel: chan("web"),
                lines: vec![ReservationLine { sku: sku("HOT"), quantity }],
                ttl_seconds: 3600,
                pickup_location: None,
                ship_to_region: None,
                idempotency_key: None,
            };
            oms.reserve_stock(reservation).map(|r| r.lines[0].quantity)
        };
        match outcome {
            Ok(granted) => units += granted,
            Err(error) => assert_eq!(error.code(), "insufficient_stock", "{error}"),
        }
    }
    units
}

fn hammer(open: impl Fn() -> Arc<Oms> + Sync) -> i64 {
    thread::scope(|scope| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|writer| {
                let open = &open;
                scope.spawn(move || write_as(&open(), writer))
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().unwrap()).sum()
    })
}

fn check(granted: i64, oms: &Oms) {
    let level = oms.stock_level(&sku("HOT"), &loc("wh-east")).unwrap();
    assert!(granted <= RECEIVED, "oversold: granted {granted} of {RECEIVED}");
    assert_eq!(level.allocated + level.reserved, granted, "stock says {level:?}, callers were told {granted}");
    // Demand (8 writers × 40 attempts × 1–3 units) far exceeds the stock, and
    // one-unit requests keep coming, so at most two units can be left over.
    assert!(level.available() <= 2, "{} units left unsold", level.available());
    assert_sound(oms);
}

#[test]
fn memory_threads_sharing_one_service() {
    let oms = Arc::new(Oms::in_memory());
    hot_shop(&oms);
    let granted = hammer(|| Arc::clone(&oms));
    check(granted, &oms);
}

#[test]
fn sqlite_threads_sharing_one_service() {
    let dir = tempfile::tempdir().unwrap();
    let oms = Arc::new(Oms::open(dir.path().join("hot.db").to_str().unwrap()).unwrap());
    hot_shop(&oms);
    let granted = hammer(|| Arc::clone(&oms));
    check(granted, &oms);
}

#[test]
fn sqlite_group_commit_threads_sharing_one_service() {
    let dir = tempfile::tempdir().unwrap();
    let target = format!("sqlite:{}?group_commit=16", dir.path().join("hot.db").display());
    let oms = Arc::new(Oms::open(&target).unwrap());
    hot_shop(&oms);
    let granted = hammer(|| Arc::clone(&oms));
    check(granted, &oms);
    // Reopened without group commit, the file holds exactly what callers were told.
    check(granted, &Oms::open(dir.path().join("hot.db").to_str().unwrap()).unwrap());
}

#[test]
fn sqlite_connections_per_thread_on_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hot.db");
    hot_shop(&Oms::open(path.to_str().unwrap()).unwrap());
    let granted = hammer(|| Arc::new(Oms::open(path.to_str().unwrap()).unwrap()));
    check(granted, &Oms::open(path.to_str().unwrap()).unwrap());
}

/// The body of one child process of `sqlite_separate_processes`; when run
/// without its environment variable (as part of the normal suite) it does nothing.
#[test]
fn hot_sku_worker_process() {
    let Ok(path) = std::env::var(WORKER_DATABASE) else { return };
    let writer: usize = std::env::var("OMS_HOT_SKU_WORKER").unwrap().parse().unwrap();
    let oms = Oms::open(&path).unwrap();
    println!("GRANTED {}", write_as(&oms, writer));
}

#[test]
fn sqlite_separate_processes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hot.db");
    hot_shop(&Oms::open(path.to_str().unwrap()).unwrap());
    let granted = in_processes(path.to_str().unwrap());
    check(granted, &Oms::open(path.to_str().unwrap()).unwrap());
}

/// Runs `WRITERS` child processes of this test binary against `target`;
/// returns the units they were granted in all.
fn in_processes(target: &str) -> i64 {
    let me = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..WRITERS)
        .map(|writer| {
            Command::new(&me)
                .args(["--exact", "hot_sku_worker_process", "--nocapture", "--test-threads=1"])
                .env(WORKER_DATABASE, target)
                .env("OMS_HOT_SKU_WORKER", writer.to_string())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut granted = 0;
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "a writer process failed: {}", String::from_utf8_lossy(&output.stderr));
        let text = String::from_utf8(output.stdout).unwrap();
        // libtest may print "test hot_sku_worker_process ... " on the same line first.
        let line = text.lines().find_map(|line| line.split("GRANTED ").nth(1)).expect("a writer reported nothing");
        granted += line.trim().parse::<i64>().unwrap();
    }
    granted
}

#[test]
fn postgres_connections_per_thread() {
    if !postgres_enabled() {
        return;
    }
    let shop = open("postgres");
    hot_shop(&shop.oms);
    let target = format!("{}?schema={}", postgres_url(), shop.schema().unwrap());
    let granted = hammer(|| Arc::new(Oms::open(&target).unwrap()));
    check(granted, &shop.oms);
}

#[test]
fn postgres_separate_processes() {
    if !postgres_enabled() {
        return;
    }
    let shop = open("postgres");
    hot_shop(&shop.oms);
    let target = format!("{}?schema={}", postgres_url(), shop.schema().unwrap());
    check(in_processes(&target), &shop.oms);
}

/// Concurrent duplicates of one command under one idempotency key run once,
/// on every backend, each caller getting the same order.
#[test]
fn concurrent_duplicates_run_once() {
    for backend in backends() {
        let shop = open(backend);
        hot_shop(&shop.oms);
        let target = shop.schema().map(|schema| format!("{}?schema={schema}", postgres_url()));
        let ids: Vec<OrderId> = thread::scope(|scope| {
            let handles: Vec<_> = (0..WRITERS)
                .map(|_| {
                    let (shop, target) = (&shop, &target);
                    scope.spawn(move || {
                        // On PostgreSQL each caller has its own connection, like separate instances.
                        let own = target.as_ref().map(|url| Oms::open(url).unwrap());
                        let oms = own.as_ref().unwrap_or(&shop.oms);
                        let mut command = order("web", vec![line("HOT", 3, "9.99")]);
                        command.idempotency_key = key("checkout-dup");
                        oms.place_order(command).unwrap().id
                    })
                })
                .collect();
            handles.into_iter().map(|handle| handle.join().unwrap()).collect()
        });
        assert!(ids.iter().all(|id| *id == ids[0]), "{backend}: {ids:?}");
        assert_eq!(shop.oms.list_orders(&OrderQuery::default()).unwrap().orders.len(), 1, "{backend}");
        assert_eq!(shop.oms.stock_level(&sku("HOT"), &loc("wh-east")).unwrap().allocated, 3, "{backend}");
        assert_sound(&shop.oms);
    }
}
