//! Order commands and queries.

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{allocating, append_events, page_limit, reservations, AuditReport, Oms, StockChanges};
use crate::domain::allocation::{Explanation, LineDemand, PlannedLine};
use crate::domain::catalog::{Channel, Product};
use crate::domain::commands::{
    CancelLines, CancelOrder, HoldOrder, OrderQuery, PlaceOrder, RejectAllocation, ReleaseHold,
};
use crate::domain::events::{CancelledLine, Event};
use crate::domain::inventory;
use crate::domain::order::pricing::{self, PriceLine, PriceTerms};
use crate::domain::order::{Fulfilment, FulfilmentMethod, LineQuantities, Order, OrderLine, OrderStatus};
use crate::kernel::error::{positive_quantity, Entity, Error, Result};
use crate::kernel::ids::{check_text, ChannelId, LocationId, OrderId, Sku};
use crate::kernel::limits::{ORDER_LINES_MAX, PAGE_LIMIT_MAX};
use crate::kernel::money::Money;
use crate::kernel::time::Timestamp;
use crate::storage::{OrderFilter, Transaction};

/// A dry run of an allocation: see [`Oms::plan_allocation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationPlan {
    pub fulfilment: Fulfilment,
    pub lines: Vec<PlannedLine>,
    pub explanation: Explanation,
}

/// One page of a listing and the cursor of the next page (`None` when this is the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPage {
    pub orders: Vec<Order>,
    pub next_cursor: Option<String>,
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
        positive_quantity("quantity", line.quantity).map_err(|e| e.at(format!("lines[{index}].quantity")))?;
        non_negative(line.unit_price, &format!("lines[{index}].unit_price"))?;
        if let Some(discount) = line.discount {
            non_negative(discount, &format!("lines[{index}].discount"))?;
        }
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

fn non_negative(amount: Decimal, field: &str) -> Result<()> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(Error::invalid_amount(field, format!("must not be negative, got {amount}")));
    }
    Ok(())
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
fn order_context(tx: &mut dyn Transaction, command: &PlaceOrder) -> Result<(Channel, Vec<Product>)> {
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

fn line_index(order: &Order, line_number: u32) -> Result<usize> {
    order
        .lines
        .iter()
        .position(|line| line.line_number == line_number)
        .ok_or_else(|| Error::not_found(Entity::OrderLine, format!("{} line {line_number}", order.id)))
}

fn load_order(tx: &mut dyn Transaction, id: &OrderId) -> Result<Order> {
    tx.order(id)?.ok_or_else(|| Error::not_found(Entity::Order, id))
}

/// Releases `quantity` units of line `index`, newest allocation first.
fn cancel_units(
    tx: &mut dyn Transaction,
    order: &mut Order,
    index: usize,
    quantity: i64,
    changes: &mut StockChanges,
    events: &mut Vec<Event>,
    now: Timestamp,
) -> Result<CancelledLine> {
    let order_id = order.id.clone();
    let line = &mut order.lines[index];
    let mut remaining = quantity;
    while remaining > 0 {
        let Some(allocation) = line.allocations.last_mut() else { break };
        let take = remaining.min(allocation.quantity);
        changes.change(tx, &line.sku, &allocation.location, |level| inventory::release(level, take, &order_id, now))?;
        events.push(Event::StockReleased {
            order_id: order_id.clone(),
            line_number: line.line_number,
            sku: line.sku.clone(),
            location: allocation.location.clone(),
            quantity: take,
        });
        allocation.quantity -= take;
        line.quantities.allocated -= take;
        remaining -= take;
        if allocation.quantity == 0 {
            line.allocations.pop();
        }
    }
    // Whatever was not allocated was backordered.
    line.quantities.backordered -= remaining;
    line.quantities.cancelled += quantity;
    Ok(CancelledLine { line_number: line.line_number, quantity, from_backorder: remaining })
}

/// The payload of a `place_order` as compared on replay: the currency is
/// left out when it is the channel's own, so naming it and omitting it are
/// one request. (A stored order was accepted, so a currency it named was the
/// channel's; one naming another currency stays a different request.)
fn canonical_place_order(tx: &mut dyn Transaction, command: &PlaceOrder) -> Result<String> {
    let channel_currency = tx.channel(&command.channel)?.map(|channel| channel.currency);
    let currency = command.currency.filter(|currency| Some(*currency) != channel_currency);
    serde_json::to_string(&PlaceOrder { currency, ..command.clone() }).map_err(Error::storage)
}

/// Stores a changed order with its next version, after checking its status
/// change against the graph and its invariants.
pub(crate) fn save_order(
    tx: &mut dyn Transaction,
    order: &mut Order,
    action: &str,
    now: Timestamp,
    events: &mut Vec<Event>,
) -> Result<()> {
    if let Some((from, to)) = order.settle_status(action)? {
        events.push(Event::OrderStatusChanged { order_id: order.id.clone(), from, to });
    }
    let violations = order.violations();
    if !violations.is_empty() {
        return Err(Error::storage(format!("refusing to store an unsound order: {}", violations.join("; "))));
    }
    order.version += 1;
    order.updated_at = now;
    tx.put_order(order)
}

impl Oms {
    /// Places an order: validates it, prices it exactly, converts its checkout
    /// reservation if it names one, and allocates the rest through the channel's
    /// allocation pipeline. Units no location can give are backordered when
    /// the product or channel allows it; otherwise the order is
    /// `insufficient_stock` and changes nothing.
    pub fn place_order(&self, command: PlaceOrder) -> Result<Order> {
        check_place_order(&command)?;
        let canonical = |tx: &mut dyn Transaction| canonical_place_order(tx, &command);
        self.execute_canonical("place_order", command.idempotency_key.as_ref(), canonical, |tx, now| {
            let (channel, products) = order_context(tx, &command)?;
            let (price_lines, priced) = price_order(&command, &channel, &products)?;
            let routing =
                self.routing(tx, &channel, command.pickup_location.as_ref(), command.ship_to_region.as_deref())?;
            if command.reservation_id.is_some() && routing.method == FulfilmentMethod::PointOfSale {
                return Err(Error::invalid_input(
                    "reservation_id",
                    "point-of-sale orders do not take checkout reservations",
                ));
            }
            let conversion = match &command.reservation_id {
                Some(reservation_id) => {
                    reservations::plan_conversion(tx, reservation_id, &channel, &command.lines, now)?
                }
                None => None,
            };
            let mut allocations =
                conversion.as_ref().map_or_else(|| vec![Vec::new(); command.lines.len()], |c| c.takes.clone());
            let mut changes = StockChanges::default();
            let mut events = Vec::new();
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
            // Decide the rest before taking an order number, so that a refused
            // order leaves no gap in the sequence.
            for ((input, product), planned) in command.lines.iter().zip(&products).zip(&plan.lines) {
                // A till sale cannot wait for stock: the customer is standing there.
                let may_backorder = routing.method != FulfilmentMethod::PointOfSale
                    && (product.backorderable || channel.allow_backorders);
                if planned.unfilled > 0 && !may_backorder {
                    return Err(Error::InsufficientStock {
                        sku: input.sku.to_string(),
                        requested: input.quantity,
                        available: input.quantity - planned.unfilled,
                    });
                }
            }
            let sequence = tx.next_sequence("order")?;
            let id = OrderId::from_sequence(sequence);
            if let Some(conversion) = conversion {
                reservations::apply_conversion(tx, conversion, &command.lines, &id, &mut changes, now, &mut events)?;
            }
            let mut quantities = Vec::with_capacity(command.lines.len());
            for (index, input) in command.lines.iter().enumerate() {
                let line_number = line_number(index);
                let planned = &plan.lines[index];
                let mut line_quantities = LineQuantities {
                    ordered: input.quantity,
                    allocated: input.quantity - demands[index].quantity,
                    ..LineQuantities::default()
                };
                // Units the converted checkout reservation gave this line are allocated to the order too.
                for taken in &allocations[index] {
                    events.push(Event::StockAllocated {
                        order_id: id.clone(),
                        line_number,
                        sku: input.sku.clone(),
                        location: taken.location.clone(),
                        quantity: taken.quantity,
                        from_backorder: false,
                    });
                }
                for allocation in &planned.allocations {
                    let (sku, location, units) = (&input.sku, &allocation.location, allocation.quantity);
                    if routing.method == FulfilmentMethod::PointOfSale {
                        changes.change(tx, sku, location, |level| inventory::sell_at_till(level, units, &id, now))?;
                        line_quantities.shipped += units;
                        events.push(Event::StockSold {
                            order_id: id.clone(),
                            line_number,
                            sku: sku.clone(),
                            location: location.clone(),
                            quantity: units,
                        });
                    } else {
                        changes.change(tx, sku, location, |level| inventory::allocate(level, units, &id, now))?;
                        line_quantities.allocated += units;
                        events.push(Event::StockAllocated {
                            order_id: id.clone(),
                            line_number,
                            sku: sku.clone(),
                            location: location.clone(),
                            quantity: units,
                            from_backorder: false,
                        });
                    }
                    allocating::add_allocation(&mut allocations[index], location, units);
                }
                if planned.unfilled > 0 {
                    line_quantities.backordered = planned.unfilled;
                    events.push(Event::LineBackordered {
                        order_id: id.clone(),
                        line_number,
                        sku: input.sku.clone(),
                        quantity: planned.unfilled,
                    });
                }
                quantities.push(line_quantities);
            }
            if routing.method == FulfilmentMethod::PointOfSale {
                // A till sale hands the goods over at once: nothing stays allocated there.
                for allocation in allocations.iter_mut() {
                    allocation.clear();
                }
            }
            let lines = command
                .lines
                .iter()
                .zip(&products)
                .zip(quantities)
                .zip(allocations)
                .enumerate()
                .map(|(index, (((input, product), quantities), allocations))| {
                    let amounts = &priced.lines[index];
                    OrderLine {
                        line_number: line_number(index),
                        sku: input.sku.clone(),
                        unit_price: price_lines[index].unit_price,
                        quantities,
                        discount: price_lines[index].discount,
                        order_discount_share: amounts.order_discount_share,
                        shipping_share: amounts.shipping_share,
                        tax_class: product.tax_class.clone(),
                        tax_rate: price_lines[index].tax_rate,
                        tax: amounts.tax,
                        total: amounts.total,
                        allocations,
                    }
                })
                .collect();
            let mut order = Order {
                id: id.clone(),
                sequence,
                channel: channel.id.clone(),
                customer_email: command.customer_email.clone(),
                currency: channel.currency,
                prices_include_tax: channel.prices_include_tax,
                status: OrderStatus::Placed,
                fulfilment: Fulfilment {
                    method: routing.method,
                    location: routing.store.clone(),
                    ship_to_region: command.ship_to_region.clone(),
                },
                hold_reason: None,
                cancel_reason: None,
                lines,
                totals: priced.totals,
                explanation: command.explain.then(|| plan.explanation.clone()),
                created_at: now,
                updated_at: now,
                version: 0,
            };
            let mut all_events = vec![Event::OrderPlaced {
                order_id: id.clone(),
                channel: order.channel.clone(),
                customer_email: order.customer_email.clone(),
                total: order.totals.total,
                line_count: order.lines.len(),
                order: Some(Box::new(order.as_placed())),
            }];
            all_events.append(&mut events);
            save_order(tx, &mut order, "allocate", now, &mut all_events)?;
            for line in order.lines.iter().filter(|line| line.quantities.backordered > 0) {
                allocating::queue_backorder(tx, &order, line.line_number, &line.sku)?;
            }
            let mut shipping_from: Vec<&LocationId> =
                plan.lines.iter().flat_map(|line| line.allocations.iter().map(|a| &a.location)).collect();
            shipping_from.sort();
            shipping_from.dedup();
            allocating::count_shipments(tx, &shipping_from, now.date_naive())?;
            changes.write(tx)?;
            append_events(tx, now, &all_events)?;
            Ok(order)
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

    /// A location could not find the goods it was allocated for a line: the
    /// units are written off there (an adjustment) and the line is re-routed
    /// to the channel's other locations; what none can give is backordered
    /// (the order was accepted, so it is not refused now).
    pub fn reject_allocation(&self, command: RejectAllocation) -> Result<Order> {
        self.execute("reject_allocation", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut order = load_order(tx, &command.order_id)?;
            let index = line_index(&order, command.line_number)?;
            let Some(position) = order.lines[index].allocations.iter().position(|a| a.location == command.location)
            else {
                return Err(Error::not_found(
                    Entity::StockLevel,
                    format!("allocation of line {} at {}", command.line_number, command.location),
                ));
            };
            let channel =
                tx.channel(&order.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &order.channel))?;
            let routing = self.routing(
                tx,
                &channel,
                order.fulfilment.location.as_ref(),
                order.fulfilment.ship_to_region.as_deref(),
            )?;
            let mut changes = StockChanges::default();
            let sku = order.lines[index].sku.clone();
            // The line is re-routed from available stock: expired reservations give theirs back first.
            reservations::free_expired(tx, &[&sku], now, &mut changes)?;
            let units = order.lines[index].allocations.remove(position).quantity;
            changes.change(tx, &sku, &command.location, |level| inventory::release(level, units, &order.id, now))?;
            changes.change(tx, &sku, &command.location, |level| inventory::adjust(level, -units, now))?;
            order.lines[index].quantities.allocated -= units;
            let mut events = vec![Event::AllocationRejected {
                order_id: order.id.clone(),
                line_number: command.line_number,
                location: command.location.clone(),
                quantity: units,
            }];
            let demand = [LineDemand { sku: &sku, quantity: units }];
            let plan = self.plan_lines(
                tx,
                &channel,
                &routing,
                &demand,
                &mut changes,
                now.date_naive(),
                Some(&command.location),
                false,
            )?;
            for allocation in &plan.lines[0].allocations {
                changes.change(tx, &sku, &allocation.location, |level| {
                    inventory::allocate(level, allocation.quantity, &order.id, now)
                })?;
                let line = &mut order.lines[index];
                line.quantities.allocated += allocation.quantity;
                allocating::add_allocation(&mut line.allocations, &allocation.location, allocation.quantity);
                events.push(Event::StockAllocated {
                    order_id: order.id.clone(),
                    line_number: line.line_number,
                    sku: sku.clone(),
                    location: allocation.location.clone(),
                    quantity: allocation.quantity,
                    from_backorder: false,
                });
            }
            let unfilled = plan.lines[0].unfilled;
            if unfilled > 0 {
                order.lines[index].quantities.backordered += unfilled;
                events.push(Event::LineBackordered {
                    order_id: order.id.clone(),
                    line_number: command.line_number,
                    sku: sku.clone(),
                    quantity: unfilled,
                });
                allocating::queue_backorder(tx, &order, command.line_number, &sku)?;
            }
            save_order(tx, &mut order, "re-route", now, &mut events)?;
            changes.write(tx)?;
            append_events(tx, now, &events)?;
            Ok(order)
        })
    }

    /// One order by id.
    pub fn get_order(&self, id: &OrderId) -> Result<Order> {
        self.read(|tx| load_order(tx, id))
    }

    /// Orders matching the query, oldest first, one page at a time.
    pub fn list_orders(&self, query: &OrderQuery) -> Result<OrderPage> {
        let limit = page_limit(query.limit)?;
        let after_sequence = match &query.after {
            None => 0,
            Some(cursor) => cursor.parse::<u64>().map_err(|_| {
                Error::invalid_input("after", format!("{cursor:?} is not a cursor returned by list_orders"))
            })?,
        };
        let filter = OrderFilter {
            customer_email: query.customer_email.clone(),
            channel: query.channel.clone(),
            status: query.status,
            after_sequence,
            limit: limit + 1,
        };
        let mut orders = self.read(|tx| tx.orders(&filter))?;
        let next_cursor = if orders.len() > limit {
            orders.truncate(limit);
            orders.last().map(|order| order.sequence.to_string())
        } else {
            None
        };
        Ok(OrderPage { orders, next_cursor })
    }

    /// Units of `sku` on orders placed on `channel`, less units cancelled
    /// (kept by a projection as orders change, not counted by a scan).
    pub fn units_sold(&self, channel: &ChannelId, sku: &Sku) -> Result<i64> {
        self.read(|tx| tx.counter(&super::projections::units_sold_counter(channel, sku)))
    }

    /// How many orders are in each status.
    pub fn order_status_counts(&self) -> Result<Vec<(OrderStatus, u64)>> {
        self.read(|tx| tx.order_status_counts())
    }

    /// Cancels every unit that has not shipped and releases its stock.
    pub fn cancel_order(&self, command: CancelOrder) -> Result<Order> {
        if let Some(reason) = &command.reason {
            check_text("reason", reason)?;
        }
        self.execute("cancel_order", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut order = load_order(tx, &command.order_id)?;
            if !order.status.is_cancellable() {
                return Err(Error::IllegalTransition { action: "cancel".into(), from: order.status.to_string() });
            }
            let mut changes = StockChanges::default();
            let mut events = Vec::new();
            let mut cancelled = Vec::new();
            for index in 0..order.lines.len() {
                let quantities = order.lines[index].quantities;
                let open = quantities.allocated + quantities.backordered;
                if open > 0 {
                    cancelled.push(cancel_units(tx, &mut order, index, open, &mut changes, &mut events, now)?);
                }
            }
            order.hold_reason = None;
            order.cancel_reason = command.reason.clone();
            events.insert(0, Event::OrderLinesCancelled { order_id: order.id.clone(), lines: cancelled });
            events.insert(1, Event::OrderCancelled { order_id: order.id.clone(), reason: command.reason.clone() });
            save_order(tx, &mut order, "cancel", now, &mut events)?;
            changes.write(tx)?;
            append_events(tx, now, &events)?;
            Ok(order)
        })
    }

    /// Cancels some units of some lines and releases their stock. Each line
    /// may appear once; its quantity may not exceed what is not yet shipped.
    pub fn cancel_lines(&self, command: CancelLines) -> Result<Order> {
        check_cancel_lines(&command)?;
        self.execute("cancel_lines", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut order = load_order(tx, &command.order_id)?;
            if !order.status.is_cancellable() {
                return Err(Error::IllegalTransition {
                    action: "cancel lines of".into(),
                    from: order.status.to_string(),
                });
            }
            let mut changes = StockChanges::default();
            let mut events = Vec::new();
            let mut cancelled = Vec::with_capacity(command.lines.len());
            for (position, request) in command.lines.iter().enumerate() {
                let index =
                    order.lines.iter().position(|line| line.line_number == request.line_number).ok_or_else(|| {
                        Error::not_found(Entity::OrderLine, format!("{} line {}", order.id, request.line_number))
                    })?;
                let quantities = order.lines[index].quantities;
                let open = quantities.allocated + quantities.backordered;
                if request.quantity > open {
                    return Err(Error::invalid_quantity(
                        format!("lines[{position}].quantity"),
                        format!(
                            "line {} has {open} cancellable units, asked to cancel {}",
                            request.line_number, request.quantity
                        ),
                    ));
                }
                cancelled.push(cancel_units(tx, &mut order, index, request.quantity, &mut changes, &mut events, now)?);
            }
            events.insert(0, Event::OrderLinesCancelled { order_id: order.id.clone(), lines: cancelled });
            if order.derived_status() == OrderStatus::Cancelled {
                order.hold_reason = None;
            }
            save_order(tx, &mut order, "cancel lines of", now, &mut events)?;
            changes.write(tx)?;
            append_events(tx, now, &events)?;
            Ok(order)
        })
    }

    /// Puts an order on hold; it keeps its stock until released or cancelled.
    pub fn hold_order(&self, command: HoldOrder) -> Result<Order> {
        check_text("reason", &command.reason)?;
        self.execute("hold_order", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut order = load_order(tx, &command.order_id)?;
            if !order.status.can_become(OrderStatus::OnHold) {
                return Err(Error::IllegalTransition { action: "hold".into(), from: order.status.to_string() });
            }
            order.hold_reason = Some(command.reason.clone());
            let mut events = vec![Event::OrderHeld { order_id: order.id.clone(), reason: command.reason.clone() }];
            save_order(tx, &mut order, "hold", now, &mut events)?;
            append_events(tx, now, &events).map(|()| order)
        })
    }

    /// Releases a hold; the order returns to the status its quantities imply.
    pub fn release_hold(&self, command: ReleaseHold) -> Result<Order> {
        self.execute("release_hold", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut order = load_order(tx, &command.order_id)?;
            if order.status != OrderStatus::OnHold {
                return Err(Error::IllegalTransition { action: "release".into(), from: order.status.to_string() });
            }
            order.hold_reason = None;
            let mut events = vec![Event::OrderReleased { order_id: order.id.clone() }];
            save_order(tx, &mut order, "release", now, &mut events)?;
            append_events(tx, now, &events).map(|()| order)
        })
    }
}

fn check_cancel_lines(command: &CancelLines) -> Result<()> {
    if command.lines.is_empty() {
        return Err(Error::invalid_input("lines", "name at least one line to cancel"));
    }
    if command.lines.len() > ORDER_LINES_MAX {
        return Err(Error::limit("lines", format!("at most {ORDER_LINES_MAX} lines")));
    }
    let mut seen = HashSet::new();
    for (position, line) in command.lines.iter().enumerate() {
        positive_quantity("quantity", line.quantity).map_err(|e| e.at(format!("lines[{position}].quantity")))?;
        if !seen.insert(line.line_number) {
            return Err(Error::invalid_input(
                format!("lines[{position}].line_number"),
                format!("line {} is named twice", line.line_number),
            ));
        }
    }
    Ok(())
}

/// Adds every order's broken invariants to the report, reading page by page.
pub(super) fn audit_orders(tx: &mut dyn Transaction, report: &mut AuditReport) -> Result<()> {
    let mut after_sequence = 0;
    loop {
        let filter =
            OrderFilter { customer_email: None, channel: None, status: None, after_sequence, limit: PAGE_LIMIT_MAX };
        let page = tx.orders(&filter)?;
        let Some(last) = page.last() else { return Ok(()) };
        after_sequence = last.sequence;
        for order in &page {
            report.orders_checked += 1;
            report.violations.extend(order.violations());
        }
    }
}
