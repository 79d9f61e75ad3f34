//! Exact pricing of an order: line amounts, discounts and shipping prorated
//! with the largest-remainder primitive, and tax per line from a rate.
//!
//! Steps, each exact in minor units:
//! 1. gross = unit price × quantity; net = gross − line discount;
//! 2. the order discount is split over lines by net; shipping over lines by
//!    what remains, so each line knows its share of both;
//! 3. taxable = net − order discount share + shipping share; tax = taxable × rate
//!    (prices exclusive) or taxable × rate / (1 + rate) (prices inclusive),
//!    rounded per line, or per document and rate then split back by taxable;
//! 4. line total = taxable (+ tax when prices exclude it); order total = Σ line totals.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::domain::order::{Order, OrderTotals, TaxSummary};
use crate::kernel::error::{Error, Result};
use crate::kernel::money::{Currency, Money, RoundingLevel, RoundingPolicy};

/// One line as pricing sees it.
#[derive(Debug, Clone)]
pub struct PriceLine {
    pub unit_price: Money,
    pub quantity: i64,
    pub discount: Money,
    pub tax_rate: Decimal,
}

/// Everything pricing needs besides the lines.
#[derive(Debug, Clone, Copy)]
pub struct PriceTerms {
    pub currency: Currency,
    pub order_discount: Money,
    pub shipping: Money,
    pub prices_include_tax: bool,
    pub rounding: RoundingPolicy,
}

/// A line's computed amounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedLine {
    pub order_discount_share: Money,
    pub shipping_share: Money,
    pub tax: Money,
    pub total: Money,
}

/// The result of pricing: one entry per input line, and the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priced {
    pub lines: Vec<PricedLine>,
    pub totals: OrderTotals,
}

fn sum(currency: Currency, amounts: impl IntoIterator<Item = Money>) -> Result<Money> {
    amounts.into_iter().try_fold(Money::zero(currency), |total, amount| total.checked_add(&amount))
}

/// Prices an order. Fails with `invalid_amount` when a discount exceeds what it discounts.
pub fn price(lines: &[PriceLine], terms: &PriceTerms) -> Result<Priced> {
    let currency = terms.currency;
    let mut nets = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        let gross = line.unit_price.times(line.quantity)?;
        if line.discount.minor() > gross.minor() {
            return Err(Error::invalid_amount(
                format!("lines[{index}].discount"),
                format!("discount {} exceeds the line amount {}", line.discount.amount(), gross.amount()),
            ));
        }
        nets.push(gross.checked_sub(&line.discount)?);
    }
    let net_total = sum(currency, nets.iter().copied())?;
    if terms.order_discount.minor() > net_total.minor() {
        return Err(Error::invalid_amount(
            "order_discount",
            format!("discount {} exceeds the order amount {}", terms.order_discount.amount(), net_total.amount()),
        ));
    }
    let discount_shares = terms.order_discount.allocate_by(&nets)?;
    let merchandise: Vec<Money> =
        nets.iter().zip(&discount_shares).map(|(net, share)| net.checked_sub(share)).collect::<Result<_>>()?;
    let shipping_shares = terms.shipping.allocate_by(&merchandise)?;
    let taxables: Vec<Money> =
        merchandise.iter().zip(&shipping_shares).map(|(m, s)| m.checked_add(s)).collect::<Result<_>>()?;
    let taxes = tax_per_line(lines, &taxables, terms)?;

    let mut priced = Vec::with_capacity(lines.len());
    for index in 0..lines.len() {
        let total =
            if terms.prices_include_tax { taxables[index] } else { taxables[index].checked_add(&taxes[index])? };
        priced.push(PricedLine {
            order_discount_share: discount_shares[index],
            shipping_share: shipping_shares[index],
            tax: taxes[index],
            total,
        });
    }
    let totals = OrderTotals {
        subtotal: sum(currency, lines.iter().map(|l| l.unit_price.times(l.quantity)).collect::<Result<Vec<_>>>()?)?,
        discount_total: sum(currency, lines.iter().map(|l| l.discount))?.checked_add(&terms.order_discount)?,
        shipping_total: terms.shipping,
        tax_total: sum(currency, taxes.iter().copied())?,
        total: sum(currency, priced.iter().map(|l| l.total))?,
        tax_summary: tax_summary(lines, &taxables, &taxes, terms)?,
    };
    Ok(Priced { lines: priced, totals })
}

fn unrounded_tax(taxable: Money, rate: Decimal, prices_include_tax: bool) -> Result<Decimal> {
    let overflow = || Error::invalid_amount("tax", "arithmetic overflow");
    let product = taxable.amount().checked_mul(rate).ok_or_else(overflow)?;
    if prices_include_tax {
        product.checked_div(Decimal::ONE + rate).ok_or_else(overflow)
    } else {
        Ok(product)
    }
}

fn tax_per_line(lines: &[PriceLine], taxables: &[Money], terms: &PriceTerms) -> Result<Vec<Money>> {
    let mode = terms.rounding.mode;
    match terms.rounding.level {
        RoundingLevel::Line => lines
            .iter()
            .zip(taxables)
            .map(|(line, taxable)| {
                Ok(Money::round(
                    unrounded_tax(*taxable, line.tax_rate, terms.prices_include_tax)?,
                    terms.currency,
                    mode,
                ))
            })
            .collect(),
        RoundingLevel::Document => {
            let mut taxes = vec![Money::zero(terms.currency); lines.len()];
            for (rate, members) in group_by_rate(lines) {
                let mut raw = Decimal::ZERO;
                for index in &members {
                    raw += unrounded_tax(taxables[*index], rate, terms.prices_include_tax)?;
                }
                let rounded = Money::round(raw, terms.currency, mode);
                let weights: Vec<Money> = members.iter().map(|index| taxables[*index]).collect();
                for (index, share) in members.iter().zip(rounded.allocate_by(&weights)?) {
                    taxes[*index] = share;
                }
            }
            Ok(taxes)
        }
    }
}

fn group_by_rate(lines: &[PriceLine]) -> BTreeMap<Decimal, Vec<usize>> {
    let mut groups: BTreeMap<Decimal, Vec<usize>> = BTreeMap::new();
    for (index, line) in lines.iter().enumerate() {
        groups.entry(line.tax_rate.normalize()).or_default().push(index);
    }
    groups
}

fn tax_summary(
    lines: &[PriceLine],
    taxables: &[Money],
    taxes: &[Money],
    terms: &PriceTerms,
) -> Result<Vec<TaxSummary>> {
    group_by_rate(lines)
        .into_iter()
        .map(|(rate, members)| {
            let tax = sum(terms.currency, members.iter().map(|i| taxes[*i]))?;
            let gross = sum(terms.currency, members.iter().map(|i| taxables[*i]))?;
            let taxable = if terms.prices_include_tax { gross.checked_sub(&tax)? } else { gross };
            Ok(TaxSummary { rate, taxable, tax })
        })
        .collect()
}

/// Every way an order's stored amounts fail to add up (invariant 6).
pub(crate) fn total_violations(order: &Order) -> Vec<String> {
    let mut found = Vec::new();
    let currency = order.currency;
    let minor_sum =
        |pick: fn(&crate::domain::order::OrderLine) -> Money| order.lines.iter().map(|l| pick(l).minor()).sum::<i128>();
    let totals = &order.totals;
    if minor_sum(|l| l.total) != totals.total.minor() {
        found.push(format!("{}: line totals do not sum to the order total", order.id));
    }
    if minor_sum(|l| l.tax) != totals.tax_total.minor() {
        found.push(format!("{}: line taxes do not sum to the tax total", order.id));
    }
    if minor_sum(|l| l.shipping_share) != totals.shipping_total.minor() {
        found.push(format!("{}: shipping shares do not sum to the shipping total", order.id));
    }
    if minor_sum(|l| l.discount) + minor_sum(|l| l.order_discount_share) != totals.discount_total.minor() {
        found.push(format!("{}: discounts do not sum to the discount total", order.id));
    }
    let tax_in_total = if order.prices_include_tax { 0 } else { totals.tax_total.minor() };
    let expected =
        totals.subtotal.minor() - totals.discount_total.minor() + totals.shipping_total.minor() + tax_in_total;
    if expected != totals.total.minor() {
        found.push(format!("{}: subtotal − discounts + shipping + tax ≠ total", order.id));
    }
    if totals.tax_summary.iter().map(|row| row.tax.minor()).sum::<i128>() != totals.tax_total.minor() {
        found.push(format!("{}: tax summary does not sum to the tax total", order.id));
    }
    if totals.total.currency() != currency {
        found.push(format!("{}: total in {} but order in {currency}", order.id, totals.total.currency()));
    }
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::kernel::money::RoundingMode;

    fn usd(text: &str) -> Money {
        Money::parse(text, Currency::USD).unwrap()
    }

    fn line(price: &str, quantity: i64, rate: &str) -> PriceLine {
        PriceLine { unit_price: usd(price), quantity, discount: usd("0"), tax_rate: rate.parse().unwrap() }
    }

    fn terms(include: bool, level: RoundingLevel) -> PriceTerms {
        PriceTerms {
            currency: Currency::USD,
            order_discount: usd("1.00"),
            shipping: usd("5.00"),
            prices_include_tax: include,
            rounding: RoundingPolicy { mode: RoundingMode::HalfUp, level },
        }
    }

    #[test]
    fn exclusive_tax_per_line() {
        let lines = [line("10.00", 1, "0.0825"), line("3.33", 3, "0.0825")];
        let priced = price(&lines, &terms(false, RoundingLevel::Line)).unwrap();
        // Nets 10.00 and 9.99: exact shares 0.50025 and 0.49975 → floors 50 and 49 cents; the last cent goes to the larger remainder.
        let shares: Vec<String> = priced.lines.iter().map(|l| l.order_discount_share.amount().to_string()).collect();
        assert_eq!(shares, ["0.50", "0.50"]);
        let totals = &priced.totals;
        assert_eq!(totals.subtotal, usd("19.99"));
        assert_eq!(totals.discount_total, usd("1.00"));
        let expected = totals.subtotal.minor() - totals.discount_total.minor() + 500 + totals.tax_total.minor();
        assert_eq!(totals.total.minor(), expected);
    }

    #[test]
    fn inclusive_tax_is_inside_the_total() {
        let lines = [line("12.00", 1, "0.2")];
        let mut t = terms(true, RoundingLevel::Line);
        t.order_discount = usd("0");
        t.shipping = usd("0");
        let priced = price(&lines, &t).unwrap();
        assert_eq!(priced.totals.total, usd("12.00"));
        assert_eq!(priced.totals.tax_total, usd("2.00"));
        assert_eq!(priced.totals.tax_summary[0].taxable, usd("10.00"));
    }

    #[test]
    fn document_rounding_rounds_once_per_rate() {
        // Three lines of 0.05 at 10 %: per line 0.005 → 0.01 each (0.03); per document 0.015 → 0.02.
        let lines = [line("0.05", 1, "0.1"), line("0.05", 1, "0.1"), line("0.05", 1, "0.1")];
        let mut t = terms(false, RoundingLevel::Line);
        t.order_discount = usd("0");
        t.shipping = usd("0");
        assert_eq!(price(&lines, &t).unwrap().totals.tax_total, usd("0.03"));
        t.rounding.level = RoundingLevel::Document;
        assert_eq!(price(&lines, &t).unwrap().totals.tax_total, usd("0.02"));
    }

    #[test]
    fn discounts_larger_than_amounts_are_refused() {
        let mut big = line("1.00", 1, "0");
        big.discount = usd("2.00");
        assert_eq!(price(&[big], &terms(false, RoundingLevel::Line)).unwrap_err().field(), Some("lines[0].discount"));
        let mut t = terms(false, RoundingLevel::Line);
        t.order_discount = usd("100.00");
        assert_eq!(price(&[line("1.00", 1, "0")], &t).unwrap_err().field(), Some("order_discount"));
    }
}
