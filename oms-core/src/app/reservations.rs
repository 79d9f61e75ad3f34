//! Checkout holds: reserve stock for a cart, convert it into an order, release
//! it, or let it expire by the injected clock.

use chrono::TimeDelta;

use super::{allocating, append_events, Oms, StockChanges};
use crate::domain::allocation::LineDemand;
use crate::domain::catalog::Channel;
use crate::domain::commands::{HoldStock, LineInput, ReleaseStockHold};
use crate::domain::events::Event;
use crate::domain::inventory::holds::{HeldLine, HoldStatus, StockHold};
use crate::domain::inventory::{self, StockLevel};
use crate::domain::order::{FulfilmentMethod, LineAllocation};
use crate::kernel::error::{positive_quantity, Entity, Error, Result};
use crate::kernel::ids::{check_text, HoldId, OrderId, Sku};
use crate::kernel::limits::{HOLD_EXPIRY_BATCH_MAX, HOLD_TTL_SECONDS_MAX, ORDER_LINES_MAX};
use crate::kernel::time::Timestamp;
use crate::storage::Transaction;

fn check_hold(command: &HoldStock) -> Result<()> {
    if command.lines.is_empty() {
        return Err(Error::invalid_input("lines", "a hold needs at least one line"));
    }
    if command.lines.len() > ORDER_LINES_MAX {
        return Err(Error::limit("lines", format!("at most {ORDER_LINES_MAX} lines")));
    }
    for (index, line) in command.lines.iter().enumerate() {
        positive_quantity("quantity", line.quantity).map_err(|e| e.at(format!("lines[{index}].quantity")))?;
    }
    if let Some(region) = &command.ship_to_region {
        check_text("ship_to_region", region)?;
    }
    if !(1..=HOLD_TTL_SECONDS_MAX).contains(&command.ttl_seconds) {
        return Err(Error::invalid_input(
            "ttl_seconds",
            format!("must be between 1 and {HOLD_TTL_SECONDS_MAX} seconds, got {}", command.ttl_seconds),
        ));
    }
    Ok(())
}

/// Gives back every unit a hold still holds and ends it with `status`.
fn end_hold(
    tx: &mut dyn Transaction,
    hold: &mut StockHold,
    status: HoldStatus,
    changes: &mut StockChanges,
    now: Timestamp,
    events: &mut Vec<Event>,
) -> Result<()> {
    for line in &mut hold.lines {
        for allocation in line.allocations.drain(..) {
            changes.change(tx, &line.sku, &allocation.location, |level| {
                inventory::release_hold(level, allocation.quantity, hold.id.as_str(), now)
            })?;
        }
    }
    hold.status = status;
    hold.updated_at = now;
    hold.version += 1;
    tx.put_stock_hold(hold)?;
    events.push(Event::HoldEnded { hold_id: hold.id.clone(), status });
    Ok(())
}

/// `skus` sorted and without repeats: the order in which stock rows are read and locked.
pub(crate) fn sorted_skus<'s>(skus: &[&'s Sku]) -> Vec<&'s Sku> {
    let mut sorted = skus.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
}

/// Releases holds whose time is up (a bounded batch), inside the caller's transaction.
pub(crate) fn expire_due(tx: &mut dyn Transaction, now: Timestamp) -> Result<Vec<HoldId>> {
    let expired = tx.expired_holds(now, HOLD_EXPIRY_BATCH_MAX)?;
    if expired.is_empty() {
        return Ok(Vec::new());
    }
    let mut changes = StockChanges::default();
    let mut events = Vec::new();
    let mut ids = Vec::with_capacity(expired.len());
    for mut hold in expired {
        end_hold(tx, &mut hold, HoldStatus::Expired, &mut changes, now, &mut events)?;
        ids.push(hold.id);
    }
    changes.write(tx)?;
    append_events(tx, now, &events)?;
    Ok(ids)
}

/// Readies `skus` (sorted, without repeats) for a command that takes their
/// available stock: loads their levels into `changes` and ends, as expired,
/// every hold whose time is up and that still holds units of them, found
/// through the storage's index of held units, however many there are. Holds
/// of other SKUs are left to `expire_holds`. When none is due this is the
/// one read that loads the levels anyway. Call it before anything else in
/// the command loads these SKUs: SKUs already loaded are left as they are.
pub(crate) fn free_expired(
    tx: &mut dyn Transaction,
    skus: &[&Sku],
    now: Timestamp,
    changes: &mut StockChanges,
) -> Result<()> {
    let missing = changes.unloaded(skus);
    if missing.is_empty() {
        return Ok(());
    }
    let due = tx.stock_levels_due(&missing, now)?;
    let due_skus: Vec<&Sku> =
        missing.iter().copied().filter(|sku| due.iter().any(|d| &d.level.sku == *sku && d.held_expired > 0)).collect();
    changes.loaded(&missing, due.into_iter().map(|d| d.level));
    if due_skus.is_empty() {
        return Ok(());
    }
    let mut events = Vec::new();
    for mut hold in tx.expired_holds_of(&due_skus, now)? {
        end_hold(tx, &mut hold, HoldStatus::Expired, changes, now, &mut events)?;
    }
    append_events(tx, now, &events)
}

/// The levels of `skus` (sorted, without repeats) as they will be once the
/// holds whose time is up are ended: for reads, which cannot end them, so
/// that an expired hold never lowers what is reported available.
pub(crate) fn levels_without_expired(
    tx: &mut dyn Transaction,
    skus: &[&Sku],
    now: Timestamp,
) -> Result<Vec<StockLevel>> {
    let due = tx.stock_levels_due(skus, now)?;
    Ok(due.into_iter().map(|d| StockLevel { held: (d.level.held - d.held_expired).max(0), ..d.level }).collect())
}

/// What converting a hold gives each order line: the hold as it will be
/// stored, and per order line the units taken from it by location.
pub(crate) struct Conversion {
    hold: StockHold,
    pub(crate) takes: Vec<Vec<LineAllocation>>,
}

/// Works out, without changing anything, what converting hold `hold_id` into
/// an order with `lines` gives: each line takes the held units of its SKU
/// first. A hold whose time is up gives nothing (`None`): the order is then
/// allocated as if it had named no hold.
pub(crate) fn plan_conversion(
    tx: &mut dyn Transaction,
    hold_id: &HoldId,
    channel: &Channel,
    lines: &[LineInput],
    now: Timestamp,
) -> Result<Option<Conversion>> {
    let mut hold = tx.stock_hold(hold_id)?.ok_or_else(|| Error::not_found(Entity::Hold, hold_id))?;
    if hold.channel != channel.id {
        return Err(Error::invalid_input("hold_id", format!("hold {hold_id} was taken on channel {}", hold.channel)));
    }
    let expired = hold.status == HoldStatus::Expired || (hold.status == HoldStatus::Active && hold.expires_at <= now);
    if expired {
        return Ok(None);
    }
    if hold.status != HoldStatus::Active {
        return Err(Error::IllegalTransition { action: "convert".into(), from: format!("{} hold", hold.status) });
    }
    let mut takes = vec![Vec::new(); lines.len()];
    for (index, line) in lines.iter().enumerate() {
        let mut wanted = line.quantity;
        for held in hold.lines.iter_mut().filter(|held| held.sku == line.sku) {
            for allocation in held.allocations.iter_mut() {
                let units = wanted.min(allocation.quantity);
                if units > 0 {
                    allocation.quantity -= units;
                    wanted -= units;
                    allocating::add_allocation(&mut takes[index], &allocation.location, units);
                }
            }
        }
    }
    Ok(Some(Conversion { hold, takes }))
}

/// Carries out a conversion for order `order_id`: the taken units move from
/// held to allocated; whatever the order did not take is released.
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply_conversion(
    tx: &mut dyn Transaction,
    conversion: Conversion,
    lines: &[LineInput],
    order_id: &OrderId,
    changes: &mut StockChanges,
    now: Timestamp,
    events: &mut Vec<Event>,
) -> Result<()> {
    let Conversion { mut hold, takes } = conversion;
    for (line, taken) in lines.iter().zip(&takes) {
        for allocation in taken {
            changes.change(tx, &line.sku, &allocation.location, |level| {
                inventory::convert_hold(level, allocation.quantity, order_id, now)
            })?;
        }
    }
    for held in &mut hold.lines {
        held.allocations.retain(|allocation| allocation.quantity > 0);
    }
    hold.order_id = Some(order_id.clone());
    end_hold(tx, &mut hold, HoldStatus::Converted, changes, now, events)
}

impl Oms {
    /// Holds stock for a cart until `ttl_seconds` from now. Every line must be
    /// covered in full (holds are never backordered). Placing an order with
    /// the hold's id converts it; otherwise it is released or expires.
    pub fn hold_stock(&self, command: HoldStock) -> Result<StockHold> {
        check_hold(&command)?;
        self.execute("hold_stock", command.idempotency_key.as_ref(), &command, |tx, now| {
            if let Some(existing) = tx.stock_hold(&command.hold_id)? {
                return Err(Error::Rejected {
                    message: format!("hold {} already exists ({})", existing.id, existing.status),
                });
            }
            let channel =
                tx.channel(&command.channel)?.ok_or_else(|| Error::not_found(Entity::Channel, &command.channel))?;
            for line in &command.lines {
                if tx.product(&line.sku)?.is_none() {
                    return Err(Error::not_found(Entity::Product, &line.sku));
                }
            }
            let routing =
                self.routing(tx, &channel, command.pickup_location.as_ref(), command.ship_to_region.as_deref())?;
            if routing.method == FulfilmentMethod::PointOfSale {
                return Err(Error::invalid_input(
                    "channel",
                    "point-of-sale channels sell at the till and take no holds",
                ));
            }
            let demands: Vec<LineDemand<'_>> =
                command.lines.iter().map(|line| LineDemand { sku: &line.sku, quantity: line.quantity }).collect();
            let mut changes = StockChanges::default();
            let skus: Vec<&Sku> = command.lines.iter().map(|line| &line.sku).collect();
            free_expired(tx, &sorted_skus(&skus), now, &mut changes)?;
            let plan =
                self.plan_lines(tx, &channel, &routing, &demands, &mut changes, now.date_naive(), None, false)?;
            let mut events = Vec::new();
            let mut lines = Vec::with_capacity(command.lines.len());
            for (input, planned) in command.lines.iter().zip(plan.lines) {
                if planned.unfilled > 0 {
                    return Err(Error::InsufficientStock {
                        sku: input.sku.to_string(),
                        requested: input.quantity,
                        available: input.quantity - planned.unfilled,
                    });
                }
                for allocation in &planned.allocations {
                    changes.change(tx, &input.sku, &allocation.location, |level| {
                        inventory::hold(level, allocation.quantity, command.hold_id.as_str(), now)
                    })?;
                    events.push(Event::StockHeld {
                        hold_id: command.hold_id.clone(),
                        sku: input.sku.clone(),
                        location: allocation.location.clone(),
                        quantity: allocation.quantity,
                    });
                }
                lines.push(HeldLine {
                    sku: input.sku.clone(),
                    quantity: input.quantity,
                    allocations: planned.allocations,
                });
            }
            let hold = StockHold {
                id: command.hold_id.clone(),
                channel: channel.id.clone(),
                lines,
                status: HoldStatus::Active,
                expires_at: now + TimeDelta::seconds(command.ttl_seconds),
                order_id: None,
                created_at: now,
                updated_at: now,
                version: 1,
            };
            tx.put_stock_hold(&hold)?;
            changes.write(tx)?;
            append_events(tx, now, &events)?;
            Ok(hold)
        })
    }

    /// Gives an active hold's stock back now.
    pub fn release_stock_hold(&self, command: ReleaseStockHold) -> Result<StockHold> {
        self.execute("release_stock_hold", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut hold =
                tx.stock_hold(&command.hold_id)?.ok_or_else(|| Error::not_found(Entity::Hold, &command.hold_id))?;
            if hold.status != HoldStatus::Active {
                return Err(Error::IllegalTransition {
                    action: "release".into(),
                    from: format!("{} hold", hold.status),
                });
            }
            let mut changes = StockChanges::default();
            let mut events = Vec::new();
            end_hold(tx, &mut hold, HoldStatus::Released, &mut changes, now, &mut events)?;
            changes.write(tx)?;
            append_events(tx, now, &events)?;
            Ok(hold)
        })
    }

    /// Releases every hold whose time is up (at most `HOLD_EXPIRY_BATCH_MAX`
    /// per call; call again while it returns a full batch). Nothing depends on
    /// it running: an expired hold no longer counts in availability, and every
    /// command that takes stock first ends the expired holds on its SKUs.
    pub fn expire_holds(&self) -> Result<Vec<HoldId>> {
        self.execute("expire_holds", None, &(), |tx, now| expire_due(tx, now))
    }

    /// One hold by id.
    pub fn get_stock_hold(&self, id: &HoldId) -> Result<StockHold> {
        self.read(|tx| tx.stock_hold(id)?.ok_or_else(|| Error::not_found(Entity::Hold, id)))
    }
}
