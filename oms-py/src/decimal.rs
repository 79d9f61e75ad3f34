//! `decimal.Decimal` to `rust_decimal::Decimal`, exactly or not at all.
//!
//! The value is read from `Decimal.as_tuple()` (sign, digits, exponent)
//! rather than through `str()` and a parser: a parser rounds what it cannot
//! hold (`1.00000000000000000000000000001` became `1.00`), so an amount the
//! caller never sent could be accepted, or quoted back in a refusal. Here a
//! value is either held exactly or refused as `invalid_amount` quoting
//! `str(value)`.
//!
//! `rust_decimal` holds a 96-bit mantissa and at most 28 decimal places.
//! Trailing zeros of the fraction carry no value, so they are dropped as far
//! as needed to fit (`1.000000000000000000000000000000` is 1), and no further:
//! a value the core refuses for its scale (`19.9990` in USD) is quoted back
//! as the caller wrote it. An exponent is applied (`1E+2` is 100). Negative
//! zero is zero.

use oms_core::Error;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use rust_decimal::Decimal;

use crate::convert::Result;

/// The largest mantissa a `rust_decimal::Decimal` holds: 2**96 - 1.
const MANTISSA_MAX: u128 = (1 << 96) - 1;

/// The most decimal places a `rust_decimal::Decimal` holds.
const SCALE_MAX: u64 = Decimal::MAX_SCALE as u64;

/// Why a finite value cannot be held exactly.
enum Unfit {
    Scale,
    Magnitude,
}

/// `mantissa * 10 + digit`, if the result fits in 96 bits.
fn push_digit(mantissa: u128, digit: u8) -> Option<u128> {
    mantissa.checked_mul(10)?.checked_add(u128::from(digit)).filter(|result| *result <= MANTISSA_MAX)
}

/// The mantissa and scale of `digits × 10^exponent` (digits most significant
/// first, not all zero), keeping as many trailing zeros of the fraction as fit.
fn fit(digits: &[u8], exponent: i64) -> std::result::Result<(u128, u32), Unfit> {
    let places = exponent.checked_neg().map_or(u64::MAX, |places| u64::try_from(places).unwrap_or(0));
    let trailing_zeros = digits.iter().rev().take_while(|digit| **digit == 0).count() as u64;
    // Zeros that may be dropped (those after the point), and those that must be.
    let droppable = trailing_zeros.min(places);
    let required = places.saturating_sub(SCALE_MAX);
    if required > droppable {
        return Err(Unfit::Scale);
    }
    let significant = digits.len() - usize::try_from(droppable).map_err(|_| Unfit::Scale)?;
    let mut mantissa = 0_u128;
    for digit in &digits[..significant] {
        mantissa = push_digit(mantissa, *digit).ok_or(Unfit::Magnitude)?;
    }
    // A non-negative exponent scales the mantissa up; the loop ends within 29 steps.
    for _ in 0..exponent.max(0) {
        mantissa = push_digit(mantissa, 0).ok_or(Unfit::Magnitude)?;
    }
    let mut kept = 0;
    while kept < droppable - required {
        match push_digit(mantissa, 0) {
            Some(longer) => mantissa = longer,
            None => break,
        }
        kept += 1;
    }
    let scale = places.saturating_sub(droppable) + kept;
    Ok((mantissa, u32::try_from(scale).map_err(|_| Unfit::Scale)?))
}

/// A finite `decimal.Decimal` (or subclass) as a `rust_decimal::Decimal`, exactly.
/// NaN, infinities and values it cannot hold exactly are `invalid_amount`.
pub(crate) fn exact(value: &Bound<'_, PyAny>, field: &str) -> Result<Decimal> {
    let py = value.py();
    let refuse = |reason: &str| {
        let text = value.str().map(|text| text.to_string()).unwrap_or_else(|_| "the value".into());
        Error::InvalidAmount { field: field.into(), message: format!("{text} {reason}") }
    };
    let unreadable = |error: PyErr| Error::InvalidInput { field: field.into(), message: error.to_string() };
    let parts = value.call_method0(intern!(py, "as_tuple")).map_err(unreadable)?;
    let (negative, digits, exponent): (u8, Bound<'_, PyTuple>, Bound<'_, PyAny>) =
        parts.extract().map_err(unreadable)?;
    // The exponent of NaN and infinity is a letter ('n', 'N', 'F').
    let Ok(exponent) = exponent.extract::<i64>() else {
        return Err(refuse("is not a finite number"));
    };
    let digits = digits.iter().map(|digit| digit.extract::<u8>()).collect::<PyResult<Vec<u8>>>().map_err(unreadable)?;
    if digits.iter().all(|digit| *digit == 0) {
        let places = exponent.checked_neg().unwrap_or(i64::MAX).clamp(0, SCALE_MAX as i64);
        return Ok(Decimal::new(0, u32::try_from(places).unwrap_or(0)));
    }
    let (mantissa, scale) = fit(&digits, exponent).map_err(|unfit| match unfit {
        Unfit::Scale => refuse("cannot be held exactly: more than 28 decimal places"),
        Unfit::Magnitude => {
            refuse("cannot be held exactly: its digits, without the point, exceed 79228162514264337593543950335")
        }
    })?;
    let signed = i128::try_from(mantissa).map_err(|_| refuse("is out of range"))?;
    let signed = if negative == 1 { -signed } else { signed };
    Decimal::try_from_i128_with_scale(signed, scale).map_err(|_| refuse("is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fitted(digits: &[u8], exponent: i64) -> Option<(u128, u32)> {
        fit(digits, exponent).ok()
    }

    #[test]
    fn keeps_the_callers_scale_when_it_fits() {
        assert_eq!(fitted(&[1, 9, 9, 9, 0], -3), Some((19990, 3)));
        assert_eq!(fitted(&[1, 0, 0], 0), Some((100, 0)));
        assert_eq!(fitted(&[1], 2), Some((100, 0)));
    }

    #[test]
    fn drops_trailing_zeros_only_as_far_as_needed() {
        let mut one = vec![1];
        one.extend([0; 30]);
        assert_eq!(fitted(&one, -30), Some((10_u128.pow(28), 28)));
        let mut max = MANTISSA_MAX.to_string().bytes().map(|digit| digit - b'0').collect::<Vec<_>>();
        max.push(0);
        assert_eq!(fitted(&max, -1), Some((MANTISSA_MAX, 0)));
    }

    #[test]
    fn refuses_what_it_cannot_hold() {
        let mut fine = vec![1];
        fine.extend([0; 28]);
        fine.push(1);
        assert!(matches!(fit(&fine, -29), Err(Unfit::Scale)));
        let beyond = (MANTISSA_MAX + 1).to_string().bytes().map(|digit| digit - b'0').collect::<Vec<_>>();
        assert!(matches!(fit(&beyond, 0), Err(Unfit::Magnitude)));
        assert!(matches!(fit(&[1], 30), Err(Unfit::Magnitude)));
        assert!(matches!(fit(&[1], i64::MAX), Err(Unfit::Magnitude)));
        assert!(matches!(fit(&[1], i64::MIN), Err(Unfit::Scale)));
    }
}
