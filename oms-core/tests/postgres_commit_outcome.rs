//! Connections killed around `COMMIT` (issue 7, item 3): an order reported as
//! `storage_unavailable` must not exist, an order reported as placed must
//! exist once, and an order reported as `storage_outcome_unknown` must be
//! placed exactly once by a retry with the same idempotency key.
#![cfg(feature = "postgres")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use common::*;
use oms_core::*;

const WRITERS: usize = 4;
const ORDERS_PER_ROUND: usize = 25;
const ROUNDS_MAX: usize = 40;
/// Commands that failed while the killer ran; the test goes on until it has this many.
const FAILURES_WANTED: usize = 60;

/// Drops the test's schema when the test ends, however it ends.
struct Schema(String);

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&postgres_url(), postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{}\" CASCADE", self.0));
        }
    }
}

/// What one `place_order` call answered.
struct Attempt {
    email: Email,
    command: PlaceOrder,
    outcome: std::result::Result<OrderId, &'static str>,
}

fn all_orders(oms: &Oms) -> Vec<Order> {
    let mut orders = Vec::new();
    let mut after = None;
    loop {
        let page = oms.list_orders(&OrderQuery { after, limit: Some(500), ..OrderQuery::default() }).unwrap();
        orders.extend(page.orders);
        match page.next_cursor {
            Some(cursor) => after = Some(cursor),
            None => return orders,
        }
    }
}

/// Terminates this test's server connections while they are inside a
/// transaction, mostly while they run `COMMIT`, until told to stop.
fn killer(application: String, stop: Arc<AtomicBool>, kills: Arc<AtomicU64>) {
    let mut client = postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap();
    let mut round = 0_u64;
    while !stop.load(Ordering::Relaxed) {
        round += 1;
        // Most rounds aim at COMMIT; one in fifty at any statement of a transaction.
        let target = if round % 50 == 0 { "state <> 'idle'" } else { "state = 'active' AND query = 'COMMIT'" };
        let sql = format!(
            "SELECT count(pg_terminate_backend(pid))::BIGINT FROM pg_stat_activity \
             WHERE application_name = $1 AND {target}"
        );
        let killed: i64 = client.query_one(&sql, &[&application]).unwrap().get(0);
        kills.fetch_add(u64::try_from(killed).unwrap(), Ordering::Relaxed);
        if killed > 0 {
            // Pacing, not timing: let the writers get some orders through between kills.
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

#[test]
fn orders_reported_unavailable_were_never_committed() {
    if !postgres_enabled() {
        return;
    }
    let schema = Schema(fresh_schema());
    let application = format!("oms_kill_{}", schema.0);
    let url = format!("{}?application_name={application}&schema={}", postgres_url(), schema.0);
    let oms = Arc::new(Oms::open(&url).unwrap());
    stocked(&oms);
    for code in SKUS {
        let receipt =
            ReceiveStock { sku: sku(code), location: loc("wh-east"), quantity: 1_000_000, idempotency_key: None };
        oms.receive_stock(receipt).unwrap();
    }

    let stop = Arc::new(AtomicBool::new(false));
    let kills = Arc::new(AtomicU64::new(0));
    let killing = {
        let (application, stop, kills) = (application.clone(), stop.clone(), kills.clone());
        std::thread::spawn(move || killer(application, stop, kills))
    };
    let mut attempts: Vec<Attempt> = Vec::new();
    for round in 0..ROUNDS_MAX {
        let writers: Vec<_> = (0..WRITERS)
            .map(|writer| {
                let oms = oms.clone();
                std::thread::spawn(move || {
                    (0..ORDERS_PER_ROUND)
                        .map(|number| {
                            let name = format!("r{round}w{writer}n{number}");
                            let email = Email::new(format!("{name}@example.com")).unwrap();
                            let mut command = PlaceOrder::new(
                                chan("web"),
                                email.clone(),
                                vec![line("TEE-M", 1, "1.00"), line("MUG", 1, "1.00")],
                            );
                            command.idempotency_key = key(&name);
                            let outcome = oms.place_order(command.clone()).map(|order| order.id).map_err(|e| e.code());
                            Attempt { email, command, outcome }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for writer in writers {
            attempts.extend(writer.join().unwrap());
        }
        if attempts.iter().filter(|attempt| attempt.outcome.is_err()).count() >= FAILURES_WANTED {
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    killing.join().unwrap();

    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for attempt in &attempts {
        *counts.entry(attempt.outcome.as_ref().err().copied().unwrap_or("ok")).or_default() += 1;
    }
    eprintln!("{} kills; outcomes {counts:?}", kills.load(Ordering::Relaxed));
    let failures = attempts.len() - counts.get("ok").copied().unwrap_or(0);
    assert!(failures > 0, "the killer never hit a command: {counts:?}");

    let stored: Vec<Order> = all_orders(&oms);
    let mut by_email: HashMap<&str, Vec<&Order>> = HashMap::new();
    for order in &stored {
        by_email.entry(order.customer_email.as_str()).or_default().push(order);
    }
    let mut misreported = Vec::new();
    for attempt in &attempts {
        let found = by_email.get(attempt.email.as_str()).map_or(&[][..], Vec::as_slice);
        match &attempt.outcome {
            Ok(id) => {
                assert_eq!(found.len(), 1, "{}: placed, but stored {} times", attempt.email, found.len());
                assert_eq!(&found[0].id, id);
            }
            Err(code) if *code == "storage_unavailable" => {
                if !found.is_empty() {
                    misreported.push(attempt.email.as_str());
                }
            }
            Err(code) if *code == "storage_outcome_unknown" => {
                assert!(found.len() <= 1, "{}: stored {} times", attempt.email, found.len());
                // The documented remedy: retry with the same idempotency key.
                let retried = oms.place_order(attempt.command.clone()).unwrap();
                if let Some(first) = found.first() {
                    assert_eq!(retried.id, first.id, "{}: the retry placed a second order", attempt.email);
                }
            }
            Err(code) => panic!("{}: unexpected {code}", attempt.email),
        }
    }
    assert!(
        misreported.is_empty(),
        "{} of {} orders reported storage_unavailable were committed: {misreported:?}",
        misreported.len(),
        counts.get("storage_unavailable").copied().unwrap_or(0)
    );
    // Retries of unknown outcomes placed each of those orders once.
    let after_retries = all_orders(&oms);
    let mut emails: HashMap<&str, usize> = HashMap::new();
    for order in &after_retries {
        *emails.entry(order.customer_email.as_str()).or_default() += 1;
    }
    assert!(emails.values().all(|count| *count == 1), "duplicate orders");
    let expected = counts.get("ok").copied().unwrap_or(0) + counts.get("storage_outcome_unknown").copied().unwrap_or(0);
    assert_eq!(after_retries.len(), expected);
    assert_sound(&oms);
}
