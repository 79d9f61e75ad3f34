//! Exact money: an ISO 4217 currency, a `Decimal` amount held at the
//! currency's minor units, named rounding, and the one proration primitive.
//!
//! No floating point appears here or anywhere else in the library.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::kernel::error::{Error, Result};
use crate::kernel::limits::AMOUNT_MAX;

macro_rules! currencies {
    ($($code:ident = $minor:literal),+ $(,)?) => {
        /// An ISO 4217 currency the library knows, with its minor units.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum Currency { $($code),+ }

        impl Currency {
            /// Every known currency.
            pub const ALL: &'static [Currency] = &[$(Currency::$code),+];

            /// The three-letter code.
            pub fn code(self) -> &'static str {
                match self { $(Currency::$code => stringify!($code)),+ }
            }

            /// Digits after the decimal point in the currency's smallest unit.
            pub fn minor_units(self) -> u32 {
                match self { $(Currency::$code => $minor),+ }
            }
        }
    };
}

currencies! {
    AUD = 2, BHD = 3, BRL = 2, CAD = 2, CHF = 2, CNY = 2, CZK = 2, DKK = 2, EUR = 2,
    GBP = 2, HKD = 2, HUF = 2, INR = 2, ISK = 0, JOD = 3, JPY = 0, KRW = 0, KWD = 3,
    MXN = 2, NOK = 2, NZD = 2, OMR = 3, PLN = 2, SEK = 2, SGD = 2, TND = 3, USD = 2,
    ZAR = 2,
}

impl Currency {
    /// Parses a three-letter code; unknown codes are `unknown_currency`.
    pub fn parse(code: &str) -> Result<Currency> {
        Currency::ALL
            .iter()
            .copied()
            .find(|currency| currency.code() == code)
            .ok_or_else(|| Error::UnknownCurrency { field: "currency".into(), code: code.into() })
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(code: &str) -> Result<Currency> {
        Currency::parse(code)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::parse(&code).map_err(serde::de::Error::custom)
    }
}

/// How an amount finer than the currency's minor units is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Halves round away from zero (commercial rounding).
    #[default]
    HalfUp,
    /// Halves round to the even neighbour (banker's rounding).
    HalfEven,
}

impl RoundingMode {
    /// Parses `half_up` or `half_even`.
    pub fn parse(text: &str) -> Result<RoundingMode> {
        match text {
            "half_up" => Ok(RoundingMode::HalfUp),
            "half_even" => Ok(RoundingMode::HalfEven),
            other => {
                Err(Error::invalid_input("rounding_mode", format!("expected half_up or half_even, got {other:?}")))
            }
        }
    }

    /// The snake_case name, as `parse` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundingMode::HalfUp => "half_up",
            RoundingMode::HalfEven => "half_even",
        }
    }

    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        }
    }
}

/// Where tax is rounded: on each line, or once per document and rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingLevel {
    /// Each line's tax is rounded on its own.
    #[default]
    Line,
    /// Tax is summed per rate over the document, rounded once, then split
    /// back over the lines with [`Money::allocate`].
    Document,
}

impl RoundingLevel {
    /// The snake_case name, as `parse` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundingLevel::Line => "line",
            RoundingLevel::Document => "document",
        }
    }

    /// Parses `line` or `document`.
    pub fn parse(text: &str) -> Result<RoundingLevel> {
        match text {
            "line" => Ok(RoundingLevel::Line),
            "document" => Ok(RoundingLevel::Document),
            other => Err(Error::invalid_input("rounding_level", format!("expected line or document, got {other:?}"))),
        }
    }
}

/// A channel's rounding configuration, used for orders, invoices and credit notes alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct RoundingPolicy {
    pub mode: RoundingMode,
    pub level: RoundingLevel,
}

/// An exact amount in one currency, always held at the currency's minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An amount that must already be representable in the currency's minor
    /// units (`19.99` USD, not `19.999`); trailing zeros are accepted.
    pub fn new(amount: Decimal, currency: Currency) -> Result<Money> {
        let minor = currency.minor_units();
        let normalized = amount.normalize();
        if normalized.scale() > minor {
            return Err(Error::invalid_amount(
                "amount",
                format!("{amount} has more than {minor} decimal places allowed by {currency}"),
            ));
        }
        if normalized.abs() > Decimal::from(AMOUNT_MAX) {
            return Err(Error::invalid_amount("amount", format!("{amount} exceeds {AMOUNT_MAX}")));
        }
        let mut amount = normalized;
        amount.rescale(minor);
        Ok(Money { amount, currency })
    }

    /// Like [`Money::new`], and also refuses negative amounts.
    pub fn non_negative(amount: Decimal, currency: Currency) -> Result<Money> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(Error::invalid_amount("amount", format!("must not be negative, got {amount}")));
        }
        Money::new(amount, currency)
    }

    /// Parses a decimal string such as `"19.99"`.
    pub fn parse(text: &str, currency: Currency) -> Result<Money> {
        Money::new(parse_decimal(text)?, currency)
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Money {
        let mut amount = Decimal::ZERO;
        amount.rescale(currency.minor_units());
        Money { amount, currency }
    }

    /// An amount given in minor units (cents for USD).
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        Money { amount: Decimal::new(minor, currency.minor_units()), currency }
    }

    /// Rounds an exact intermediate value (for example a tax computation) to
    /// the currency's minor units with the named mode.
    pub fn round(value: Decimal, currency: Currency, mode: RoundingMode) -> Money {
        let mut amount = value.round_dp_with_strategy(currency.minor_units(), mode.strategy());
        amount.rescale(currency.minor_units());
        Money { amount, currency }
    }

    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    /// The amount as a whole number of minor units.
    pub fn minor(&self) -> i128 {
        // The amount is held at exactly the currency's scale, so the mantissa is the minor-unit count.
        let mut amount = self.amount;
        amount.rescale(self.currency.minor_units());
        amount.mantissa()
    }

    fn same_currency(&self, other: &Money) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                field: "amount".into(),
                expected: self.currency.code().into(),
                found: other.currency.code().into(),
            })
        }
    }

    /// Sum; refuses mixed currencies.
    pub fn checked_add(&self, other: &Money) -> Result<Money> {
        self.same_currency(other)?;
        let amount = self.amount.checked_add(other.amount).ok_or_else(overflow)?;
        Ok(Money { amount, currency: self.currency })
    }

    /// Difference; refuses mixed currencies.
    pub fn checked_sub(&self, other: &Money) -> Result<Money> {
        self.same_currency(other)?;
        let amount = self.amount.checked_sub(other.amount).ok_or_else(overflow)?;
        Ok(Money { amount, currency: self.currency })
    }

    /// The amount times a whole quantity.
    pub fn times(&self, quantity: i64) -> Result<Money> {
        let amount = self.amount.checked_mul(Decimal::from(quantity)).ok_or_else(overflow)?;
        Ok(Money { amount, currency: self.currency })
    }

    /// Splits this amount over `weights` by the largest remainder.
    ///
    /// Each part gets `floor(total × weight / Σweights)` minor units; the
    /// minor units left over go one each to the parts with the largest
    /// remainders, ties broken by position (earlier first). The parts always
    /// add up exactly to the whole. When every weight is zero the amount is
    /// split evenly. Weights must not be negative.
    pub fn allocate(&self, weights: &[Decimal]) -> Result<Vec<Money>> {
        let integers = integer_weights(weights)?;
        let parts = split_minor(self.minor(), &integers)?;
        Ok(parts
            .into_iter()
            .map(|minor| Money { amount: decimal_from_minor(minor, self.currency), currency: self.currency })
            .collect())
    }

    /// [`Money::allocate`] with money weights, the common case (prorating a
    /// discount over line amounts).
    pub fn allocate_by(&self, weights: &[Money]) -> Result<Vec<Money>> {
        let integers: Vec<i128> = weights.iter().map(Money::minor).collect();
        if integers.iter().any(|weight| *weight < 0) {
            return Err(Error::invalid_amount("weights", "weights must not be negative"));
        }
        let parts = split_minor(self.minor(), &integers)?;
        Ok(parts
            .into_iter()
            .map(|minor| Money { amount: decimal_from_minor(minor, self.currency), currency: self.currency })
            .collect())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

fn overflow() -> Error {
    Error::invalid_amount("amount", "arithmetic overflow")
}

fn decimal_from_minor(minor: i128, currency: Currency) -> Decimal {
    // Parts never exceed the whole, which came from a Decimal, so they fit.
    Decimal::from_i128_with_scale(minor, currency.minor_units())
}

/// Parses a plain decimal string exactly: optional sign, digits, optional
/// fraction. Exponents, spaces, `NaN` and `Infinity` are refused, and so is
/// any value `Decimal` cannot hold exactly (more than 28 significant
/// fractional digits, or too large): an amount is never rounded on the way
/// in. Trailing zeros of the fraction carry no value and are dropped first,
/// so `1.000…0` with 40 zeros is exactly 1. Messages quote the caller's text.
pub fn parse_decimal(text: &str) -> Result<Decimal> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let well_formed = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    if !well_formed {
        return Err(Error::invalid_amount("amount", format!("{text:?} is not a decimal number")));
    }
    let significant = match text.split_once('.') {
        Some((whole, fraction)) => match fraction.trim_end_matches('0') {
            "" => whole.to_string(),
            fraction => format!("{whole}.{fraction}"),
        },
        None => text.to_string(),
    };
    let mut value = Decimal::from_str_exact(&significant)
        .map_err(|_| Error::invalid_amount("amount", format!("{text:?} cannot be represented exactly")))?;
    // "-0" is zero: no amount or rate is refused as negative for a sign that carries no value.
    if value.is_zero() {
        value.set_sign_positive(true);
    }
    Ok(value)
}

/// Serde for amounts in commands: a decimal string parsed exactly by
/// [`parse_decimal`], written back in canonical form (trailing zeros
/// dropped: `20.00` is written `20`), so that two requests that mean the
/// same amount serialise alike for idempotency. Use with
/// `#[serde(with = "crate::kernel::money::exact")]`.
pub mod exact {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(amount: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&amount.normalize())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse_decimal(&text).map_err(serde::de::Error::custom)
    }

    /// An optional discount or charge, where absent means zero: a zero is
    /// written as absent, so `discount: 0` and no discount are one request.
    pub mod charge {
        use rust_decimal::Decimal;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(amount: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
            match amount {
                Some(amount) if !amount.is_zero() => serializer.collect_str(&amount.normalize()),
                _ => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
            match <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)? {
                Some(text) => super::super::parse_decimal(&text).map(Some).map_err(serde::de::Error::custom),
                None => Ok(None),
            }
        }
    }
}

fn integer_weights(weights: &[Decimal]) -> Result<Vec<i128>> {
    let scale = weights.iter().map(Decimal::scale).max().unwrap_or(0);
    weights
        .iter()
        .map(|weight| {
            if weight.is_sign_negative() && !weight.is_zero() {
                return Err(Error::invalid_amount("weights", "weights must not be negative"));
            }
            let factor = 10_i128.checked_pow(scale - weight.scale()).ok_or_else(overflow)?;
            weight.mantissa().checked_mul(factor).ok_or_else(overflow)
        })
        .collect()
}

/// The largest-remainder split in integers. `weights` are non-negative.
pub(crate) fn split_minor(total: i128, weights: &[i128]) -> Result<Vec<i128>> {
    if weights.is_empty() {
        return if total == 0 {
            Ok(Vec::new())
        } else {
            Err(Error::invalid_amount("weights", "cannot split a non-zero amount over no parts"))
        };
    }
    let sum: i128 = weights.iter().try_fold(0_i128, |sum, weight| sum.checked_add(*weight)).ok_or_else(overflow)?;
    let even = vec![1_i128; weights.len()];
    let (weights, sum) = if sum == 0 { (&even[..], weights.len() as i128) } else { (weights, sum) };
    let magnitude = total.abs();
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for weight in weights {
        let product = magnitude.checked_mul(*weight).ok_or_else(overflow)?;
        parts.push(product / sum);
        remainders.push(product % sum);
    }
    let left_over = magnitude - parts.iter().sum::<i128>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Largest remainder first; the stable sort keeps earlier positions first among ties.
    order.sort_by(|a, b| remainders[*b].cmp(&remainders[*a]));
    for index in order.into_iter().take(usize::try_from(left_over).unwrap_or(usize::MAX)) {
        parts[index] += 1;
    }
    if total < 0 {
        for part in &mut parts {
            *part = -*part;
        }
    }
    Ok(parts)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn usd(text: &str) -> Money {
        Money::parse(text, Currency::USD).unwrap()
    }

    #[test]
    fn minor_units_are_enforced() {
        assert!(Money::parse("19.99", Currency::USD).is_ok());
        assert!(Money::parse("19.990", Currency::USD).is_ok());
        assert_eq!(Money::parse("19.999", Currency::USD).unwrap_err().code(), "invalid_amount");
        assert_eq!(Money::parse("1.5", Currency::JPY).unwrap_err().code(), "invalid_amount");
        assert_eq!(Money::parse("1.234", Currency::KWD).unwrap().to_string(), "1.234 KWD");
        assert_eq!(Money::parse("NaN", Currency::USD).unwrap_err().code(), "invalid_amount");
        assert_eq!(Money::parse("1e3", Currency::USD).unwrap_err().code(), "invalid_amount");
        assert_eq!(Money::parse("", Currency::USD).unwrap_err().code(), "invalid_amount");
    }

    #[test]
    fn amounts_are_parsed_exactly_or_refused() {
        for inexact in
            ["0.00000000000000000000000000001", "1.00000000000000000000000000001", "79228162514264337593543950336"]
        {
            let error = parse_decimal(inexact).unwrap_err();
            assert_eq!(error.code(), "invalid_amount", "{inexact}");
            assert!(error.to_string().contains(inexact), "the message quotes the caller's text: {error}");
        }
        assert_eq!(parse_decimal(&format!("1.{}", "0".repeat(40))).unwrap(), Decimal::ONE);
        assert_eq!(parse_decimal("0.0000000000000000000000000001").unwrap(), Decimal::new(1, 28));
        assert_eq!(parse_decimal("79228162514264337593543950335").unwrap(), Decimal::MAX);
        assert_eq!(parse_decimal("-0.50").unwrap(), Decimal::new(-5, 1));
        assert_eq!(parse_decimal("100").unwrap(), Decimal::from(100));
        assert!(!parse_decimal("-0.00").unwrap().is_sign_negative(), "minus zero is zero");
    }

    #[test]
    fn mixed_currencies_are_refused() {
        let error = usd("1.00").checked_add(&Money::from_minor(100, Currency::EUR)).unwrap_err();
        assert_eq!(error.code(), "currency_mismatch");
    }

    #[test]
    fn allocate_breaks_ties_by_position() {
        let parts = usd("0.10").allocate(&[Decimal::ONE, Decimal::ONE, Decimal::ONE]).unwrap();
        let texts: Vec<String> = parts.iter().map(|part| part.amount().to_string()).collect();
        assert_eq!(texts, ["0.04", "0.03", "0.03"]);
    }

    #[test]
    fn allocate_uses_largest_remainder() {
        let weights = [Decimal::new(1, 0), Decimal::new(2, 0), Decimal::new(7, 0)];
        let parts = usd("1.05").allocate(&weights).unwrap();
        let texts: Vec<String> = parts.iter().map(|part| part.amount().to_string()).collect();
        // Exact shares 0.105, 0.21, 0.735: floors 10, 21, 73; the two cents left go to 0.5 then 0.5 remainders.
        assert_eq!(texts, ["0.11", "0.21", "0.73"]);
        let negative = usd("-1.05").allocate(&weights).unwrap();
        assert_eq!(negative[0].amount().to_string(), "-0.11");
    }

    #[test]
    fn allocate_zero_weights_splits_evenly() {
        let parts = usd("1.00").allocate(&[Decimal::ZERO, Decimal::ZERO, Decimal::ZERO]).unwrap();
        assert_eq!(parts.iter().map(Money::minor).collect::<Vec<_>>(), [34, 33, 33]);
    }

    #[test]
    fn rounding_modes_differ_on_halves() {
        let value = Decimal::new(125, 3); // 0.125
        assert_eq!(Money::round(value, Currency::USD, RoundingMode::HalfUp).amount().to_string(), "0.13");
        assert_eq!(Money::round(value, Currency::USD, RoundingMode::HalfEven).amount().to_string(), "0.12");
    }
}
