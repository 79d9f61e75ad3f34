//! A trading day against an embedded SQLite file: `make demo`, or
//! `cargo run --release -p oms-core --example demo -- --orders 20000 --db oms-demo.db`.
//!
//! It sets up locations, channels and a few hundred SKUs, places random orders
//! (some cancelled, some partly cancelled, some held and released), restocks
//! now and then, and reports orders by status, stock per location, the
//! conservation check and the rate it ran at.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::time::Instant;

use oms_core::*;
use rust_decimal::Decimal;

const SKU_COUNT: usize = 300;

/// xorshift64*: small, deterministic, good enough to pick demo data.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

struct Options {
    orders: usize,
    db: String,
}

fn options() -> Result<Options, String> {
    let mut options = Options { orders: 20_000, db: "oms-demo.db".into() };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--orders" => {
                options.orders = args.next().and_then(|n| n.parse().ok()).ok_or("--orders takes a whole number")?;
            }
            "--db" => options.db = args.next().ok_or("--db takes a file path")?,
            "--help" | "-h" => return Err("usage: demo [--orders N] [--db PATH]".into()),
            other => return Err(format!("unknown argument {other:?}; try --help")),
        }
    }
    Ok(options)
}

fn id<T: TryFrom<String, Error = Error>>(text: &str) -> T {
    T::try_from(text.to_string()).expect("demo ids are valid")
}

const LOCATIONS: &[(&str, LocationKind, &str)] = &[
    ("wh-east", LocationKind::Warehouse, "US-NY"),
    ("wh-west", LocationKind::Warehouse, "US-CA"),
    ("3pl-central", LocationKind::ThirdPartyLogistics, "US-TX"),
    ("store-soho", LocationKind::Store, "US-NY"),
];

fn set_up(oms: &Oms, random: &mut Random) -> Vec<(Sku, Decimal)> {
    for (location, kind, region) in LOCATIONS {
        oms.upsert_location(UpsertLocation { id: id(location), kind: *kind, region: (*region).into() }).unwrap();
    }
    let channel = |name: &str, kind, currency, locations: &[&str], inclusive, rate: &str| UpsertChannel {
        id: id(name),
        kind,
        currency,
        locations: locations.iter().map(|l| id(l)).collect(),
        prices_include_tax: inclusive,
        rounding: RoundingPolicy {
            mode: if inclusive { RoundingMode::HalfEven } else { RoundingMode::HalfUp },
            level: if inclusive { RoundingLevel::Document } else { RoundingLevel::Line },
        },
        tax_rates: [(TaxClass::standard(), rate.parse().unwrap())].into_iter().collect(),
    };
    for command in [
        channel("web", ChannelKind::Web, Currency::USD, &["wh-east", "wh-west", "3pl-central"], false, "0.08875"),
        channel("marketplace", ChannelKind::Marketplace, Currency::USD, &["3pl-central", "wh-west"], false, "0.0725"),
        channel("pos-soho", ChannelKind::PointOfSale, Currency::USD, &["store-soho"], false, "0.08875"),
        channel("eu-web", ChannelKind::Web, Currency::EUR, &["wh-east"], true, "0.2"),
    ] {
        oms.upsert_channel(command).unwrap();
    }
    let mut catalogue = Vec::with_capacity(SKU_COUNT);
    for index in 0..SKU_COUNT {
        let sku: Sku = id(&format!("SKU-{index:04}"));
        oms.upsert_product(UpsertProduct {
            sku: sku.clone(),
            name: format!("Product {index}"),
            tax_class: TaxClass::standard(),
        })
        .unwrap();
        for (location, kind, _) in LOCATIONS {
            let quantity = if *kind == LocationKind::Store { 5 + random.below(20) } else { 20 + random.below(150) };
            oms.receive_stock(ReceiveStock {
                sku: sku.clone(),
                location: id(location),
                quantity: quantity as i64,
                idempotency_key: None,
            })
            .unwrap();
        }
        catalogue.push((sku, Decimal::new(199 + random.below(15_000) as i64, 2)));
    }
    catalogue
}

#[derive(Default)]
struct Tally {
    placed: usize,
    out_of_stock: usize,
    cancelled: usize,
    lines_cancelled: usize,
    held_and_released: usize,
    split_lines: usize,
}

fn trade(oms: &Oms, catalogue: &[(Sku, Decimal)], random: &mut Random, number: usize, tally: &mut Tally) {
    let channels = ["web", "web", "web", "marketplace", "pos-soho", "eu-web"];
    let channel = channels[random.below(channels.len())];
    let lines: Vec<LineInput> = (0..1 + random.below(4))
        .map(|_| {
            // A few best sellers take most of the demand.
            let index = if random.chance(40) { random.below(15) } else { random.below(catalogue.len()) };
            let (sku, price) = &catalogue[index];
            LineInput { sku: sku.clone(), quantity: 1 + random.below(3) as i64, unit_price: *price, discount: None }
        })
        .collect();
    let subtotal: Decimal = lines.iter().map(|line| line.unit_price * Decimal::from(line.quantity)).sum();
    let command = PlaceOrder {
        channel: id(channel),
        customer_email: Email::new(format!("customer{}@example.com", random.below(5_000))).unwrap(),
        currency: None,
        lines,
        order_discount: (subtotal > Decimal::from(20) && random.chance(10)).then(|| Decimal::new(500, 2)),
        shipping: (channel != "pos-soho").then(|| Decimal::new(499, 2)),
        idempotency_key: Some(IdempotencyKey::new(format!("demo-{number}")).unwrap()),
    };
    let placed = match oms.place_order(command) {
        Ok(placed) => placed,
        Err(error) if error.code() == "insufficient_stock" => {
            tally.out_of_stock += 1;
            return;
        }
        Err(error) => panic!("unexpected error: {error}"),
    };
    tally.placed += 1;
    tally.split_lines += placed.lines.iter().filter(|line| line.allocations.len() > 1).count();
    if random.chance(8) {
        oms.cancel_order(CancelOrder {
            order_id: placed.id,
            reason: Some("customer changed their mind".into()),
            idempotency_key: None,
        })
        .unwrap();
        tally.cancelled += 1;
    } else if random.chance(4) {
        let lines = vec![LineQuantity { line_number: 1, quantity: 1 }];
        oms.cancel_lines(CancelLines { order_id: placed.id, lines, idempotency_key: None }).unwrap();
        tally.lines_cancelled += 1;
    } else if random.chance(2) {
        oms.hold_order(HoldOrder { order_id: placed.id.clone(), reason: "fraud review".into(), idempotency_key: None })
            .unwrap();
        oms.release_hold(ReleaseHold { order_id: placed.id, idempotency_key: None }).unwrap();
        tally.held_and_released += 1;
    }
}

/// A delivery: the best sellers everywhere, and a few random SKUs at one warehouse.
fn restock(oms: &Oms, catalogue: &[(Sku, Decimal)], random: &mut Random) {
    let receive = |sku: &Sku, location: &str, quantity| {
        oms.receive_stock(ReceiveStock { sku: sku.clone(), location: id(location), quantity, idempotency_key: None })
            .unwrap();
    };
    for (sku, _) in &catalogue[..15] {
        for (location, kind, _) in LOCATIONS {
            receive(sku, location, if *kind == LocationKind::Store { 15 } else { 40 });
        }
    }
    for _ in 0..40 {
        let (sku, _) = &catalogue[random.below(catalogue.len())];
        receive(sku, LOCATIONS[random.below(3)].0, 30);
    }
}

fn progress(done: usize, total: usize, started: Instant) {
    let width = 40;
    let filled = done * width / total.max(1);
    let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-9);
    eprint!("\r[{}{}] {done}/{total} orders  {rate:>8.0}/s", "#".repeat(filled), " ".repeat(width - filled));
    let _ = std::io::stderr().flush();
}

fn report(oms: &Oms, tally: &Tally, orders: usize, seconds: f64) {
    println!(
        "\n\nTrading day: {orders} checkouts in {seconds:.2} s ({:.0} checkouts/s, one durable SQLite commit each)",
        orders as f64 / seconds
    );
    println!(
        "  placed {}  out of stock {}  cancelled {}  partly cancelled {}  held and released {}  lines split across locations {}",
        tally.placed, tally.out_of_stock, tally.cancelled, tally.lines_cancelled, tally.held_and_released, tally.split_lines
    );
    println!("\nOrders by status");
    for (status, count) in oms.order_status_counts().unwrap() {
        println!("  {:<22}{count:>8}", status.as_str());
    }
    println!("\nStock per location          on hand   allocated   available");
    let mut per_location: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for level in oms.stock_levels(None, None).unwrap() {
        let entry = per_location.entry(level.location.to_string()).or_default();
        entry.0 += level.on_hand;
        entry.1 += level.allocated;
    }
    for (location, (on_hand, allocated)) in &per_location {
        println!("  {location:<24}{on_hand:>10}{allocated:>12}{:>12}", on_hand - allocated);
    }
    let audit = oms.audit().unwrap();
    println!(
        "\nConservation check: {} stock levels and {} orders checked; ledger sums equal on-hand and allocated everywhere: {}",
        audit.stock_levels_checked,
        audit.orders_checked,
        if audit.is_clean() { "yes" } else { "NO" }
    );
    for violation in audit.violations.iter().take(10) {
        println!("  violation: {violation}");
    }
    let mut by_type: HashMap<&str, usize> = HashMap::new();
    let mut cursor = 0;
    loop {
        let page = oms.events_since(cursor, Some(1000)).unwrap();
        let Some(last) = page.last() else { break };
        cursor = last.sequence;
        for record in &page {
            *by_type.entry(record.event.name()).or_default() += 1;
        }
    }
    println!(
        "Outbox: {cursor} events ({} order_placed, {} stock_allocated, {} stock_released)",
        by_type.get("order_placed").unwrap_or(&0),
        by_type.get("stock_allocated").unwrap_or(&0),
        by_type.get("stock_released").unwrap_or(&0)
    );
    if !audit.is_clean() {
        std::process::exit(1);
    }
}

fn main() {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", options.db));
    }
    let oms = Oms::open(&options.db).unwrap();
    let mut random = Random(0x5EED_0F0D_A7E5_u64);
    println!(
        "oms demo: {} SKUs at {} locations, 4 channels, {} orders into {}",
        SKU_COUNT,
        LOCATIONS.len(),
        options.orders,
        options.db
    );
    let catalogue = set_up(&oms, &mut random);
    let mut tally = Tally::default();
    let started = Instant::now();
    let step = (options.orders / 100).max(1);
    for number in 0..options.orders {
        trade(&oms, &catalogue, &mut random, number, &mut tally);
        if number % 250 == 249 {
            restock(&oms, &catalogue, &mut random);
        }
        if number % step == 0 || number + 1 == options.orders {
            progress(number + 1, options.orders, started);
        }
    }
    report(&oms, &tally, options.orders, started.elapsed().as_secs_f64());
}
