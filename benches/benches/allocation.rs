//! The allocation engine on its own (a 3-line order over 10, 100 and 1,000
//! locations) and the bulk available-to-promise query for 50 SKUs.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use oms_benches::*;
use oms_core::allocation::{self, AllocationStrategy, LineDemand, Request, Site};
use oms_core::*;

struct Network {
    locations: Vec<Location>,
    channel: Channel,
    skus: Vec<Sku>,
    /// Free units of SKU `s` at location `l`: `stock[l][s]`.
    stock: Vec<[i64; 3]>,
}

fn network(count: usize) -> Network {
    let locations: Vec<Location> = (0..count)
        .map(|index| Location {
            id: location(index),
            kind: LocationKind::Warehouse,
            region: format!("R-{}", index % 7),
            capabilities: Capabilities::default_for(LocationKind::Warehouse),
            daily_capacity: None,
            priority: (index % 5) as i64,
            version: 1,
        })
        .collect();
    let mut command = UpsertChannel::new(
        ChannelId::new("web").unwrap(),
        ChannelKind::Web,
        Currency::USD,
        locations.iter().map(|l| l.id.clone()).collect(),
    );
    command.safety_stock = 1;
    let channel = Channel {
        id: command.id,
        kind: command.kind,
        currency: command.currency,
        locations: command.locations,
        prices_include_tax: false,
        rounding: RoundingPolicy::default(),
        tax_rates: Default::default(),
        safety_stock: 1,
        allow_backorders: false,
        split_policy: SplitPolicy::FewestShipments,
        pickup_fallback: PickupFallback::Reject,
        strategy: "ship_from_warehouse".into(),
        max_distance_km: None,
        require_payment_before_shipping: false,
        capture_on_shipment: false,
        pickup_window_hours: oms_core::limits::PICKUP_WINDOW_HOURS_DEFAULT,
        version: 1,
    };
    // Each SKU is stocked at one location in ten; no single location has all three.
    let stock =
        (0..count).map(|l| [(l % 10 == 3) as i64 * 5, (l % 10 == 6) as i64 * 5, (l % 10 == 9) as i64 * 5]).collect();
    Network { locations, channel, skus: (0..3).map(sku).collect(), stock }
}

fn engine(c: &mut Criterion) {
    let mut group = c.benchmark_group("allocate_3_lines");
    for count in [10, 100, 1_000] {
        let network = network(count);
        let sites: Vec<Site<'_>> = network
            .locations
            .iter()
            .enumerate()
            .map(|(position, location)| Site {
                location,
                permitted: true,
                position,
                distance_km: Some((position % 7) as u32 * 100),
                shipments_today: 0,
            })
            .collect();
        let lines: Vec<LineDemand<'_>> = network.skus.iter().map(|sku| LineDemand { sku, quantity: 2 }).collect();
        let request =
            Request { channel: &network.channel, lines: &lines, destination_region: Some("R-0"), store: None };
        let strategy: &dyn AllocationStrategy = &ShipFromWarehouse;
        // Indexed by the site's position, as the service lays stock out.
        let lookup = |sku: &Sku, site: &Site<'_>| {
            let column = network.skus.iter().position(|s| std::ptr::eq(s, sku) || s == sku).unwrap_or(0);
            let free = network.stock[site.position][column];
            (free, (free - 1).max(0))
        };
        group.throughput(Throughput::Elements(1));
        for explain in [false, true] {
            let name = if explain { "explained" } else { "plain" };
            group.bench_with_input(BenchmarkId::new(name, count), &count, |b, _| {
                b.iter(|| {
                    let plan = allocation::plan(&request, &sites, &[strategy], &lookup, explain);
                    assert_eq!(plan.explanation.unfilled, 0);
                    plan
                })
            });
        }
    }
    group.finish();
}

fn bulk_availability(c: &mut Criterion) {
    let oms = Oms::in_memory();
    stock_shop(&oms, 1_000, 20);
    let query = AvailabilityQuery {
        channel: ChannelId::new("web").unwrap(),
        skus: (0..50).map(|i| sku(i * 17)).collect(),
        region: None,
        pickup_location: None,
    };
    let mut group = c.benchmark_group("availability");
    group.throughput(Throughput::Elements(50));
    group.bench_function("50_skus_20_locations_memory", |b| b.iter(|| oms.availability(&query).unwrap()));
    group.finish();
}

criterion_group!(benches, engine, bulk_availability);
criterion_main!(benches);
