//! Placing a 3-line order, in memory and on durable SQLite, each beside a
//! plain baseline doing the same stock work in the same run (see BENCHMARKS.md).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use oms_benches::*;
use oms_core::Oms;

const SKUS: usize = 10_000;
const LOCATIONS: usize = 20;

fn in_memory(c: &mut Criterion) {
    let mut group = c.benchmark_group("place_order_memory");
    group.throughput(Throughput::Elements(1));
    let oms = Oms::in_memory();
    stock_shop(&oms, SKUS, LOCATIONS);
    let mut n = 0;
    group.bench_function("oms", |b| {
        b.iter(|| {
            n += 1;
            oms.place_order(three_line_order(n, SKUS)).unwrap()
        })
    });
    let mut baseline = HashMapBaseline::new(SKUS, LOCATIONS);
    let mut m = 0;
    group.bench_function("hashmap_baseline", |b| {
        b.iter(|| {
            m += 1;
            assert!(baseline.place(m));
        })
    });
    group.finish();
}

fn on_sqlite(c: &mut Criterion) {
    let mut group = c.benchmark_group("place_order_sqlite_full");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    let dir = tempfile::tempdir().unwrap();
    let oms = Oms::open(dir.path().join("bench.db").to_str().unwrap()).unwrap();
    stock_shop(&oms, SKUS, LOCATIONS);
    let mut n = 0;
    group.bench_function("oms", |b| {
        b.iter(|| {
            n += 1;
            oms.place_order(three_line_order(n, SKUS)).unwrap()
        })
    });
    let mut baseline = SqliteBaseline::new(&dir.path().join("baseline.db"), SKUS);
    let mut m = 0;
    group.bench_function("raw_sql_baseline", |b| {
        b.iter(|| {
            m += 1;
            baseline.place(m);
        })
    });
    group.finish();
}

criterion_group!(benches, in_memory, on_sqlite);
criterion_main!(benches);
