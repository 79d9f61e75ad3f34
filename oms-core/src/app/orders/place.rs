//! Placing an order: the checks that need no storage, exact pricing,
//! routing, the share a converted checkout reservation gives, the
//! allocation plan, the stock it moves and the order as stored; and the dry
//! run of its allocation.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::save_order;
use crate::app::allocating::{self, Routing};
use crate::app::records::Records;
use crate::app::reservations::{self, Conversion};
use crate::app::{append_events, Oms, StockChanges};
use crate::domain::address::OrderDetails;
use crate::domain::allocation::{Explanation, LineDemand, Plan, PlannedLine};
use crate::domain::catalog::{Channel, Product};
use crate::domain::commands::{non_negative, PlaceOrder};
use crate::domain::inventory;
use crate::domain::order::decide::{self, PlacementPlan};
use crate::domain::order::pricing::{self, PriceLine, PriceTerms};
use crate::domain::order::{
    Fulfilment, FulfilmentMethod, LineAllocation, LineQuantities, Order, OrderLine, OrderStatus,
};
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{check_text, LocationId, OrderId, Sku};
use crate::kernel::limits::ORDER_LINES_MAX;
use crate::kernel::money::Money;
use crate::kernel::time::Timestamp;

/// A dry run of an allocation: see [`Oms::plan_allocation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationPlan {
    pub fulfilment: Fulfilment,
    pub lines: Vec<PlannedLine>,
    pub explanation: Explanation,
}

/// Checks what can be checked without storage. Errors come in a fixed order:
/// the lines list, then each line in position order (quantity, then amounts),
/// then the order-level amounts.
fn check_place_order(command: &PlaceOrder) -> Result<()> {
    if command.lines.is_empty() {
        return Err(Error::invalid_input("lines", "an order needs at least one line"));
    }
    if command.lines.len() > ORDER_LINES_MAX {
        return Err(Error::limit("lines", format!("at most {ORDER_LINES_MAX} lines, got {}", command.lines.len())));
    }
    for (index, line) in command.lines.iter().enumerate() {
        line.check(&format!("lines[{index}]"))?;
    }
    if let Some(region) = &command.ship_to_region {
        check_text("ship_to_region", region)?;
    }
    for (amount, field) in [(command.order_discount, "order_discount"), (command.shipping, "shipping")] {
        if let Some(amount) = amount {
            non_negative(amount, field)?;
        }
    }
    Ok(())
}

/// The command with its addresses, shipping method, reference and metadata
/// normalised and checked (before the idempotency payload is made of it).
fn with_details_normalized(command: PlaceOrder) -> Result<PlaceOrder> {
    let PlaceOrder { shipping_address, billing_address, shipping_method, external_reference, metadata, .. } = command;
    let details = OrderDetails { shipping_address, billing_address, shipping_method, external_reference, metadata }
        .normalized()?;
    Ok(PlaceOrder {
        shipping_address: details.shipping_address,
        billing_address: details.billing_address,
        shipping_method: details.shipping_method,
        external_reference: details.external_reference,
        metadata: details.metadata,
        ..command
    })
}

fn money(amount: Option<Decimal>, channel: &Channel, field: &str) -> Result<Money> {
    Money::new(amount.unwrap_or(Decimal::ZERO), channel.currency).map_err(|e| e.at(field))
}

fn price_order(
    command: &PlaceOrder,
    channel: &Channel,
    products: &[Product],
) -> Result<(Vec<PriceLine>, pricing::Priced)> {
    let mut lines = Vec::with_capacity(command.lines.len());
    for (index, (line, product)) in command.lines.iter().zip(products).enumerate() {
        lines.push(PriceLine {
            unit_price: money(Some(line.unit_price), channel, &format!("lines[{index}].unit_price"))?,
            quantity: line.quantity,
            discount: money(line.discount, channel, &format!("lines[{index}].discount"))?,
            tax_rate: channel.tax_rate(&product.tax_class),
        });
    }
    let terms = PriceTerms {
        currency: channel.currency,
        order_discount: money(command.order_discount, channel, "order_discount")?,
        shipping: money(command.shipping, channel, "shipping")?,
        prices_include_tax: channel.prices_include_tax,
        rounding: channel.rounding,
    };
    let priced = pricing::price(&lines, &terms)?;
    Ok((lines, priced))
}

/// The channel and products an order names, checked in a fixed order: channel, currency, products.
fn order_context(tx: &mut dyn Records, command: &PlaceOrder) -> Result<(std::sync::Arc<Channel>, Vec<Product>)> {
    let channel = tx.channel(&command.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &command.channel))?;
    if let Some(currency) = command.currency.filter(|currency| *currency != channel.currency) {
        return Err(Error::CurrencyMismatch {
            field: "currency".into(),
            expected: channel.currency.code().into(),
            found: currency.code().into(),
        });
    }
    let skus: Vec<&Sku> = command.lines.iter().map(|line| &line.sku).collect();
    let found = tx.products(&skus)?;
    let mut products = Vec::with_capacity(found.len());
    for (product, sku) in found.into_iter().zip(skus) {
        products.push(product.ok_or_else(|| Error::not_found(Entity::Product, sku))?);
    }
    Ok((channel, products))
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// The payload of a `place_order` as compared on replay: the currency is
/// left out when it is the channel's own, so naming it and omitting it are
/// one request. (A stored order was accepted, so a currency it named was the
/// channel's; one naming another currency stays a different request.)
fn canonical_place_order(tx: &mut dyn Records, command: &PlaceOrder) -> Result<String> {
    let channel_currency = tx.channel(&command.channel)?.map(|channel| channel.currency);
    let currency = command.currency.filter(|currency| Some(*currency) != channel_currency);
    serde_json::to_string(&PlaceOrder { currency, ..command.clone() }).map_err(Error::storage)
}

/// What placing an order decides before it takes an order number, and the
/// stock it moves once it has one.
struct Placement {
    channel: std::sync::Arc<Channel>,
    products: Vec<Product>,
    price_lines: Vec<PriceLine>,
    priced: pricing::Priced,
    routing: Routing,
    conversion: Option<Conversion>,
    /// Per line, the units the converted checkout reservation gives it.
    allocations: Vec<Vec<LineAllocation>>,
    /// Per line, whether units the plan leaves over may wait as a backorder.
    may_backorder: Vec<bool>,
    plan: Plan,
    changes: StockChanges,
}

impl Oms {
    /// Places an order: validates it, prices it exactly, converts its checkout
    /// reservation if it names one, and allocates the rest through the channel's
    /// allocation pipeline. Units no location can give are backordered when
    /// the product or channel allows it; otherwise the order is
    /// `insufficient_stock` and changes nothing.
    pub fn place_order(&self, command: PlaceOrder) -> Result<Order> {
        let command = with_details_normalized(command)?;
        check_place_order(&command)?;
        let canonical = |tx: &mut dyn Records| canonical_place_order(tx, &command);
        self.execute_canonical("place_order", command.idempotency_key.as_ref(), canonical, |tx, now| {
            let mut placement = self.decide_placement(tx, &command, now)?;
            let sequence = tx.next_sequence("order")?;
            let id = OrderId::from_sequence(sequence);
            let mut converted = Vec::new();
            if let Some(conversion) = placement.conversion.take() {
                let changes = &mut placement.changes;
                reservations::apply_conversion(tx, conversion, &command.lines, &id, changes, now, &mut converted)?;
            }
            // Decide, evolve, then move the stock the plan names and stage it all.
            let placed = placement.placed(&command, id, sequence, now);
            let plan = PlacementPlan {
                reserved: &placement.allocations,
                planned: &placement.plan.lines,
                may_backorder: &placement.may_backorder,
            };
            let (mut order, decided) = decide::conclude_placing(decide::place(&placed, &plan)?, now)?;
            placement.move_stock(tx, &command, &order.id, now)?;
            // `order_placed` first, then what converting the reservation did, then the units.
            let mut events = Vec::with_capacity(decided.len() + converted.len());
            let mut decided = decided.into_iter();
            events.extend(decided.next());
            events.append(&mut converted);
            events.extend(decided);
            save_order(tx, &mut order, "allocate", now, &mut events)?;
            for line in order.lines.iter().filter(|line| line.quantities.backordered > 0) {
                allocating::queue_backorder(tx, &order, line.line_number, &line.sku)?;
            }
            let mut shipping_from: Vec<&LocationId> =
                placement.plan.lines.iter().flat_map(|line| line.allocations.iter().map(|a| &a.location)).collect();
            shipping_from.sort();
            shipping_from.dedup();
            allocating::count_shipments(tx, &shipping_from, now.date_naive())?;
            placement.changes.write(tx)?;
            append_events(tx, now, events)?;
            Ok(order)
        })
    }

    /// Decides what can be decided before the order takes a number: its
    /// channel and products, prices, routing, the share of the checkout
    /// reservation it converts, and the allocation plan. Units that can be
    /// neither allocated nor backordered refuse the order here.
    fn decide_placement(&self, tx: &mut dyn Records, command: &PlaceOrder, now: Timestamp) -> Result<Placement> {
        let (channel, products) = order_context(tx, command)?;
        let (price_lines, priced) = price_order(command, &channel, &products)?;
        let routing =
            self.routing(tx, &channel, command.pickup_location.as_ref(), command.ship_to_region.as_deref())?;
        if command.reservation_id.is_some() && routing.method == FulfilmentMethod::PointOfSale {
            return Err(Error::invalid_input(
                "reservation_id",
                "point-of-sale orders do not take checkout reservations",
            ));
        }
        let conversion = match &command.reservation_id {
            Some(reservation_id) => reservations::plan_conversion(tx, reservation_id, &channel, &command.lines, now)?,
            None => None,
        };
        let allocations =
            conversion.as_ref().map_or_else(|| vec![Vec::new(); command.lines.len()], |c| c.takes.clone());
        let mut changes = StockChanges::default();
        let demands: Vec<LineDemand<'_>> = command
            .lines
            .iter()
            .zip(&allocations)
            .map(|(line, reserved)| LineDemand {
                sku: &line.sku,
                quantity: line.quantity - reserved.iter().map(|a| a.quantity).sum::<i64>(),
            })
            .collect();
        // Reservations whose time is up give their units back first, so
        // that a stale one never blocks a sale; the read costs nothing extra.
        let skus: Vec<&Sku> = command.lines.iter().map(|line| &line.sku).collect();
        reservations::free_expired(tx, &reservations::sorted_skus(&skus), now, &mut changes)?;
        let today = now.date_naive();
        let plan = self.plan_lines(tx, &channel, &routing, &demands, &mut changes, today, None, command.explain)?;
        // A till sale cannot wait for stock: the customer is standing there.
        let may_backorder: Vec<bool> = products
            .iter()
            .map(|product| {
                routing.method != FulfilmentMethod::PointOfSale && (product.backorderable || channel.allow_backorders)
            })
            .collect();
        // Refuse what cannot be filled before taking an order number, so that a refusal leaves no gap.
        let check = PlacementPlan { reserved: &allocations, planned: &plan.lines, may_backorder: &may_backorder };
        if let Some(index) = decide::unfillable(&check) {
            let input = &command.lines[index];
            return Err(Error::InsufficientStock {
                sku: input.sku.to_string(),
                requested: input.quantity,
                available: input.quantity - plan.lines[index].unfilled,
            });
        }
        Ok(Placement {
            channel,
            products,
            price_lines,
            priced,
            routing,
            conversion,
            allocations,
            may_backorder,
            plan,
            changes,
        })
    }

    /// Plans an order's allocation without changing anything (a dry run):
    /// which locations would give how many units, what would be left over, and why.
    /// Checkout reservations are not converted in a dry run.
    pub fn plan_allocation(&self, command: PlaceOrder) -> Result<AllocationPlan> {
        check_place_order(&command)?;
        self.read(|tx| {
            let (channel, _) = order_context(tx, &command)?;
            let routing =
                self.routing(tx, &channel, command.pickup_location.as_ref(), command.ship_to_region.as_deref())?;
            let demands: Vec<LineDemand<'_>> =
                command.lines.iter().map(|line| LineDemand { sku: &line.sku, quantity: line.quantity }).collect();
            // Planned as the sale would be: reservations whose time is up reserve nothing.
            let now = crate::kernel::time::usable(self.clock.now())?;
            let skus = reservations::sorted_skus(&command.lines.iter().map(|line| &line.sku).collect::<Vec<_>>());
            let mut changes = StockChanges::default();
            changes.loaded(&skus, reservations::levels_without_expired(tx, &skus, now)?);
            let plan = self.plan_lines(tx, &channel, &routing, &demands, &mut changes, now.date_naive(), None, true)?;
            Ok(AllocationPlan {
                fulfilment: Fulfilment {
                    method: routing.method,
                    location: routing.store,
                    ship_to_region: command.ship_to_region.clone(),
                },
                lines: plan.lines,
                explanation: plan.explanation,
            })
        })
    }
}

impl Placement {
    /// The order as placed: numbered and priced, every line at its ordered
    /// quantity with nothing moved yet (what `order_placed` carries).
    fn placed(&self, command: &PlaceOrder, id: OrderId, sequence: u64, now: Timestamp) -> Order {
        let lines = command
            .lines
            .iter()
            .zip(&self.products)
            .enumerate()
            .map(|(index, (input, product))| {
                let amounts = &self.priced.lines[index];
                OrderLine {
                    line_number: line_number(index),
                    sku: input.sku.clone(),
                    unit_price: self.price_lines[index].unit_price,
                    quantities: LineQuantities { ordered: input.quantity, ..LineQuantities::default() },
                    discount: self.price_lines[index].discount,
                    order_discount_share: amounts.order_discount_share,
                    shipping_share: amounts.shipping_share,
                    tax_class: product.tax_class.clone(),
                    tax_rate: self.price_lines[index].tax_rate,
                    tax: amounts.tax,
                    total: amounts.total,
                    allocations: Vec::new(),
                }
            })
            .collect();
        Order {
            id,
            sequence,
            channel: self.channel.id.clone(),
            customer_email: command.customer_email.clone(),
            currency: self.channel.currency,
            prices_include_tax: self.channel.prices_include_tax,
            status: OrderStatus::Placed,
            fulfilment: Fulfilment {
                method: self.routing.method,
                location: self.routing.store.clone(),
                ship_to_region: command.ship_to_region.clone(),
            },
            hold_reason: None,
            completed_at: None,
            cancel_reason: None,
            lines,
            removed_lines: Vec::new(),
            totals: self.priced.totals.clone(),
            explanation: command.explain.then(|| self.plan.explanation.clone()),
            shipping_address: command.shipping_address.clone(),
            billing_address: command.billing_address.clone(),
            shipping_method: command.shipping_method.clone(),
            external_reference: command.external_reference.clone(),
            metadata: command.metadata.clone(),
            created_at: now,
            updated_at: now,
            version: 0,
        }
    }

    /// Moves the stock the plan gives each line: sold at a till, else
    /// allocated to the order (the reservation's share moved when it was converted).
    fn move_stock(&mut self, tx: &mut dyn Records, command: &PlaceOrder, id: &OrderId, now: Timestamp) -> Result<()> {
        let at_till = self.routing.method == FulfilmentMethod::PointOfSale;
        for (input, planned) in command.lines.iter().zip(&self.plan.lines) {
            for allocation in &planned.allocations {
                let (sku, location, units) = (&input.sku, &allocation.location, allocation.quantity);
                self.changes.change(tx, sku, location, |level| match at_till {
                    true => inventory::sell_at_till(level, units, id, now),
                    false => inventory::allocate(level, units, id, now),
                })?;
            }
        }
        Ok(())
    }
}
