#![allow(clippy::unwrap_used, clippy::print_stdout)]
use oms_benches::*;
fn main() {
    let oms = oms_core::Oms::in_memory();
    stock_shop(&oms, 10_000, 20);
    let t = std::time::Instant::now();
    let count: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    for n in 0..count {
        oms.place_order(three_line_order(n, 10_000)).unwrap();
    }
    println!("{:?} per order", t.elapsed() / count as u32);
}
