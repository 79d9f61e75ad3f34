//! Postal addresses and the other facts fulfilment needs about an order:
//! where it goes, who pays, how it ships, the caller's own reference and
//! free-form metadata. Each is normalised (text trimmed, the country
//! upper-cased) and then checked against `kernel/limits.rs`, so what a
//! command accepts reads back the same on every backend.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::kernel::error::{Error, Result};
use crate::kernel::limits::{
    ADDRESS_LINES_MAX, EXTERNAL_REFERENCE_LENGTH_MAX, IDENTIFIER_LENGTH_MAX, METADATA_ENTRIES_MAX,
    METADATA_KEY_LENGTH_MAX, METADATA_VALUE_LENGTH_MAX, PHONE_LENGTH_MAX, POSTAL_CODE_LENGTH_MAX, TEXT_LENGTH_MAX,
};

/// A postal address. `country` is an ISO 3166-1 alpha-2 code (`US`, `DE`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Address {
    /// The recipient.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Street lines, one to three.
    pub lines: Vec<String>,
    pub city: String,
    /// State, province or county, when the country uses one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Address {
    /// The address trimmed, its country upper-cased, and checked; errors
    /// name the field under `field` (`shipping_address.lines[1]`).
    pub fn normalized(self, field: &str) -> Result<Address> {
        let at = |name: &str| format!("{field}.{name}");
        let name = text(&at("name"), self.name, TEXT_LENGTH_MAX)?;
        let company = optional_text(&at("company"), self.company, TEXT_LENGTH_MAX)?;
        if self.lines.is_empty() {
            return Err(Error::invalid_input(at("lines"), "an address needs at least one street line"));
        }
        if self.lines.len() > ADDRESS_LINES_MAX {
            return Err(Error::limit(
                at("lines"),
                format!("at most {ADDRESS_LINES_MAX} lines, got {}", self.lines.len()),
            ));
        }
        let lines = self
            .lines
            .into_iter()
            .enumerate()
            .map(|(index, line)| text(&format!("{field}.lines[{index}]"), line, TEXT_LENGTH_MAX))
            .collect::<Result<Vec<_>>>()?;
        let city = text(&at("city"), self.city, TEXT_LENGTH_MAX)?;
        let region = optional_text(&at("region"), self.region, TEXT_LENGTH_MAX)?;
        let postal_code = optional_text(&at("postal_code"), self.postal_code, POSTAL_CODE_LENGTH_MAX)?;
        let country = country(&at("country"), &self.country)?;
        let phone = optional_text(&at("phone"), self.phone, PHONE_LENGTH_MAX)?;
        if let Some(phone) = &phone {
            let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
            if !phone.chars().all(allowed) || !phone.chars().any(|c| c.is_ascii_digit()) {
                return Err(Error::invalid_input(at("phone"), "digits, spaces and + - ( ) . only"));
            }
        }
        Ok(Address { name, company, lines, city, region, postal_code, country, phone })
    }
}

/// Trimmed text that is not empty, at most `max` bytes, without control characters.
fn text(field: &str, value: String, max: usize) -> Result<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    if trimmed.len() > max {
        return Err(Error::limit(field, format!("must be at most {max} bytes, got {}", trimmed.len())));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Error::invalid_input(field, "must not contain control characters"));
    }
    Ok(if trimmed.len() == value.len() { value } else { trimmed.to_string() })
}

fn optional_text(field: &str, value: Option<String>, max: usize) -> Result<Option<String>> {
    value.map(|value| text(field, value, max)).transpose()
}

/// An ISO 3166-1 alpha-2 code, upper-cased.
fn country(field: &str, value: &str) -> Result<String> {
    let code = value.trim().to_ascii_uppercase();
    if COUNTRIES.binary_search(&code.as_str()).is_err() {
        return Err(Error::invalid_input(field, format!("{value:?} is not an ISO 3166-1 alpha-2 country code")));
    }
    Ok(code)
}

/// What an order carries for fulfilment beyond its lines, checked together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderDetails {
    pub shipping_address: Option<Address>,
    pub billing_address: Option<Address>,
    pub shipping_method: Option<String>,
    pub external_reference: Option<String>,
    pub metadata: BTreeMap<String, String>,
}

impl OrderDetails {
    /// Every part normalised and checked, errors named by the command's field.
    pub fn normalized(self) -> Result<OrderDetails> {
        let shipping_address = self.shipping_address.map(|a| a.normalized("shipping_address")).transpose()?;
        let billing_address = self.billing_address.map(|a| a.normalized("billing_address")).transpose()?;
        let shipping_method = optional_text("shipping_method", self.shipping_method, IDENTIFIER_LENGTH_MAX)?;
        let external_reference =
            optional_text("external_reference", self.external_reference, EXTERNAL_REFERENCE_LENGTH_MAX)?;
        if self.metadata.len() > METADATA_ENTRIES_MAX {
            return Err(Error::limit(
                "metadata",
                format!("at most {METADATA_ENTRIES_MAX} entries, got {}", self.metadata.len()),
            ));
        }
        let mut metadata = BTreeMap::new();
        for (key, value) in self.metadata {
            let valid = !key.is_empty()
                && key.len() <= METADATA_KEY_LENGTH_MAX
                && key.chars().all(|c| c.is_ascii_alphanumeric() || "_-.:".contains(c));
            if !valid {
                return Err(Error::invalid_input(
                    format!("metadata.{key}"),
                    format!("a key is 1 to {METADATA_KEY_LENGTH_MAX} of a-z A-Z 0-9 _ - . :"),
                ));
            }
            if value.len() > METADATA_VALUE_LENGTH_MAX {
                return Err(Error::limit(
                    format!("metadata.{key}"),
                    format!("must be at most {METADATA_VALUE_LENGTH_MAX} bytes, got {}", value.len()),
                ));
            }
            if value.chars().any(char::is_control) {
                return Err(Error::invalid_input(format!("metadata.{key}"), "must not contain control characters"));
            }
            metadata.insert(key, value);
        }
        Ok(OrderDetails { shipping_address, billing_address, shipping_method, external_reference, metadata })
    }
}

/// The officially assigned ISO 3166-1 alpha-2 codes, sorted.
pub const COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD",
    "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA",
    "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE",
    "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA",
    "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK",
    "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP",
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT",
    "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",
    "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
    "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS",
    "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST",
    "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
    "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA",
    "ZM", "ZW",
];

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_country_list_is_sorted_and_complete() {
        assert!(COUNTRIES.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(COUNTRIES.len(), 249, "ISO 3166-1 assigns 249 alpha-2 codes");
    }

    fn address() -> Address {
        Address {
            name: " Ada Lovelace ".into(),
            company: None,
            lines: vec!["12 St James's Square".into()],
            city: "London".into(),
            region: None,
            postal_code: Some("SW1Y 4JH".into()),
            country: "gb".into(),
            phone: Some("+44 20 7946 0000".into()),
        }
    }

    #[test]
    fn an_address_is_trimmed_and_its_country_upper_cased() {
        let normalized = address().normalized("shipping_address").unwrap();
        assert_eq!((normalized.name.as_str(), normalized.country.as_str()), ("Ada Lovelace", "GB"));
    }

    #[test]
    fn bad_addresses_name_their_field() {
        let field = |address: Address| address.normalized("shipping_address").unwrap_err().field().map(String::from);
        assert_eq!(field(Address { country: "XX".into(), ..address() }).as_deref(), Some("shipping_address.country"));
        assert_eq!(field(Address { lines: vec![], ..address() }).as_deref(), Some("shipping_address.lines"));
        let long = Address { lines: vec!["a".into(), "x".repeat(201)], ..address() };
        assert_eq!(field(long).as_deref(), Some("shipping_address.lines[1]"));
        assert_eq!(
            field(Address { phone: Some("call me".into()), ..address() }).as_deref(),
            Some("shipping_address.phone")
        );
        assert_eq!(field(Address { name: "  ".into(), ..address() }).as_deref(), Some("shipping_address.name"));
    }
}
