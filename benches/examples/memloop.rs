//! Places N 3-line orders in one service, for instruction counts under callgrind:
//! `memloop N [TARGET [SKUS LOCATIONS]]`; TARGET is anything `Oms::open` takes
//! (default `:memory:`), over 10,000 SKUs at 20 locations unless given.
#![allow(clippy::unwrap_used, clippy::print_stdout)]
use oms_benches::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let target = args.get(2).map_or(":memory:", String::as_str);
    let skus: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let locations: usize = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(20);
    let oms = oms_core::Oms::open(target).unwrap();
    stock_shop(&oms, skus, locations);
    let t = std::time::Instant::now();
    for n in 0..count {
        oms.place_order(three_line_order(n, skus)).unwrap();
    }
    println!("{:?} per order", t.elapsed() / count as u32);
}
