//! `docs/ERRORS.md`, the error catalogue, is generated from the code: every
//! code of `Error::CODES` with its meaning (`Error::MEANINGS`), its category
//! (`Error::category()` of an error with that code), the Python exception
//! class of that category (read from `oms-py/src/errors.rs`), the Node
//! category, and the HTTP status the example services answer with (the one
//! table `docs/http-statuses.json`, which the examples read too). This test
//! fails when the committed file differs;
//! `OMS_WRITE_DOCS=1 cargo test -p oms-core --test error_catalogue` rewrites it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use oms_core::error::Entity;
use oms_core::{Category, Error};

const REGENERATE: &str = "OMS_WRITE_DOCS=1 cargo test -p oms-core --test error_catalogue";

const CATEGORIES: [Category; 5] =
    [Category::InvalidInput, Category::NotFound, Category::Rejected, Category::Conflict, Category::Storage];

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// An error with `code`, so that its category and details come from the
/// library itself. A new code fails here until it is given a sample.
fn sample(code: &str) -> Error {
    let text = |value: &str| value.to_string();
    let not_found = |entity| Error::NotFound { entity, id: text("x-1") };
    let field = text("field");
    match code {
        "invalid_input" => Error::InvalidInput { field, message: text("m") },
        "invalid_quantity" => Error::InvalidQuantity { field, message: text("m") },
        "invalid_amount" => Error::InvalidAmount { field, message: text("m") },
        "invalid_identifier" => Error::InvalidIdentifier { field, message: text("m") },
        "unknown_currency" => Error::UnknownCurrency { field, code: text("XXX") },
        "currency_mismatch" => Error::CurrencyMismatch { field, expected: text("USD"), found: text("EUR") },
        "limit_exceeded" => Error::LimitExceeded { field, message: text("m") },
        "malformed_json" => Error::MalformedJson { field, message: text("m") },
        "product_not_found" => not_found(Entity::Product),
        "location_not_found" => not_found(Entity::Location),
        "channel_not_found" => not_found(Entity::Channel),
        "order_not_found" => not_found(Entity::Order),
        "order_line_not_found" => not_found(Entity::OrderLine),
        "stock_level_not_found" => not_found(Entity::StockLevel),
        "reservation_not_found" => not_found(Entity::Reservation),
        "transfer_not_found" => not_found(Entity::Transfer),
        "shipment_not_found" => not_found(Entity::Shipment),
        "store_not_found" => not_found(Entity::Store),
        "payment_not_found" => not_found(Entity::Payment),
        "insufficient_stock" => Error::InsufficientStock { sku: text("MUG"), requested: 2, available: 1 },
        "pickup_not_offered" => Error::PickupNotOffered { location: text("wh-east") },
        "location_not_permitted" => Error::LocationNotPermitted { location: text("soho"), channel: text("web") },
        "illegal_transition" => Error::IllegalTransition { action: text("cancel"), from: text("cancelled") },
        "rejected" => Error::Rejected { message: text("m") },
        "idempotency_key_reused" => Error::IdempotencyKeyReused { key: text("k") },
        "conflict" => Error::Conflict { message: text("m") },
        "storage_error" => Error::Storage { message: text("m") },
        "storage_unavailable" => Error::StorageUnavailable { message: text("m") },
        "storage_outcome_unknown" => Error::StorageOutcomeUnknown { message: text("m") },
        "clock_unusable" => Error::ClockUnusable { message: text("m") },
        "store_closed" => Error::Closed,
        "internal_error" => Error::Internal { message: text("m") },
        "gateway_reference_reused" => {
            Error::GatewayReferenceReused { field, reference: text("r"), payment_id: text("pay-1") }
        }
        "capture_exceeds_authorized" => Error::CaptureExceedsAuthorized {
            field,
            payment_id: text("pay-1"),
            requested: text("2.00"),
            available: text("1.00"),
        },
        "refund_exceeds_captured" => Error::RefundExceedsCaptured {
            field,
            payment_id: text("pay-1"),
            requested: text("2.00"),
            available: text("1.00"),
        },
        "payment_exists" => Error::PaymentExists { field, payment_id: text("pay-1") },
        "payment_required" => Error::PaymentRequired { field, order_id: text("ord-1"), status: text("unpaid") },
        "line_picked" => {
            Error::LinePicked { field, order_id: text("ord-1"), line_number: 1, shipment_id: Some(text("shp-1")) }
        }
        other => panic!("{other} has no sample in tests/error_catalogue.rs: add one"),
    }
}

/// The Python exception class of each category, as `oms-py/src/errors.rs`
/// builds them: `Category::X => &self.field` and `("ClassName", &self.field)`.
fn python_classes() -> BTreeMap<&'static str, String> {
    let source = std::fs::read_to_string(repository().join("oms-py/src/errors.rs")).unwrap();
    let mut class_of_field = BTreeMap::new();
    for line in source.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("(\"") {
            let (class, field) = rest.split_once("\", &self.").expect("(\"Class\", &self.field)");
            class_of_field.insert(field.trim_end_matches("),").to_string(), class.to_string());
        }
    }
    let mut classes = BTreeMap::new();
    for category in CATEGORIES {
        let variant = format!("{category:?}");
        let arm = source
            .lines()
            .map(str::trim)
            .find_map(|line| line.strip_prefix(&format!("Category::{variant} => &self.")))
            .unwrap_or_else(|| panic!("oms-py/src/errors.rs maps Category::{variant}"));
        let class = class_of_field[arm.trim_end_matches(',')].clone();
        classes.insert(category.as_str(), class);
    }
    classes
}

/// The statuses of `docs/http-statuses.json`: by category, and the codes with
/// their own status and why.
struct Statuses {
    by_category: BTreeMap<String, u16>,
    by_code: BTreeMap<String, (u16, String)>,
}

fn statuses() -> Statuses {
    let text = std::fs::read_to_string(repository().join("docs/http-statuses.json")).unwrap();
    let table: serde_json::Value = serde_json::from_str(&text).unwrap();
    let status = |value: &serde_json::Value| u16::try_from(value.as_u64().expect("a status is a number")).unwrap();
    let by_category = table["by_category"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), status(v))).collect();
    let by_code = table["by_code"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(code, entry)| (code.clone(), (status(&entry["status"]), entry["why"].as_str().unwrap().to_string())))
        .collect();
    Statuses { by_category, by_code }
}

fn catalogue() -> String {
    let statuses = statuses();
    let classes = python_classes();
    let mut text = String::from(
        "# Error codes\n\
         \n\
         <!-- generated by oms-core/tests/error_catalogue.rs from Error::CODES, Error::MEANINGS, \
         Error::category(), oms-py/src/errors.rs and docs/http-statuses.json; \
         do not edit: run `OMS_WRITE_DOCS=1 cargo test -p oms-core --test error_catalogue` -->\n\
         \n\
         Every error the library reports has a stable snake_case code, the same in Rust \
         (`Error::code()`), Python (`err.code`) and Node (`err.code`), and a category that says \
         what the caller can do: change the request, look elsewhere, accept a business refusal, \
         retry, or call the operator. In Python the category is the exception's class (all \
         subclasses of `oms.OmsError`) and `err.category`; in Node every error is an `OmsError` \
         with `err.category`. Errors about an input name it in `err.field` \
         (`lines[2].unit_price`), and some carry facts in `err.details`.\n\
         \n\
         The HTTP status is the one the example services \
         ([FastAPI](../oms-py/examples/service/), [Express](../oms-node/examples/storefront/)) \
         answer with, from the one table [`http-statuses.json`](http-statuses.json) that both \
         read: by category, unless a code has a status of its own. Their error responses are \
         `{ code, category, field, message, details }`.\n\
         \n\
         ## Categories\n\
         \n\
         | category | Python class | Node | HTTP status |\n\
         |---|---|---|---|\n",
    );
    for category in CATEGORIES {
        let name = category.as_str();
        let status = statuses.by_category.get(name).unwrap_or_else(|| panic!("http-statuses.json: no {name}"));
        text.push_str(&format!(
            "| `{name}` | `oms.{}` | `OmsError`, `category: '{name}'` | {status} |\n",
            classes[name]
        ));
    }
    if !statuses.by_code.is_empty() {
        text.push_str("\nCodes with a status of their own:\n\n");
        for (code, (status, why)) in &statuses.by_code {
            text.push_str(&format!("- `{code}`: {status}. {why}\n"));
        }
    }
    text.push_str(
        "\n## Codes\n\
         \n\
         | code | meaning | category (`err.category`) | `err.details` | Python class | HTTP status |\n\
         |---|---|---|---|---|---|\n",
    );
    let meanings: BTreeMap<&str, &str> = Error::MEANINGS.iter().copied().collect();
    for category in CATEGORIES {
        for code in Error::CODES.iter().filter(|code| sample(code).category() == category) {
            let error = sample(code);
            assert_eq!(error.code(), *code, "the sample of {code} has another code");
            let name = category.as_str();
            let details: Vec<String> = error.details().iter().map(|(key, _)| format!("`{key}`")).collect();
            let status = statuses.by_code.get(*code).map_or(statuses.by_category[name], |(status, _)| *status);
            text.push_str(&format!(
                "| `{code}` | {} | `{name}` | {} | `oms.{}` | {status} |\n",
                meanings[code],
                if details.is_empty() { "—".to_string() } else { details.join(", ") },
                classes[name],
            ));
        }
    }
    text
}

#[test]
fn the_status_table_names_every_category_and_only_known_codes() {
    let statuses = statuses();
    let categories: Vec<&str> = CATEGORIES.iter().map(|category| category.as_str()).collect();
    assert_eq!(statuses.by_category.keys().map(String::as_str).collect::<Vec<_>>().len(), categories.len());
    for category in &categories {
        assert!(statuses.by_category.contains_key(*category), "http-statuses.json: no status for {category}");
    }
    for (code, (status, why)) in &statuses.by_code {
        assert!(Error::CODES.contains(&code.as_str()), "http-statuses.json names an unknown code {code}");
        assert!((400..600).contains(status) && !why.is_empty(), "{code}: {status} {why:?}");
    }
    for status in statuses.by_category.values() {
        assert!((400..600).contains(status), "{status}");
    }
}

#[test]
fn every_code_is_in_the_catalogue_once() {
    let text = catalogue();
    let (_, codes) = text.split_once("\n## Codes\n").unwrap();
    for code in Error::CODES {
        assert_eq!(codes.matches(&format!("\n| `{code}` |")).count(), 1, "{code}");
    }
}

#[test]
fn docs_errors_md_is_generated_from_the_code() {
    let path = repository().join("docs/ERRORS.md");
    let document = std::fs::read_to_string(&path).unwrap_or_default();
    let expected = catalogue();
    if std::env::var("OMS_WRITE_DOCS").is_ok_and(|value| value == "1") {
        if document != expected {
            std::fs::write(&path, &expected).unwrap();
        }
        return;
    }
    assert!(document == expected, "docs/ERRORS.md is stale: run {REGENERATE}");
}
