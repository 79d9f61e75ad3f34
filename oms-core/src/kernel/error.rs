//! The one error type of the library.
//!
//! Every variant has a stable snake_case [`Error::code`] that never changes
//! meaning, and a [`Category`] that tells the caller what to do about it:
//! fix the input, look elsewhere, accept a business rejection, retry, or
//! page the operator. The Python and Node bindings expose exactly these codes.

use std::fmt;

/// What kind of failure an [`Error`] is, and so what the caller can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// The request is malformed; the caller must change it.
    InvalidInput,
    /// A record the request names does not exist.
    NotFound,
    /// The request is well formed but a business rule refuses it.
    Rejected,
    /// Another writer got there first; retrying may succeed.
    Conflict,
    /// The storage failed or could not be reached.
    Storage,
}

impl Category {
    /// The snake_case name of the category.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::InvalidInput => "invalid_input",
            Category::NotFound => "not_found",
            Category::Rejected => "rejected",
            Category::Conflict => "conflict",
            Category::Storage => "storage",
        }
    }
}

/// The kinds of record a [`Error::NotFound`] can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Product,
    Location,
    Channel,
    Order,
    OrderLine,
    StockLevel,
    Reservation,
    Transfer,
    Shipment,
    Payment,
    /// A SQLite file or PostgreSQL schema holding no store, opened with `create=false`.
    Store,
}

impl Entity {
    fn as_str(self) -> &'static str {
        match self {
            Entity::Product => "product",
            Entity::Location => "location",
            Entity::Channel => "channel",
            Entity::Order => "order",
            Entity::OrderLine => "order line",
            Entity::StockLevel => "stock level",
            Entity::Reservation => "reservation",
            Entity::Transfer => "transfer",
            Entity::Shipment => "shipment",
            Entity::Payment => "payment",
            Entity::Store => "store",
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every failure the library reports.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field has the wrong shape or type (for example a float where money is expected).
    #[error("{field}: {message}")]
    InvalidInput { field: String, message: String },
    /// A quantity is zero, negative, too large or not a whole number.
    #[error("{field}: {message}")]
    InvalidQuantity { field: String, message: String },
    /// A money amount is negative, not a number, too large or finer than the currency allows.
    #[error("{field}: {message}")]
    InvalidAmount { field: String, message: String },
    /// An identifier is empty, too long or has characters outside the allowed set.
    #[error("{field}: {message}")]
    InvalidIdentifier { field: String, message: String },
    /// A currency code is not one the library knows.
    #[error("{field}: unknown currency {code:?}")]
    UnknownCurrency { field: String, code: String },
    /// Two amounts or an amount and a channel disagree on the currency.
    #[error("{field}: currency mismatch: expected {expected}, found {found}")]
    CurrencyMismatch { field: String, expected: String, found: String },
    /// A list or string is longer than the named limit in [`crate::kernel::limits`].
    #[error("{field}: {message}")]
    LimitExceeded { field: String, message: String },
    /// JSON input could not be parsed into a command.
    #[error("{field}: malformed JSON: {message}")]
    MalformedJson { field: String, message: String },
    /// A record the request names does not exist.
    #[error("{entity} {id:?} not found")]
    NotFound { entity: Entity, id: String },
    /// The channel's locations do not hold enough available stock.
    #[error("insufficient stock for {sku}: requested {requested}, available {available}")]
    InsufficientStock { sku: String, requested: i64, available: i64 },
    /// A pickup was asked of a location that offers none.
    #[error("location {location} offers no pickup")]
    PickupNotOffered { location: String },
    /// The location is not one the channel may use.
    #[error("location {location} is not permitted for channel {channel}")]
    LocationNotPermitted { location: String, channel: String },
    /// The change would move an order along an edge the status graph does not declare.
    #[error("illegal transition: cannot {action} from status {from}")]
    IllegalTransition { action: String, from: String },
    /// A business rule refuses the request for a reason named in the message.
    #[error("{message}")]
    Rejected { message: String },
    /// The idempotency key was used before with a different command or payload.
    #[error("idempotency key {key:?} was already used with a different request")]
    IdempotencyKeyReused { key: String },
    /// A concurrent writer changed the record; the command was not applied.
    #[error("conflict: {message}")]
    Conflict { message: String },
    /// The storage failed; the command was not applied.
    #[error("storage error: {message}")]
    Storage { message: String },
    /// The storage could not be reached; the command was not applied.
    #[error("storage unavailable: {message}")]
    StorageUnavailable { message: String },
    /// The connection was lost while the command committed and the database
    /// could not tell whether it did. Retry with the same idempotency key: the
    /// retry returns the stored result if the first attempt committed, and
    /// runs the command if it did not.
    #[error("storage outcome unknown: {message}")]
    StorageOutcomeUnknown { message: String },
    /// The clock reads a time the library cannot work with (before 1970 or
    /// after 9999). Nothing was applied.
    #[error("clock unusable: {message}")]
    ClockUnusable { message: String },
    /// The store was closed (by `close()` in Python or Node) and can no longer be used.
    #[error("the store is closed")]
    Closed,
    /// A bug in the library was caught before it could cross into the caller
    /// (a panic). The command was not applied.
    #[error("internal error: {message}")]
    Internal { message: String },
    /// A payment gateway's transaction reference was recorded before with a
    /// different request (another amount, kind, payment or reason).
    #[error("{field}: gateway reference {reference:?} was recorded on payment {payment_id} with a different request")]
    GatewayReferenceReused { field: String, reference: String, payment_id: String },
    /// A capture asks more than the payment has authorized and not yet captured or voided.
    #[error("{field}: cannot capture {requested} on payment {payment_id}: {available} is authorized and not captured")]
    CaptureExceedsAuthorized { field: String, payment_id: String, requested: String, available: String },
    /// A refund asks more than the payment has captured and not yet refunded.
    #[error("{field}: cannot refund {requested} on payment {payment_id}: {available} is captured and not refunded")]
    RefundExceedsCaptured { field: String, payment_id: String, requested: String, available: String },
    /// The channel ships only paid orders, and this one is not paid.
    #[error("{field}: order {order_id} is {status}; its channel ships only paid orders")]
    PaymentRequired { field: String, order_id: String, status: String },
    /// An authorization names a payment id that another authorization already took.
    #[error("{field}: payment {payment_id} exists")]
    PaymentExists { field: String, payment_id: String },
    /// An edit touches a line whose goods are being picked or have left: a
    /// shipment holding it is past `pending`, or units of it shipped. A change
    /// of the shipping address or method touches every line of the order.
    #[error("{field}: line {line_number} of order {order_id} is picked{}; it can no longer be edited", in_shipment(.shipment_id))]
    LinePicked { field: String, order_id: String, line_number: u32, shipment_id: Option<String> },
}

/// ` (shipment shp-1)` when a shipment is named, for a message.
fn in_shipment(shipment_id: &Option<String>) -> String {
    shipment_id.as_ref().map(|id| format!(" (shipment {id})")).unwrap_or_default()
}

/// One value of [`Error::details`]: a text or a whole number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    Text(String),
    Count(i64),
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Every code [`Error::code`] can return. The list only grows (the one
    /// exception, before 1.0: `hold_not_found` became `reservation_not_found`).
    pub const CODES: &'static [&'static str] = &[
        "invalid_input",
        "invalid_quantity",
        "invalid_amount",
        "invalid_identifier",
        "unknown_currency",
        "currency_mismatch",
        "limit_exceeded",
        "malformed_json",
        "product_not_found",
        "location_not_found",
        "channel_not_found",
        "order_not_found",
        "order_line_not_found",
        "stock_level_not_found",
        "insufficient_stock",
        "illegal_transition",
        "rejected",
        "idempotency_key_reused",
        "conflict",
        "storage_error",
        "storage_unavailable",
        "internal_error",
        "pickup_not_offered",
        "location_not_permitted",
        "reservation_not_found",
        "transfer_not_found",
        "storage_outcome_unknown",
        "clock_unusable",
        "store_closed",
        "shipment_not_found",
        "payment_not_found",
        "gateway_reference_reused",
        "capture_exceeds_authorized",
        "refund_exceeds_captured",
        "payment_exists",
        "payment_required",
        "line_picked",
        "store_not_found",
    ];

    /// What each code of [`Error::CODES`] means, one sentence each, in the
    /// same order. The error catalogue (`docs/ERRORS.md`) is generated from
    /// this list by `oms-core/tests/error_catalogue.rs`.
    pub const MEANINGS: &'static [(&'static str, &'static str)] = &[
        ("invalid_input", "A field has the wrong type or shape, such as a float where money is expected, an empty list or a malformed e-mail address."),
        ("invalid_quantity", "A quantity is zero, negative, not a whole number, over `QUANTITY_MAX`, or more than there is of it to act on."),
        ("invalid_amount", "A money amount is negative, not a number, too large or finer than the currency's minor unit."),
        ("invalid_identifier", "An identifier is empty, over 64 bytes or has characters outside letters, digits and `- _ . : /`."),
        ("unknown_currency", "A currency code is not an ISO 4217 code the library knows."),
        ("currency_mismatch", "An amount or an order is in another currency than its channel or payment."),
        ("limit_exceeded", "A list or text is longer than its limit in `oms_core::limits` (250 lines per order, 200-byte texts, …)."),
        ("malformed_json", "A JSON payload does not parse into the command."),
        ("product_not_found", "No product has the SKU the request names."),
        ("location_not_found", "No location has the id the request names."),
        ("channel_not_found", "No channel has the id the request names."),
        ("order_not_found", "No order has the id the request names."),
        ("order_line_not_found", "The order (or shipment) has no line with the number the request names."),
        ("stock_level_not_found", "The SKU has no stock record at the location the request names."),
        ("insufficient_stock", "The channel's locations cannot cover the units asked for (an order, a reservation, a transfer or a quarantine); nothing was written."),
        ("illegal_transition", "The change is not an edge of the record's status graph, such as cancelling a cancelled order or shipping an unpacked shipment."),
        ("rejected", "Another business rule refuses the change; the message says which."),
        ("idempotency_key_reused", "The idempotency key was used before with a different command or payload."),
        ("conflict", "A concurrent writer changed the record and the bounded retries ran out; the command was not applied and may be retried."),
        ("storage_error", "The database failed; the command was not applied."),
        ("storage_unavailable", "The database could not be reached, or confirms it did not commit the command; nothing was applied, so a retry is safe."),
        ("internal_error", "A bug in the library was caught before it reached the caller; the command was not applied."),
        ("pickup_not_offered", "A pickup was asked of a location that offers none."),
        ("location_not_permitted", "A pickup or till store is not one of the channel's locations."),
        ("reservation_not_found", "No checkout reservation has the id the request names."),
        ("transfer_not_found", "No transfer has the id the request names."),
        ("storage_outcome_unknown", "The connection was lost while the command committed and the database cannot tell whether it did; retry with the same idempotency key."),
        ("clock_unusable", "The clock reads before 1970 or after 9999; nothing was applied."),
        ("store_closed", "The store was closed and can no longer be used."),
        ("shipment_not_found", "No shipment has the id the request names."),
        ("payment_not_found", "No payment has the id the request names."),
        ("gateway_reference_reused", "A payment gateway's transaction reference was recorded before with a different request."),
        ("capture_exceeds_authorized", "A capture asks more than the payment has authorized and not yet captured or voided."),
        ("refund_exceeds_captured", "A refund asks more than the payment has captured and not yet refunded."),
        ("payment_exists", "An authorization names a payment id that another authorization already took."),
        ("payment_required", "The order is not paid: its channel ships only paid orders, or it cannot be completed while its recorded payments are not captured."),
        ("line_picked", "An edit touches a line whose goods are being picked or have left, or changes the address or method once a shipment is past `pending`."),
        ("store_not_found", "The store was opened with `create=false` and the SQLite file or PostgreSQL schema does not exist or holds no oms tables; nothing was created."),
    ];

    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidInput { .. } => "invalid_input",
            Error::InvalidQuantity { .. } => "invalid_quantity",
            Error::InvalidAmount { .. } => "invalid_amount",
            Error::InvalidIdentifier { .. } => "invalid_identifier",
            Error::UnknownCurrency { .. } => "unknown_currency",
            Error::CurrencyMismatch { .. } => "currency_mismatch",
            Error::LimitExceeded { .. } => "limit_exceeded",
            Error::MalformedJson { .. } => "malformed_json",
            Error::NotFound { entity, .. } => match entity {
                Entity::Product => "product_not_found",
                Entity::Location => "location_not_found",
                Entity::Channel => "channel_not_found",
                Entity::Order => "order_not_found",
                Entity::OrderLine => "order_line_not_found",
                Entity::StockLevel => "stock_level_not_found",
                Entity::Reservation => "reservation_not_found",
                Entity::Transfer => "transfer_not_found",
                Entity::Shipment => "shipment_not_found",
                Entity::Payment => "payment_not_found",
                Entity::Store => "store_not_found",
            },
            Error::InsufficientStock { .. } => "insufficient_stock",
            Error::PickupNotOffered { .. } => "pickup_not_offered",
            Error::LocationNotPermitted { .. } => "location_not_permitted",
            Error::IllegalTransition { .. } => "illegal_transition",
            Error::Rejected { .. } => "rejected",
            Error::IdempotencyKeyReused { .. } => "idempotency_key_reused",
            Error::Conflict { .. } => "conflict",
            Error::Storage { .. } => "storage_error",
            Error::StorageUnavailable { .. } => "storage_unavailable",
            Error::StorageOutcomeUnknown { .. } => "storage_outcome_unknown",
            Error::ClockUnusable { .. } => "clock_unusable",
            Error::Closed => "store_closed",
            Error::Internal { .. } => "internal_error",
            Error::GatewayReferenceReused { .. } => "gateway_reference_reused",
            Error::CaptureExceedsAuthorized { .. } => "capture_exceeds_authorized",
            Error::RefundExceedsCaptured { .. } => "refund_exceeds_captured",
            Error::PaymentExists { .. } => "payment_exists",
            Error::PaymentRequired { .. } => "payment_required",
            Error::LinePicked { .. } => "line_picked",
        }
    }

    /// What kind of failure this is.
    pub fn category(&self) -> Category {
        match self {
            Error::InvalidInput { .. }
            | Error::InvalidQuantity { .. }
            | Error::InvalidAmount { .. }
            | Error::InvalidIdentifier { .. }
            | Error::UnknownCurrency { .. }
            | Error::CurrencyMismatch { .. }
            | Error::LimitExceeded { .. }
            | Error::MalformedJson { .. } => Category::InvalidInput,
            Error::NotFound { .. } => Category::NotFound,
            Error::InsufficientStock { .. }
            | Error::PickupNotOffered { .. }
            | Error::LocationNotPermitted { .. }
            | Error::IllegalTransition { .. }
            | Error::Rejected { .. }
            | Error::IdempotencyKeyReused { .. }
            | Error::GatewayReferenceReused { .. }
            | Error::CaptureExceedsAuthorized { .. }
            | Error::RefundExceedsCaptured { .. }
            | Error::PaymentExists { .. }
            | Error::PaymentRequired { .. }
            | Error::LinePicked { .. } => Category::Rejected,
            Error::Conflict { .. } => Category::Conflict,
            Error::Storage { .. }
            | Error::StorageUnavailable { .. }
            | Error::StorageOutcomeUnknown { .. }
            | Error::ClockUnusable { .. }
            | Error::Closed
            | Error::Internal { .. } => Category::Storage,
        }
    }

    /// The input field the error is about, as a path such as `lines[2].quantity`.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. }
            | Error::InvalidQuantity { field, .. }
            | Error::InvalidAmount { field, .. }
            | Error::InvalidIdentifier { field, .. }
            | Error::UnknownCurrency { field, .. }
            | Error::CurrencyMismatch { field, .. }
            | Error::LimitExceeded { field, .. }
            | Error::MalformedJson { field, .. }
            | Error::GatewayReferenceReused { field, .. }
            | Error::CaptureExceedsAuthorized { field, .. }
            | Error::RefundExceedsCaptured { field, .. }
            | Error::PaymentExists { field, .. }
            | Error::PaymentRequired { field, .. }
            | Error::LinePicked { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Structured facts about the error beyond its code and field, as
    /// (name, value) pairs in a fixed order, for callers that act on them
    /// without parsing the message: `insufficient_stock` gives `sku`,
    /// `requested` and `available`; a `*_not_found` gives `id`;
    /// `currency_mismatch` gives `expected` and `found`;
    /// `illegal_transition` gives `action` and `from`;
    /// `idempotency_key_reused` gives `key`; `unknown_currency` gives `currency`;
    /// `pickup_not_offered` and `location_not_permitted` give `location`
    /// (and `channel`); `gateway_reference_reused` gives `reference` and
    /// `payment`; `capture_exceeds_authorized` gives `payment`, `amount` and
    /// `capturable`, `refund_exceeds_captured` gives `payment`, `amount` and
    /// `refundable` (amounts as decimal text); `payment_exists` gives
    /// `payment`; `payment_required` gives `order` and `status` (the order's payment
    /// status); `line_picked` gives `line` (a count) and, when a shipment
    /// holds it, `shipment`. Other errors have none.
    pub fn details(&self) -> Vec<(&'static str, Detail)> {
        match self {
            Error::InsufficientStock { sku, requested, available } => vec![
                ("sku", Detail::Text(sku.clone())),
                ("requested", Detail::Count(*requested)),
                ("available", Detail::Count(*available)),
            ],
            Error::NotFound { id, .. } => vec![("id", Detail::Text(id.clone()))],
            Error::CurrencyMismatch { expected, found, .. } => {
                vec![("expected", Detail::Text(expected.clone())), ("found", Detail::Text(found.clone()))]
            }
            Error::IllegalTransition { action, from } => {
                vec![("action", Detail::Text(action.clone())), ("from", Detail::Text(from.clone()))]
            }
            Error::IdempotencyKeyReused { key } => vec![("key", Detail::Text(key.clone()))],
            Error::UnknownCurrency { code, .. } => vec![("currency", Detail::Text(code.clone()))],
            Error::PickupNotOffered { location } => vec![("location", Detail::Text(location.clone()))],
            Error::LocationNotPermitted { location, channel } => {
                vec![("location", Detail::Text(location.clone())), ("channel", Detail::Text(channel.clone()))]
            }
            Error::GatewayReferenceReused { reference, payment_id, .. } => {
                vec![("reference", Detail::Text(reference.clone())), ("payment", Detail::Text(payment_id.clone()))]
            }
            Error::CaptureExceedsAuthorized { payment_id, requested, available, .. } => vec![
                ("payment", Detail::Text(payment_id.clone())),
                ("amount", Detail::Text(requested.clone())),
                ("capturable", Detail::Text(available.clone())),
            ],
            Error::RefundExceedsCaptured { payment_id, requested, available, .. } => vec![
                ("payment", Detail::Text(payment_id.clone())),
                ("amount", Detail::Text(requested.clone())),
                ("refundable", Detail::Text(available.clone())),
            ],
            Error::PaymentExists { payment_id, .. } => vec![("payment", Detail::Text(payment_id.clone()))],
            Error::PaymentRequired { order_id, status, .. } => {
                vec![("order", Detail::Text(order_id.clone())), ("status", Detail::Text(status.clone()))]
            }
            Error::LinePicked { line_number, shipment_id, .. } => {
                let mut details = vec![("line", Detail::Count(i64::from(*line_number)))];
                details.extend(shipment_id.iter().map(|id| ("shipment", Detail::Text(id.clone()))));
                details
            }
            _ => Vec::new(),
        }
    }

    /// The same error about another field. Validators of a single value name a
    /// generic field; the command that owns the value names its path.
    #[must_use]
    pub fn at(mut self, path: impl Into<String>) -> Self {
        match &mut self {
            Error::InvalidInput { field, .. }
            | Error::InvalidQuantity { field, .. }
            | Error::InvalidAmount { field, .. }
            | Error::InvalidIdentifier { field, .. }
            | Error::UnknownCurrency { field, .. }
            | Error::CurrencyMismatch { field, .. }
            | Error::LimitExceeded { field, .. }
            | Error::MalformedJson { field, .. }
            | Error::GatewayReferenceReused { field, .. }
            | Error::CaptureExceedsAuthorized { field, .. }
            | Error::RefundExceedsCaptured { field, .. }
            | Error::PaymentExists { field, .. }
            | Error::PaymentRequired { field, .. }
            | Error::LinePicked { field, .. } => *field = path.into(),
            _ => {}
        }
        self
    }

    /// An error of this kind about `field`.
    pub fn invalid_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput { field: field.into(), message: message.into() }
    }

    /// An error of this kind about `field`.
    pub fn invalid_quantity(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidQuantity { field: field.into(), message: message.into() }
    }

    /// An error of this kind about `field`.
    pub fn invalid_amount(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidAmount { field: field.into(), message: message.into() }
    }

    pub(crate) fn limit(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::LimitExceeded { field: field.into(), message: message.into() }
    }

    pub(crate) fn not_found(entity: Entity, id: impl fmt::Display) -> Self {
        Error::NotFound { entity, id: id.to_string() }
    }

    pub(crate) fn storage(message: impl fmt::Display) -> Self {
        Error::Storage { message: message.to_string() }
    }
}

/// Runs `body`, turning a panic into [`Error::Internal`] so that it never
/// unwinds into a caller that cannot take it (Python, Node, C).
/// Storage transactions roll back as the panic unwinds through them.
pub fn catch_panic<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Err(Error::Internal { message })
        }
    }
}

/// Checks a quantity given for `field`: a whole number in `1..=QUANTITY_MAX`.
pub(crate) fn positive_quantity(field: &str, quantity: i64) -> Result<i64> {
    if quantity <= 0 {
        return Err(Error::invalid_quantity(field, format!("must be positive, got {quantity}")));
    }
    if quantity > crate::kernel::limits::QUANTITY_MAX {
        return Err(Error::invalid_quantity(
            field,
            format!("must be at most {}, got {quantity}", crate::kernel::limits::QUANTITY_MAX),
        ));
    }
    Ok(quantity)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_pinned() {
        // Codes are part of the public contract in three languages: this list
        // may only grow, and each entry must stay snake_case. The one rename,
        // before 1.0 (CHANGELOG.md): `hold_not_found` is `reservation_not_found`.
        assert_eq!(Error::CODES.len(), 38);
        assert!(Error::CODES.contains(&"reservation_not_found"));
        assert!(!Error::CODES.contains(&"hold_not_found"));
        assert_eq!(Error::not_found(Entity::Reservation, "cart-1").code(), "reservation_not_found");
        for code in Error::CODES {
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{code}");
        }
        let samples = [
            Error::invalid_input("f", "m"),
            Error::invalid_quantity("f", "m"),
            Error::invalid_amount("f", "m"),
            Error::not_found(Entity::Order, "x"),
            Error::InsufficientStock { sku: "s".into(), requested: 2, available: 1 },
            Error::IdempotencyKeyReused { key: "k".into() },
            Error::storage("disk"),
        ];
        for sample in samples {
            assert!(Error::CODES.contains(&sample.code()), "{}", sample.code());
        }
    }

    #[test]
    fn every_code_has_one_meaning_in_the_order_of_codes() {
        let codes: Vec<&str> = Error::MEANINGS.iter().map(|(code, _)| *code).collect();
        assert_eq!(codes, Error::CODES);
        for (code, meaning) in Error::MEANINGS {
            // One sentence: starts with a capital, ends with a full stop, no line break.
            assert!(meaning.starts_with(|c: char| c.is_ascii_uppercase()), "{code}: {meaning}");
            assert!(meaning.ends_with('.') && !meaning.contains('\n'), "{code}: {meaning}");
        }
    }

    #[test]
    fn a_panic_becomes_internal_error() {
        let caught = catch_panic::<()>(|| panic!("boom"));
        assert_eq!(caught.as_ref().map_err(Error::code), Err("internal_error"));
        assert_eq!(caught.unwrap_err().to_string(), "internal error: boom");
        assert_eq!(catch_panic(|| Ok(7)), Ok(7));
    }

    #[test]
    fn details_carry_the_facts_of_an_error() {
        let short = Error::InsufficientStock { sku: "MUG".into(), requested: 3, available: 1 };
        assert_eq!(
            short.details(),
            vec![("sku", Detail::Text("MUG".into())), ("requested", Detail::Count(3)), ("available", Detail::Count(1))]
        );
        assert_eq!(Error::not_found(Entity::Order, "ord-1").details(), vec![("id", Detail::Text("ord-1".into()))]);
        assert!(Error::invalid_input("f", "m").details().is_empty());
        assert_eq!((Error::Closed.code(), Error::Closed.category()), ("store_closed", Category::Storage));
    }

    #[test]
    fn at_renames_the_field() {
        let error = Error::invalid_quantity("quantity", "must be positive").at("lines[3].quantity");
        assert_eq!(error.field(), Some("lines[3].quantity"));
        assert_eq!(error.to_string(), "lines[3].quantity: must be positive");
    }
}
