//! A trading day against an embedded SQLite file: `make demo`, or
//! `cargo run --release -p oms-core --example demo -- --orders 20000 --db oms-demo.db`.
//!
//! It sets up locations, channels and a few hundred SKUs, places random orders
//! (some cancelled, some partly cancelled, some held and released), restocks
//! now and then; then fulfils them: takes payments (card, gift card, cash on
//! delivery, mixed), picks, packs and ships most orders (by carrier, or
//! through the third-party warehouse's partner), captures on shipment on the
//! web channel, and writes one pick list, one packing slip and one label
//! beside the database. It reports orders by status, shipments and payments
//! by status, stock per location, the conservation check and the rate it ran at.
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

const USAGE: &str = "usage: demo [--orders N] [--db PATH]

Simulates a trading day on an embedded SQLite file and reports on it.
  --orders N   checkouts to simulate (default 20000)
  --db PATH    the database file (default oms-demo.db); an existing file is
               replaced only if an earlier run of this demo wrote it";

/// What the command line asks for, or why it cannot be done. `Ok(None)`: help was asked for.
fn options() -> Result<Option<Options>, String> {
    let mut options = Options { orders: 20_000, db: "oms-demo.db".into() };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--orders" => {
                options.orders = args.next().and_then(|n| n.parse().ok()).ok_or("--orders takes a whole number")?;
            }
            "--db" => options.db = args.next().ok_or("--db takes a file path")?,
            "--help" | "-h" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}; try --help")),
        }
    }
    Ok(Some(options))
}

/// Whether `path` may be replaced: it does not exist, is empty, or is an oms
/// database holding this demo's locations and channels. Anything else
/// (another program's file, a shop's real database) is left alone. The file
/// is only read, never opened for writing, before it is judged.
fn replaceable(path: &str) -> Result<(), String> {
    let refuse = |why: &str| format!("refusing to replace {path}: {why}; choose another --db or delete it yourself");
    match std::fs::metadata(path) {
        Err(_) => return Ok(()),
        Ok(metadata) if metadata.len() == 0 => return Ok(()),
        Ok(_) => {}
    }
    let connection = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| refuse("it cannot be read as a database"))?;
    let application_id: i64 = connection
        .query_row("PRAGMA application_id", [], |row| row.get(0))
        .map_err(|_| refuse("it is not a SQLite database"))?;
    if application_id != 0x4F4D_5331 {
        return Err(refuse("it is not an oms database"));
    }
    let demo_locations = LOCATIONS.iter().map(|(id, ..)| format!("'{id}'")).collect::<Vec<_>>().join(", ");
    // The storage contract's documents, or, in a file an older demo wrote and nothing has opened since,
    // the first schema's tables.
    let count = |sql: &str| connection.query_row(sql, [], |row| row.get::<_, i64>(0)).unwrap_or(0);
    let found = count(&format!("SELECT count(*) FROM locations WHERE id IN ({demo_locations})"))
        .max(count(&format!("SELECT count(*) FROM documents WHERE kind = 'location' AND key IN ({demo_locations})")));
    let demo_till = count("SELECT count(*) FROM channels WHERE id = 'pos-soho'")
        .max(count("SELECT count(*) FROM documents WHERE kind = 'channel' AND key = 'pos-soho'"));
    if found != LOCATIONS.len() as i64 || demo_till != 1 {
        return Err(refuse("it is an oms database this demo did not write"));
    }
    Ok(())
}

fn id<T: TryFrom<String, Error = Error>>(text: &str) -> T {
    T::try_from(text.to_string()).expect("demo ids are valid")
}

const LOCATIONS: &[(&str, LocationKind, &str)] = &[
    ("wh-east", LocationKind::Warehouse, "US-NY"),
    ("wh-west", LocationKind::Warehouse, "US-CA"),
    ("3pl-central", LocationKind::ThirdPartyLogistics, "US-TX"),
    ("store-soho", LocationKind::Store, "US-NY"),
    ("store-mission", LocationKind::Store, "US-CA"),
];

const REGIONS: &[&str] = &["US-NY", "US-CA", "US-TX"];

fn set_up(oms: &Oms, random: &mut Random) -> Vec<(Sku, Decimal)> {
    for (location, kind, region) in LOCATIONS {
        let mut command = UpsertLocation::new(id(location), *kind, *region);
        // The Soho store also ships online orders.
        command.ships_from_store = *location == "store-soho";
        oms.upsert_location(command).unwrap();
    }
    for (from, to, km) in [("US-NY", "US-CA", 3_900), ("US-NY", "US-TX", 2_300), ("US-CA", "US-TX", 2_000)] {
        oms.set_region_distance(SetRegionDistance { from_region: from.into(), to_region: to.into(), distance_km: km })
            .unwrap();
    }
    let everywhere = ["wh-east", "wh-west", "3pl-central", "store-soho", "store-mission"];
    let channel = |name: &str, kind, currency, locations: &[&str], inclusive: bool, rate: &str| UpsertChannel {
        prices_include_tax: inclusive,
        rounding: RoundingPolicy {
            mode: if inclusive { RoundingMode::HalfEven } else { RoundingMode::HalfUp },
            level: if inclusive { RoundingLevel::Document } else { RoundingLevel::Line },
        },
        tax_rates: [(TaxClass::standard(), rate.parse().unwrap())].into_iter().collect(),
        ..UpsertChannel::new(id(name), kind, currency, locations.iter().map(|l| id(l)).collect())
    };
    let commands = [
        UpsertChannel {
            safety_stock: 2,
            capture_on_shipment: true,
            ..channel("web", ChannelKind::Web, Currency::USD, &everywhere, false, "0.08875")
        },
        UpsertChannel {
            strategy: Some("ship_from_store".into()),
            split_policy: SplitPolicy::Nearest,
            ..channel("ship-from-store", ChannelKind::Web, Currency::USD, &everywhere, false, "0.08875")
        },
        UpsertChannel {
            pickup_fallback: PickupFallback::ShipToStore,
            ..channel("pickup-in-store", ChannelKind::Pickup, Currency::USD, &everywhere, false, "0.08875")
        },
        UpsertChannel {
            allow_backorders: true,
            ..channel(
                "marketplace",
                ChannelKind::Marketplace,
                Currency::USD,
                &["3pl-central", "wh-west"],
                false,
                "0.0725",
            )
        },
        channel("pos-soho", ChannelKind::PointOfSale, Currency::USD, &["store-soho"], false, "0.08875"),
        channel("eu-web", ChannelKind::Web, Currency::EUR, &["wh-east"], true, "0.2"),
    ];
    for command in commands {
        oms.upsert_channel(command).unwrap();
    }
    let mut catalogue = Vec::with_capacity(SKU_COUNT);
    let started = Instant::now();
    for index in 0..SKU_COUNT {
        if index % 10 == 0 || index + 1 == SKU_COUNT {
            set_up_progress(index + 1, started);
        }
        let sku: Sku = id(&format!("SKU-{index:04}"));
        // One product in ten can be pre-ordered beyond stock.
        let product = UpsertProduct {
            backorderable: index % 10 == 9,
            ..UpsertProduct::new(sku.clone(), format!("Product {index}"))
        };
        oms.upsert_product(product).unwrap();
        for (location, kind, _) in LOCATIONS {
            let quantity = if *kind == LocationKind::Store { 5 + random.below(20) } else { 20 + random.below(150) };
            let receipt = ReceiveStock {
                sku: sku.clone(),
                location: id(location),
                quantity: quantity as i64,
                idempotency_key: None,
            };
            oms.receive_stock(receipt).unwrap();
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
    backordered_lines: usize,
    checkout_reservations: usize,
    by_channel: BTreeMap<&'static str, usize>,
    /// Orders placed and not sold at a till, with their channel, to fulfil.
    to_fulfil: Vec<(OrderId, &'static str)>,
}

fn trade(oms: &Oms, catalogue: &[(Sku, Decimal)], random: &mut Random, number: usize, tally: &mut Tally) {
    let channels = ["web", "web", "web", "ship-from-store", "pickup-in-store", "marketplace", "pos-soho", "eu-web"];
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
    let mut command = PlaceOrder::new(
        id(channel),
        Email::new(format!("customer{}@example.com", random.below(5_000))).unwrap(),
        lines,
    );
    command.order_discount = (subtotal > Decimal::from(20) && random.chance(10)).then(|| Decimal::new(500, 2));
    command.shipping = (channel != "pos-soho" && channel != "pickup-in-store").then(|| Decimal::new(499, 2));
    command.ship_to_region = Some(REGIONS[random.below(REGIONS.len())].to_string());
    if channel != "pos-soho" {
        command.shipping_address = Some(Address {
            name: format!("Customer {number}"),
            company: None,
            lines: vec![format!("{} Market Street", 1 + random.below(900))],
            city: "Springfield".into(),
            region: command.ship_to_region.clone(),
            postal_code: Some(format!("{:05}", random.below(99_999))),
            country: "US".into(),
            phone: None,
        });
        command.shipping_method = Some(if random.chance(20) { "express" } else { "standard" }.into());
    }
    if channel == "pickup-in-store" {
        command.pickup_location = Some(id(if random.chance(50) { "store-soho" } else { "store-mission" }));
    }
    command.idempotency_key = Some(IdempotencyKey::new(format!("demo-{number}")).unwrap());
    // One web checkout in five reserves its cart first, as a storefront does at payment.
    if channel == "web" && random.chance(20) {
        let reservation = ReserveStock {
            reservation_id: ReservationId::new(format!("cart-{number}")).unwrap(),
            channel: id(channel),
            lines: command
                .lines
                .iter()
                .map(|line| ReservationLine { sku: line.sku.clone(), quantity: line.quantity })
                .collect(),
            ttl_seconds: 900,
            pickup_location: None,
            ship_to_region: command.ship_to_region.clone(),
            idempotency_key: None,
        };
        if oms.reserve_stock(reservation).is_ok() {
            tally.checkout_reservations += 1;
            command.reservation_id = Some(ReservationId::new(format!("cart-{number}")).unwrap());
        }
    }
    let placed = match oms.place_order(command) {
        Ok(placed) => placed,
        Err(error) if error.code() == "insufficient_stock" => {
            tally.out_of_stock += 1;
            return;
        }
        Err(error) => panic!("unexpected error: {error}"),
    };
    tally.placed += 1;
    *tally.by_channel.entry(channel).or_default() += 1;
    tally.split_lines += placed.lines.iter().filter(|line| line.allocations.len() > 1).count();
    tally.backordered_lines += placed.lines.iter().filter(|line| line.quantities.backordered > 0).count();
    if placed.status == OrderStatus::Completed {
        return; // Sold at the till: nothing left to change.
    }
    tally.to_fulfil.push((placed.id.clone(), channel));
    if random.chance(8) {
        oms.cancel_order(CancelOrder {
            order_id: placed.id,
            reason: Some("customer changed their mind".into()),
            idempotency_key: None,
        })
        .unwrap();
        tally.cancelled += 1;
    } else if random.chance(4) && placed.lines[0].quantities.allocated > 0 {
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

/// What the fulfilment half of the day did.
#[derive(Default)]
struct Fulfilled {
    tenders: BTreeMap<&'static str, usize>,
    by_carrier: usize,
    by_partner: usize,
    delivered: usize,
    collected: usize,
    expired: usize,
    captures: usize,
    completed: usize,
    documents: Vec<String>,
}

/// Pays, picks, packs and ships the day's orders: most leave (by carrier, or
/// through the third-party warehouse's partner, which picks and packs
/// itself), most of those are delivered, and a few stay open so every status
/// shows; pickup orders wait at the store's counter, most are collected and
/// the rest expire when the clock passes the channel's window. The web
/// channel captures on shipment (the integration captures what each
/// `capture_requested` asks); the others capture once goods left, and cash
/// on delivery is captured when the parcel is delivered.
fn fulfil(oms: &Oms, clock: &ManualClock, tally: &Tally, random: &mut Random, db: &str) -> Fulfilled {
    let mut done = Fulfilled::default();
    let reference = |text: String| GatewayReference::new(text).unwrap();
    let mut authorize = |order: &Order, kind: PaymentKind, amount: Decimal, name: &'static str| {
        oms.authorize_payment(AuthorizePayment {
            order_id: order.id.clone(),
            payment_id: None,
            kind,
            amount,
            currency: None,
            gateway_reference: reference(format!("{}-{name}", order.id)),
            idempotency_key: None,
        })
        .unwrap();
        *done.tenders.entry(name).or_default() += 1;
    };
    let mut open = Vec::new();
    for (order_id, channel) in &tally.to_fulfil {
        let order = oms.get_order(order_id).unwrap();
        if matches!(order.status, OrderStatus::Cancelled | OrderStatus::OnHold) {
            continue;
        }
        let total = order.totals.total.amount();
        let gift = Decimal::new(1000, 2);
        if *channel == "web" && total > gift && random.chance(15) {
            authorize(&order, PaymentKind::GiftCard, gift, "gift_card");
            authorize(&order, PaymentKind::Card, total - gift, "card");
        } else if !matches!(*channel, "marketplace" | "pickup-in-store") && random.chance(5) {
            authorize(&order, PaymentKind::CashOnDelivery, total, "cash_on_delivery");
        } else {
            authorize(&order, PaymentKind::Card, total, "card");
        }
        open.push((order, *channel));
    }
    done.documents.push(write_document(db, "pick-list.html", &oms.pick_list_document(&id("wh-east")).unwrap()));
    let mut slipped = false;
    for (order, channel) in &open {
        let shipments =
            oms.create_shipments(CreateShipments { order_id: order.id.clone(), idempotency_key: None }).unwrap();
        for shipment in shipments {
            if random.chance(8) {
                continue; // Still waiting on the shelf at the end of the day.
            }
            let step = ShipmentStep { shipment_id: shipment.id.clone(), idempotency_key: None };
            if order.fulfilment.method == FulfilmentMethod::Pickup
                && order.fulfilment.location == Some(shipment.location.clone())
            {
                // At the pickup store: picked, put at the counter, then mostly collected.
                oms.start_picking(step.clone()).unwrap();
                oms.ready_for_pickup(step.clone()).unwrap();
                if random.chance(80) {
                    oms.confirm_pickup(step).unwrap();
                    done.collected += 1;
                }
                continue;
            }
            let by_partner = shipment.location.as_str() == "3pl-central";
            if by_partner {
                // The third-party warehouse picks and packs for itself.
                oms.hand_over_shipment(HandOverShipment {
                    shipment_id: shipment.id.clone(),
                    partner: "Central Fulfilment Co".into(),
                    idempotency_key: None,
                })
                .unwrap();
            } else {
                oms.start_picking(step.clone()).unwrap();
                let parcels = (0..1 + random.below(2))
                    .map(|_| Parcel {
                        weight_grams: 200 + random.below(4_000) as i64,
                        length_mm: 300,
                        width_mm: 200,
                        height_mm: 100 + random.below(200) as i64,
                    })
                    .collect();
                let packed = PackShipment { shipment_id: shipment.id.clone(), parcels, idempotency_key: None };
                oms.pack_shipment(packed).unwrap();
                if !slipped {
                    let slip = oms.packing_slips(std::slice::from_ref(&shipment.id)).unwrap();
                    done.documents.push(write_document(db, "packing-slip.html", &slip));
                    let label = oms.shipping_label(&shipment.id).unwrap();
                    done.documents.push(write_document(db, "label.zpl", &label));
                    slipped = true;
                }
                if random.chance(50) {
                    oms.hand_over_shipment(HandOverShipment {
                        shipment_id: shipment.id.clone(),
                        partner: "UPS".into(),
                        idempotency_key: None,
                    })
                    .unwrap();
                }
            }
            // The partner's answer, once with a webhook retry: the second changes nothing.
            let answer = ShipShipment {
                shipment_id: shipment.id.clone(),
                carrier: if by_partner { "FedEx" } else { "UPS" }.into(),
                tracking_number: format!("1Z{:010}", random.below(1_000_000_000)),
                partner_reference: Some(format!("evt-{}", shipment.id)),
                idempotency_key: None,
            };
            oms.ship_shipment(answer.clone()).unwrap();
            if random.chance(5) {
                oms.ship_shipment(answer).unwrap();
            }
            if by_partner {
                done.by_partner += 1;
            } else {
                done.by_carrier += 1;
            }
            if random.chance(75) {
                let delivered =
                    ConfirmDelivery { shipment_id: shipment.id, partner_reference: None, idempotency_key: None };
                oms.confirm_delivery(delivered).unwrap();
                done.delivered += 1;
            }
        }
        let now = oms.get_order(&order.id).unwrap();
        if now.status == OrderStatus::Delivered {
            // The courier collected the cash at the door.
            for payment in oms.order_payments(&order.id).unwrap().payments {
                if payment.kind == PaymentKind::CashOnDelivery && !payment.uncaptured().is_zero() {
                    capture(oms, &payment.id, payment.uncaptured().amount(), format!("{}-cod", payment.id));
                    done.captures += 1;
                }
            }
        }
        if *channel != "web" {
            // Channels that do not capture on shipment capture what is open once goods left.
            for payment in oms.order_payments(&order.id).unwrap().payments {
                let open = payment.uncaptured();
                let shipped = oms.get_order(&order.id).unwrap().lines.iter().any(|l| l.quantities.shipped > 0);
                if shipped && !open.is_zero() && payment.kind != PaymentKind::CashOnDelivery {
                    capture(oms, &payment.id, open.amount(), format!("{}-capture", payment.id));
                    done.captures += 1;
                }
            }
        }
    }
    // Three days later the pickups nobody came for expire and give their units back.
    clock.advance(chrono::TimeDelta::hours(73));
    loop {
        let expired = oms.expire_pickups().unwrap();
        if expired.is_empty() {
            break;
        }
        done.expired += expired.len();
    }
    // The integration answers every capture request the web channel made.
    let mut cursor = 0;
    loop {
        let page = oms.events_since(cursor, Some(1000)).unwrap();
        let Some(last) = page.last() else { break };
        cursor = last.sequence;
        for record in page {
            if let Event::CaptureRequested { shipment_id, request, .. } = record.event {
                for tender in request.tenders {
                    if tender.amount.is_zero() {
                        continue;
                    }
                    let kind = oms.get_payment(&tender.payment_id).unwrap().kind;
                    if kind != PaymentKind::CashOnDelivery {
                        let gateway = format!("{}-{shipment_id}", tender.payment_id);
                        capture(oms, &tender.payment_id, tender.amount.amount(), gateway);
                        done.captures += 1;
                    }
                }
            }
        }
    }
    // What reached its customer and is paid for is closed; an order whose
    // payment is still open (`payment_required`) stays delivered.
    for (order_id, _) in &tally.to_fulfil {
        let status = oms.get_order(order_id).unwrap().status;
        if matches!(status, OrderStatus::Delivered | OrderStatus::PickedUp) {
            match oms.complete_order(CompleteOrder { order_id: order_id.clone(), idempotency_key: None }) {
                Ok(_) => done.completed += 1,
                Err(error) => assert_eq!(error.code(), "payment_required", "{error}"),
            }
        }
    }
    done
}

fn capture(oms: &Oms, payment: &PaymentId, amount: Decimal, gateway: String) {
    oms.capture_payment(CapturePayment {
        payment_id: payment.clone(),
        amount,
        currency: None,
        gateway_reference: GatewayReference::new(gateway).unwrap(),
        idempotency_key: None,
    })
    .unwrap();
}

/// Writes a document beside the database (`oms-demo.db` → `oms-demo.pick-list.html`); returns its path.
fn write_document(db: &str, name: &str, content: &str) -> String {
    let stem = db.strip_suffix(".db").unwrap_or(db);
    let path = format!("{stem}.{name}");
    std::fs::write(&path, content).unwrap();
    path
}

fn report_fulfilment(oms: &Oms, tally: &Tally, done: &Fulfilled) {
    let mut shipments: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut payments: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut orders: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (order_id, _) in &tally.to_fulfil {
        for shipment in oms.list_shipments(order_id).unwrap() {
            *shipments.entry(shipment.status.as_str()).or_default() += 1;
        }
        let paid = oms.order_payments(order_id).unwrap();
        *orders.entry(paid.status.as_str()).or_default() += 1;
        for payment in paid.payments {
            *payments.entry(payment.status.as_str()).or_default() += 1;
        }
    }
    let line = |counts: &BTreeMap<&str, usize>| {
        counts.iter().map(|(status, n)| format!("{status} {n}")).collect::<Vec<_>>().join(", ")
    };
    let tenders: Vec<String> = done.tenders.iter().map(|(kind, n)| format!("{kind} {n}")).collect();
    println!("\nFulfilment");
    println!(
        "  shipped by carrier {}  through the 3PL partner {}  delivered {}  collected at a store {}  pickups expired {}  captures {}  orders completed {}",
        done.by_carrier, done.by_partner, done.delivered, done.collected, done.expired, done.captures, done.completed
    );
    println!("  shipments by status: {}", line(&shipments));
    println!("  tenders authorized: {}", tenders.join(", "));
    println!("  payments by status: {}", line(&payments));
    println!("  orders by payment status: {}", line(&orders));
    println!("  written beside the database: {}", done.documents.join(", "));
}

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
    // Stores are topped up by transfer from the nearest warehouse.
    let (sku, _) = &catalogue[random.below(catalogue.len())];
    let request = RequestTransfer {
        sku: sku.clone(),
        from_location: id("wh-east"),
        to_location: id("store-soho"),
        quantity: 5,
        idempotency_key: None,
    };
    if let Ok(transfer) = oms.request_transfer(request) {
        let step = TransferStep { transfer_id: transfer.id, idempotency_key: None };
        if oms.ship_transfer(step.clone()).is_ok() {
            oms.receive_transfer(step).unwrap();
        }
    }
    for _ in 0..40 {
        let (sku, _) = &catalogue[random.below(catalogue.len())];
        receive(sku, LOCATIONS[random.below(3)].0, 30);
    }
}

fn set_up_progress(done: usize, started: Instant) {
    let locations = LOCATIONS.len();
    eprint!(
        "\rsetting up: {done}/{SKU_COUNT} products stocked at {locations} locations ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    if done == SKU_COUNT {
        eprintln!();
    }
    let _ = std::io::stderr().flush();
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
        "  placed {}  out of stock {}  cancelled {}  partly cancelled {}  held and released {}",
        tally.placed, tally.out_of_stock, tally.cancelled, tally.lines_cancelled, tally.held_and_released
    );
    println!(
        "  lines split across locations {}  lines backordered {}  checkouts that reserved their cart first {}",
        tally.split_lines, tally.backordered_lines, tally.checkout_reservations
    );
    let channels: Vec<String> = tally.by_channel.iter().map(|(channel, n)| format!("{channel} {n}")).collect();
    println!("  orders per channel: {}", channels.join(", "));
    println!("\nOrders by status");
    for (status, count) in oms.order_status_counts().unwrap() {
        println!("  {:<22}{count:>8}", status.as_str());
    }
    println!("\nStock per location          on hand   allocated reserved   incoming   available");
    let mut per_location: BTreeMap<String, [i64; 4]> = BTreeMap::new();
    for level in oms.stock_levels(None, None).unwrap() {
        let entry = per_location.entry(level.location.to_string()).or_default();
        for (bucket, value) in entry.iter_mut().zip([level.on_hand, level.allocated, level.reserved, level.incoming]) {
            *bucket += value;
        }
    }
    for (location, [on_hand, allocated, reserved, incoming]) in &per_location {
        println!(
            "  {location:<24}{on_hand:>10}{allocated:>12}{reserved:>9}{incoming:>11}{:>12}",
            on_hand - allocated - reserved
        );
    }
    let audit = oms.audit().unwrap();
    println!(
        "\nConservation check: {} stock levels and {} orders checked; the ledger sums to every bucket everywhere: {}",
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

/// Prints why a two-line ship-from-store order to California would go where it goes.
fn explain_one(oms: &Oms, catalogue: &[(Sku, Decimal)]) {
    let lines = catalogue[20..22]
        .iter()
        .map(|(sku, price)| LineInput { sku: sku.clone(), quantity: 2, unit_price: *price, discount: None })
        .collect();
    let mut command = PlaceOrder::new(id("ship-from-store"), Email::new("ada@example.com").unwrap(), lines);
    command.ship_to_region = Some("US-CA".into());
    let plan = oms.plan_allocation(command).unwrap();
    let explanation = &plan.explanation;
    println!(
        "\nOne allocation explained (dry run: 2 × {} and 2 × {} on ship-from-store to US-CA, policy {}):",
        catalogue[20].0, catalogue[21].0, explanation.split_policy
    );
    println!("  {:<16}{:>10}{:>10}  {:<22}{:>6}  passed over", "location", "distance", "priority", "score", "units");
    for candidate in &explanation.candidates {
        let distance = candidate.distance_km.map_or("?".to_string(), |km| format!("{km} km"));
        let score = format!("{:?}", candidate.score);
        let why = candidate.passed_over.map_or("", PassReason::as_str);
        let location = candidate.location.as_str();
        println!("  {location:<16}{distance:>10}{:>10}  {score:<22}{:>6}  {why}", candidate.priority, candidate.units);
    }
    println!("  → {} shipment(s), {} unit(s) unfilled", explanation.shipments, explanation.unfilled);
}

fn main() {
    let options = match options() {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return;
        }
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    if let Err(message) = replaceable(&options.db) {
        eprintln!("{message}");
        std::process::exit(2);
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", options.db));
    }
    // A clock the demo moves, so that uncollected pickups can expire at the end of the day.
    let clock = std::sync::Arc::new(ManualClock::new(chrono::Utc::now()));
    let oms = Oms::open_with_clock(&options.db, clock.clone()).unwrap();
    let mut random = Random(0x5EED_0F0D_A7E5_u64);
    println!(
        "oms demo: {} SKUs at {} locations, 6 channels, {} orders into {}",
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
    let seconds = started.elapsed().as_secs_f64();
    eprintln!("\nfulfilling {} orders", tally.to_fulfil.len());
    let fulfilled = fulfil(&oms, &clock, &tally, &mut random, &options.db);
    report(&oms, &tally, options.orders, seconds);
    report_fulfilment(&oms, &tally, &fulfilled);
    explain_one(&oms, &catalogue);
}
