//! Load on the local PostgreSQL server: orders per second with 1, 8 and 32
//! connections, and a hot SKU with 8 and 64 connections (successful
//! allocations per second, and a check that nothing was oversold).
//!
//! `cargo run --release -p oms-benches --example postgres_load -- [seconds]`
//! (URL from `OMS_BENCH_POSTGRES_URL`, default the local server; each run uses
//! fresh schemas and drops them).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use oms_benches::*;
use oms_core::*;

const SKUS: usize = 2_000;
const LOCATIONS: usize = 4;
const HOT_STOCK: i64 = 1_000_000;

fn url() -> String {
    std::env::var("OMS_BENCH_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

fn drop_schema(schema: &str) {
    if let Ok(mut client) = postgres::Client::connect(&url(), postgres::NoTls) {
        let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    }
}

/// Runs `work` on `connections` threads (each with its own service and so
/// its own connection) for `seconds`; returns successes per second.
fn run(target: &str, connections: usize, seconds: u64, work: impl Fn(&Oms, u64) -> bool + Sync) -> f64 {
    let stop = AtomicBool::new(false);
    let done = AtomicU64::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for thread in 0..connections {
            let (stop, done, work) = (&stop, &done, &work);
            scope.spawn(move || {
                let oms = Oms::open(target).unwrap();
                let mut n = thread as u64 * 1_000_000_000;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    if work(&oms, n) {
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
        std::thread::sleep(Duration::from_secs(seconds));
        stop.store(true, Ordering::Relaxed);
    });
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let seconds: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let stamp = std::process::id();

    let schema = format!("bench_orders_{stamp}");
    let target = format!("{}?schema={schema}", url());
    stock_shop(&Oms::open(&target).unwrap(), SKUS, LOCATIONS);
    println!("PostgreSQL, 3-line orders over {SKUS} SKUs, one connection per thread, {seconds} s each:");
    let mut single = 0.0;
    for connections in [1, 8, 32] {
        let rate =
            run(&target, connections, seconds, |oms, n| oms.place_order(three_line_order(n as usize, SKUS)).is_ok());
        if connections == 1 {
            single = rate;
        }
        println!("  {connections:>2} connections: {rate:>8.0} orders/s ({:.2} × one connection)", rate / single);
    }
    drop_schema(&schema);

    let schema = format!("bench_hot_{stamp}");
    let target = format!("{}?schema={schema}", url());
    let oms = Oms::open(&target).unwrap();
    stock_shop(&oms, 1, 1);
    println!("PostgreSQL, one hot SKU, 1-unit orders, {seconds} s each:");
    let mut at_eight = 0.0;
    for connections in [8, 64] {
        let before = oms.stock_level(&sku(0), &location(0)).unwrap().allocated;
        let rate = run(&target, connections, seconds, |oms, _| {
            let mut order = three_line_order(0, 1);
            order.lines.truncate(1);
            oms.place_order(order).is_ok()
        });
        let level = oms.stock_level(&sku(0), &location(0)).unwrap();
        if connections == 8 {
            at_eight = rate;
        }
        println!(
            "  {connections:>2} connections: {rate:>8.0} allocations/s ({:.2} × 8 connections); allocated {} of {} on hand (+{} this run), audit clean: {}",
            rate / at_eight,
            level.allocated,
            level.on_hand,
            level.allocated - before,
            oms.audit().unwrap().is_clean()
        );
        assert!(level.allocated <= HOT_STOCK.min(level.on_hand), "oversold");
    }
    drop(oms);
    drop_schema(&schema);
}
