//! The prices of an edit: the added lines as placed, and the whole order
//! priced again as the edit leaves it.

use super::EditContext;
use crate::domain::events::RepricedLine;
use crate::domain::order::commands::EditOrder;
use crate::domain::order::pricing::{self, PriceLine, PriceTerms};
use crate::domain::order::{LineQuantities, Order, OrderLine, OrderTotals};
use crate::kernel::error::Result;
use crate::kernel::money::Money;

/// The added lines as placed: numbered after every line the order ever had
/// (removed ones included), in the order's currency, at the channel's
/// current tax rate for the product's class (their shares, tax and total
/// come from [`reprice`]).
pub(super) fn added(order: &Order, command: &EditOrder, context: &EditContext<'_>) -> Result<Vec<OrderLine>> {
    let highest = order.lines.iter().map(|line| line.line_number).chain(order.removed_lines.iter().copied()).max();
    let zero = Money::zero(order.currency);
    let mut lines = Vec::with_capacity(command.add_lines.len());
    for (index, (input, product)) in command.add_lines.iter().zip(context.added_products).enumerate() {
        let amount = |value: rust_decimal::Decimal, name: &str| {
            Money::new(value, order.currency).map_err(|e| e.at(format!("add_lines[{index}].{name}")))
        };
        let offset = u32::try_from(index + 1).unwrap_or(u32::MAX);
        lines.push(OrderLine {
            line_number: highest.unwrap_or(0).saturating_add(offset),
            sku: input.sku.clone(),
            unit_price: amount(input.unit_price, "unit_price")?,
            quantities: LineQuantities { ordered: input.quantity, ..LineQuantities::default() },
            discount: input.discount.map_or(Ok(zero), |discount| amount(discount, "discount"))?,
            order_discount_share: zero,
            shipping_share: zero,
            tax_class: product.tax_class.clone(),
            tax_rate: context.channel.tax_rate(&product.tax_class),
            tax: zero,
            total: zero,
            allocations: Vec::new(),
        });
    }
    Ok(lines)
}

/// Prices the order as the edit leaves it: kept lines at their unit price,
/// line discount and tax rate as placed and their new ordered quantity,
/// added lines as given; the order discount and shipping charge as they
/// stand; prices including tax as the order does, rounded by the channel's
/// policy. Returns every line's amounts (kept lines, then added ones) and
/// the totals. A discount that no longer fits is `invalid_amount` on
/// the part of the edit that made it so.
pub(super) fn reprice(
    order: &Order,
    kept: &[OrderLine],
    added_lines: &[OrderLine],
    quantity_fields: &[(u32, String)],
    context: &EditContext<'_>,
) -> Result<(Vec<RepricedLine>, OrderTotals)> {
    let all: Vec<&OrderLine> = kept.iter().chain(added_lines).collect();
    let price_lines: Vec<PriceLine> = all
        .iter()
        .map(|line| PriceLine {
            unit_price: line.unit_price,
            quantity: line.quantities.ordered,
            discount: line.discount,
            tax_rate: line.tax_rate,
        })
        .collect();
    let line_discounts =
        order.lines.iter().try_fold(Money::zero(order.currency), |sum, line| sum.checked_add(&line.discount))?;
    let terms = PriceTerms {
        currency: order.currency,
        order_discount: order.totals.discount_total.checked_sub(&line_discounts)?,
        shipping: order.totals.shipping_total,
        prices_include_tax: order.prices_include_tax,
        rounding: context.channel.rounding,
    };
    // Name the part of the edit a refused line discount comes from.
    let field_of = |index: usize| -> String {
        match index.checked_sub(kept.len()) {
            Some(added) => format!("add_lines[{added}].discount"),
            None => quantity_fields
                .iter()
                .find(|(number, _)| *number == kept[index].line_number)
                .map_or_else(|| "change_lines".to_string(), |(_, field)| field.clone()),
        }
    };
    let priced = pricing::price(&price_lines, &terms).map_err(|error| {
        let index = error
            .field()
            .and_then(|field| field.strip_prefix("lines["))
            .and_then(|rest| rest.split(']').next())
            .and_then(|number| number.parse::<usize>().ok());
        match index {
            Some(index) => error.at(field_of(index)),
            None => error,
        }
    })?;
    let repriced = all
        .iter()
        .zip(&priced.lines)
        .map(|(line, amounts)| RepricedLine {
            line_number: line.line_number,
            order_discount_share: amounts.order_discount_share,
            shipping_share: amounts.shipping_share,
            tax: amounts.tax,
            total: amounts.total,
        })
        .collect();
    Ok((repriced, priced.totals))
}
