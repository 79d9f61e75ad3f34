//! Validated identifiers. Each is a newtype with a fallible `new`, so a value
//! of the type is always well formed and two kinds of id cannot be swapped.

use std::cell::Cell;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::kernel::error::{Error, Result};
use crate::kernel::limits::{
    EMAIL_LENGTH_MAX, GATEWAY_REFERENCE_LENGTH_MAX, IDEMPOTENCY_KEY_LENGTH_MAX, IDENTIFIER_LENGTH_MAX,
};

thread_local! {
    static READING_STORED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read` (a decoder of stored records) on the trusted read path.
///
/// Values are validated once, on the way in: what a command accepts is
/// normalised first and then checked, so that it always reads back. Stored
/// records are decoded without validating them again, so a record written
/// under an older or looser rule (or by a bug since fixed) stays readable and
/// can never jam a listing, an audit or the outbox. Decoding still fails, with
/// `storage_error`, on a record that is not well-formed data at all.
pub(crate) fn read_stored<T>(read: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            READING_STORED.with(|flag| flag.set(self.0));
        }
    }
    let _restore = Restore(READING_STORED.with(|flag| flag.replace(true)));
    read()
}

fn reading_stored() -> bool {
    READING_STORED.with(Cell::get)
}

fn identifier_character(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/')
}

fn check_identifier(field: &str, value: &str) -> Result<()> {
    let invalid = |message: String| Error::InvalidIdentifier { field: field.into(), message };
    if value.is_empty() {
        return Err(invalid("must not be empty".into()));
    }
    if value.len() > IDENTIFIER_LENGTH_MAX {
        return Err(invalid(format!("must be at most {IDENTIFIER_LENGTH_MAX} bytes, got {}", value.len())));
    }
    if let Some(bad) = value.chars().find(|c| !identifier_character(*c)) {
        return Err(invalid(format!("character {bad:?} is not allowed (letters, digits and - _ . : / are)")));
    }
    Ok(())
}

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates `value`: 1 to 64 letters, digits or `- _ . : /`.
            pub fn new(value: impl Into<String>) -> Result<Self> {
                let value = value.into();
                check_identifier($field, &value)?;
                Ok($name(value))
            }

            /// An identifier read back from storage, taken as it was written
            /// (see [`read_stored`]).
            #[allow(dead_code)]
            pub(crate) fn from_stored(value: String) -> Self {
                $name(value)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                if reading_stored() {
                    return Ok($name(value));
                }
                $name::new(value).map_err(serde::de::Error::custom)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(value: String) -> Result<Self> {
                $name::new(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;
            fn try_from(value: &str) -> Result<Self> {
                $name::new(value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

identifier!(
    /// A stock-keeping unit: one sellable product variant.
    Sku, "sku"
);
identifier!(
    /// A place that holds stock: warehouse, store or third-party logistics site.
    LocationId, "location"
);
identifier!(
    /// A sales channel (web shop, marketplace, point of sale, pickup).
    ChannelId, "channel"
);
identifier!(
    /// An order, assigned by the library from a storage sequence.
    OrderId, "order_id"
);
identifier!(
    /// A tax class; a channel maps each class to a rate.
    TaxClass, "tax_class"
);
identifier!(
    /// A checkout reservation, named by the caller (usually the cart id).
    ReservationId, "reservation_id"
);
identifier!(
    /// A stock transfer between locations, assigned by the library.
    TransferId, "transfer_id"
);

identifier!(
    /// A shipment, assigned by the library.
    ShipmentId, "shipment_id"
);

impl ShipmentId {
    /// The id of the `sequence`-th shipment created in a store.
    pub fn from_sequence(sequence: u64) -> ShipmentId {
        ShipmentId(format!("shp-{sequence:010}"))
    }
}

identifier!(
    /// A payment: one tender on an order, named by the caller or assigned by the library.
    PaymentId, "payment_id"
);

impl PaymentId {
    /// The id of the `sequence`-th payment the library named in a store.
    pub fn from_sequence(sequence: u64) -> PaymentId {
        PaymentId(format!("pay-{sequence:010}"))
    }
}

impl TransferId {
    /// The id of the `sequence`-th transfer requested in a store.
    pub fn from_sequence(sequence: u64) -> TransferId {
        TransferId(format!("tr-{sequence:010}"))
    }
}

impl OrderId {
    /// The id of the `sequence`-th order placed in a store.
    pub fn from_sequence(sequence: u64) -> OrderId {
        OrderId(format!("ord-{sequence:010}"))
    }
}

impl TaxClass {
    /// The class products get when none is named.
    pub fn standard() -> TaxClass {
        TaxClass("standard".into())
    }
}

/// A key that makes a mutating command run at most once.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct IdempotencyKey(String);

impl<'de> Deserialize<'de> for IdempotencyKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        if reading_stored() {
            return Ok(IdempotencyKey(value));
        }
        IdempotencyKey::new(value).map_err(serde::de::Error::custom)
    }
}

impl IdempotencyKey {
    /// Validates `value`: 1 to 255 printable ASCII characters, no spaces.
    pub fn new(value: impl Into<String>) -> Result<Self> {
        let value = value.into();
        let invalid = |message: String| Error::InvalidIdentifier { field: "idempotency_key".into(), message };
        if value.is_empty() {
            return Err(invalid("must not be empty".into()));
        }
        if value.len() > IDEMPOTENCY_KEY_LENGTH_MAX {
            return Err(invalid(format!("must be at most {IDEMPOTENCY_KEY_LENGTH_MAX} bytes, got {}", value.len())));
        }
        if !value.chars().all(|c| c.is_ascii_graphic()) {
            return Err(invalid("must be printable ASCII without spaces".into()));
        }
        Ok(IdempotencyKey(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for IdempotencyKey {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        IdempotencyKey::new(value)
    }
}

impl From<IdempotencyKey> for String {
    fn from(key: IdempotencyKey) -> String {
        key.0
    }
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The reference a payment gateway (or a till, for cash) gave one transaction:
/// an authorization, a capture, a refund. Payment commands are idempotent on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct GatewayReference(String);

impl GatewayReference {
    /// Validates `value`: 1 to 128 printable ASCII characters, no spaces.
    pub fn new(value: impl Into<String>) -> Result<Self> {
        let value = value.into();
        let invalid = |message: String| Error::InvalidIdentifier { field: "gateway_reference".into(), message };
        if value.is_empty() {
            return Err(invalid("must not be empty".into()));
        }
        if value.len() > GATEWAY_REFERENCE_LENGTH_MAX {
            return Err(invalid(format!("must be at most {GATEWAY_REFERENCE_LENGTH_MAX} bytes, got {}", value.len())));
        }
        if !value.chars().all(|c| c.is_ascii_graphic()) {
            return Err(invalid("must be printable ASCII without spaces".into()));
        }
        Ok(GatewayReference(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for GatewayReference {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        if reading_stored() {
            return Ok(GatewayReference(value));
        }
        GatewayReference::new(value).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<String> for GatewayReference {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        GatewayReference::new(value)
    }
}

impl TryFrom<&str> for GatewayReference {
    type Error = Error;
    fn try_from(value: &str) -> Result<Self> {
        GatewayReference::new(value)
    }
}

impl From<GatewayReference> for String {
    fn from(reference: GatewayReference) -> String {
        reference.0
    }
}

impl fmt::Display for GatewayReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A customer's e-mail address, stored lower-cased so that guest orders of one
/// person attach to one customer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Email(String);

impl Email {
    /// Lower-cases `value`, then validates what will be stored: one `@` with
    /// text on both sides and a dot in the domain, no spaces or control
    /// characters, at most 254 bytes. Lower-casing can lengthen a string
    /// (`Ⱥ` is 2 bytes, `ⱥ` is 3), so the limit applies to the lower-cased form.
    pub fn new(value: impl Into<String>) -> Result<Self> {
        let given: String = value.into();
        let invalid = |message: String| Error::InvalidInput { field: "customer_email".into(), message };
        if given.len() > EMAIL_LENGTH_MAX * 4 {
            // Refused before normalising, so that no caller makes the library copy megabytes.
            return Err(email_too_long(given.len()));
        }
        let value = given.to_lowercase();
        if value.len() > EMAIL_LENGTH_MAX {
            return Err(email_too_long(value.len()));
        }
        let well_formed = match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty() && !domain.is_empty() && !domain.contains('@') && domain.contains('.')
            }
            None => false,
        };
        if !well_formed || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid(format!("{given:?} is not an e-mail address")));
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn email_too_long(bytes: usize) -> Error {
    Error::LimitExceeded {
        field: "customer_email".into(),
        message: format!("must be at most {EMAIL_LENGTH_MAX} bytes once lower-cased, got {bytes}"),
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        if reading_stored() {
            return Ok(Email(value));
        }
        Email::new(value).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<String> for Email {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Email::new(value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks a free-text field (name, region, reason): not blank, bounded.
pub(crate) fn check_text(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    if value.len() > crate::kernel::limits::TEXT_LENGTH_MAX {
        return Err(Error::limit(
            field,
            format!("must be at most {} bytes, got {}", crate::kernel::limits::TEXT_LENGTH_MAX, value.len()),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid_input(field, "must not contain control characters"));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_validated() {
        assert!(Sku::new("TEE-M").is_ok());
        assert_eq!(Sku::new("").unwrap_err().code(), "invalid_identifier");
        assert_eq!(Sku::new("a b").unwrap_err().field(), Some("sku"));
        assert_eq!(Sku::new("x".repeat(65)).unwrap_err().code(), "invalid_identifier");
        assert!(serde_json::from_str::<Sku>("\"\"").is_err());
    }

    #[test]
    fn emails_are_lower_cased() {
        assert_eq!(Email::new("Ada@Example.com").unwrap().as_str(), "ada@example.com");
        assert_eq!(Email::new("nobody").unwrap_err().code(), "invalid_input");
        assert_eq!(Email::new(format!("{}@x.io", "a".repeat(300))).unwrap_err().code(), "limit_exceeded");
    }

    #[test]
    fn the_email_limit_applies_after_lower_casing() {
        // 'Ⱥ' (2 bytes) lower-cases to 'ⱥ' (3 bytes): 245 bytes given, 365 stored.
        let given = format!("{}@x.io", "Ⱥ".repeat(120));
        assert!(given.len() <= EMAIL_LENGTH_MAX);
        let error = Email::new(given).unwrap_err();
        assert_eq!(error.code(), "limit_exceeded");
        assert_eq!(error.field(), Some("customer_email"));
        let accepted = Email::new(format!("{}@x.io", "Ⱥ".repeat(80))).unwrap();
        assert!(accepted.as_str().len() <= EMAIL_LENGTH_MAX);
        assert_eq!(Email::new(accepted.as_str()).unwrap(), accepted, "normalising twice changes nothing");
    }

    #[test]
    fn stored_values_are_read_as_written_and_input_is_validated() {
        let stored = format!("\"{}@x.io\"", "ⱥ".repeat(120));
        assert!(serde_json::from_str::<Email>(&stored).is_err());
        let read: Email = read_stored(|| serde_json::from_str(&stored)).unwrap();
        assert_eq!(read.as_str().len(), 365);
        assert!(serde_json::from_str::<Sku>("\"a b\"").is_err());
        assert_eq!(read_stored(|| serde_json::from_str::<Sku>("\"a b\"")).unwrap().as_str(), "a b");
        assert!(!reading_stored(), "the trusted path ends with the read");
    }
}
