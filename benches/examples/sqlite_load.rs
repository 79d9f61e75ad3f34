//! Durable SQLite throughput with threads sharing one service, with and
//! without group commit (PERFORMANCE.md P3).
//!
//! `cargo run --release -p oms-benches --example sqlite_load -- [seconds]`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use oms_benches::*;
use oms_core::*;

const SKUS: usize = 10_000;
const LOCATIONS: usize = 20;

fn run(oms: &Oms, threads: usize, seconds: u64) -> f64 {
    let stop = AtomicBool::new(false);
    let done = AtomicU64::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for thread in 0..threads {
            let (stop, done) = (&stop, &done);
            scope.spawn(move || {
                let mut n = thread * 100_000_000;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    oms.place_order(three_line_order(n, SKUS)).unwrap();
                    done.fetch_add(1, Ordering::Relaxed);
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
    let dir = tempfile::tempdir().unwrap();
    println!("SQLite WAL + synchronous=FULL, 3-line orders, threads sharing one service, {seconds} s each:");
    for (name, options) in [("one commit per order", ""), ("group commit, 64 per commit", "?group_commit=64")] {
        let path = dir.path().join(format!("load-{}.db", options.len()));
        stock_shop(&Oms::open(path.to_str().unwrap()).unwrap(), SKUS, LOCATIONS);
        let oms = Oms::open(&format!("sqlite:{}{options}", path.display())).unwrap();
        for threads in [1, 8, 32] {
            let rate = run(&oms, threads, seconds);
            println!("  {name:<28} {threads:>2} threads: {rate:>8.0} orders/s");
        }
        assert!(oms.audit().unwrap().is_clean());
    }
}
