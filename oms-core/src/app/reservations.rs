//! Checkout reservations: reserve stock for a cart, convert it into an order,
//! release it, or let it expire by the injected clock.

use chrono::TimeDelta;

use super::{allocating, append_events, Oms, StockChanges};
use crate::app::records::Records;
use crate::domain::allocation::LineDemand;
use crate::domain::catalog::Channel;
use crate::domain::commands::{LineInput, ReleaseReservation, ReserveStock};
use crate::domain::events::Event;
use crate::domain::inventory::reservations::{Reservation, ReservationStatus, ReservedLine};
use crate::domain::inventory::{self, StockLevel};
use crate::domain::order::{FulfilmentMethod, LineAllocation};
use crate::kernel::error::{positive_quantity, Entity, Error, Result};
use crate::kernel::ids::{check_text, OrderId, ReservationId, Sku};
use crate::kernel::limits::{ORDER_LINES_MAX, RESERVATION_EXPIRY_BATCH_MAX, RESERVATION_TTL_SECONDS_MAX};
use crate::kernel::time::Timestamp;

fn check_reservation(command: &ReserveStock) -> Result<()> {
    if command.lines.is_empty() {
        return Err(Error::invalid_input("lines", "a reservation needs at least one line"));
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
    if !(1..=RESERVATION_TTL_SECONDS_MAX).contains(&command.ttl_seconds) {
        return Err(Error::invalid_input(
            "ttl_seconds",
            format!("must be between 1 and {RESERVATION_TTL_SECONDS_MAX} seconds, got {}", command.ttl_seconds),
        ));
    }
    Ok(())
}

/// Gives back every unit a reservation still reserves and ends it with `status`.
fn end_reservation(
    tx: &mut dyn Records,
    reservation: &mut Reservation,
    status: ReservationStatus,
    changes: &mut StockChanges,
    now: Timestamp,
    events: &mut Vec<Event>,
) -> Result<()> {
    for line in &mut reservation.lines {
        for allocation in line.allocations.drain(..) {
            changes.change(tx, &line.sku, &allocation.location, |level| {
                inventory::release_reservation(level, allocation.quantity, reservation.id.as_str(), now)
            })?;
        }
    }
    reservation.status = status;
    reservation.updated_at = now;
    reservation.version += 1;
    tx.put_reservation(reservation)?;
    events.push(Event::ReservationEnded { reservation_id: reservation.id.clone(), status });
    Ok(())
}

/// `skus` sorted and without repeats: the order in which stock rows are read and locked.
pub(crate) fn sorted_skus<'s>(skus: &[&'s Sku]) -> Vec<&'s Sku> {
    let mut sorted = skus.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
}

/// Releases reservations whose time is up (a bounded batch), inside the caller's transaction.
pub(crate) fn expire_due(tx: &mut dyn Records, now: Timestamp) -> Result<Vec<ReservationId>> {
    let expired = tx.expired_reservations(now, RESERVATION_EXPIRY_BATCH_MAX)?;
    if expired.is_empty() {
        return Ok(Vec::new());
    }
    let mut changes = StockChanges::default();
    let mut events = Vec::new();
    let mut ids = Vec::with_capacity(expired.len());
    for mut reservation in expired {
        end_reservation(tx, &mut reservation, ReservationStatus::Expired, &mut changes, now, &mut events)?;
        ids.push(reservation.id);
    }
    changes.write(tx)?;
    append_events(tx, now, events)?;
    Ok(ids)
}

/// Readies `skus` (sorted, without repeats) for a command that takes their
/// available stock: loads their levels into `changes` and ends, as expired,
/// every reservation whose time is up and that still reserves units of them,
/// found through the storage's index of reserved units, however many there
/// are. Reservations of other SKUs are left to `expire_reservations`. When none is due this is the
/// one read that loads the levels anyway. Call it before anything else in
/// the command loads these SKUs: SKUs already loaded are left as they are.
pub(crate) fn free_expired(
    tx: &mut dyn Records,
    skus: &[&Sku],
    now: Timestamp,
    changes: &mut StockChanges,
) -> Result<()> {
    let missing = changes.unloaded(skus);
    if missing.is_empty() {
        return Ok(());
    }
    let due = tx.stock_levels_due(&missing, now)?;
    let due_skus: Vec<&Sku> = missing
        .iter()
        .copied()
        .filter(|sku| due.iter().any(|d| &d.level.sku == *sku && d.reserved_expired > 0))
        .collect();
    changes.loaded(&missing, due.into_iter().map(|d| d.level));
    if due_skus.is_empty() {
        return Ok(());
    }
    let mut events = Vec::new();
    for mut reservation in tx.expired_reservations_of(&due_skus, now)? {
        end_reservation(tx, &mut reservation, ReservationStatus::Expired, changes, now, &mut events)?;
    }
    append_events(tx, now, events)
}

/// The levels of `skus` (sorted, without repeats) as they will be once the
/// reservations whose time is up are ended: for reads, which cannot end them,
/// so that an expired reservation never lowers what is reported available.
pub(crate) fn levels_without_expired(tx: &mut dyn Records, skus: &[&Sku], now: Timestamp) -> Result<Vec<StockLevel>> {
    let due = tx.stock_levels_due(skus, now)?;
    Ok(due
        .into_iter()
        .map(|d| StockLevel { reserved: (d.level.reserved - d.reserved_expired).max(0), ..d.level })
        .collect())
}

/// What converting a reservation gives each order line: the reservation as it
/// will be stored, and per order line the units taken from it by location.
pub(crate) struct Conversion {
    reservation: Reservation,
    pub(crate) takes: Vec<Vec<LineAllocation>>,
}

/// Works out, without changing anything, what converting reservation
/// `reservation_id` into an order with `lines` gives: each line takes the
/// reserved units of its SKU first. A reservation whose time is up gives
/// nothing (`None`): the order is then allocated as if it had named none.
pub(crate) fn plan_conversion(
    tx: &mut dyn Records,
    reservation_id: &ReservationId,
    channel: &Channel,
    lines: &[LineInput],
    now: Timestamp,
) -> Result<Option<Conversion>> {
    let mut reservation =
        tx.reservation(reservation_id)?.ok_or_else(|| Error::not_found(Entity::Reservation, reservation_id))?;
    if reservation.channel != channel.id {
        return Err(Error::invalid_input(
            "reservation_id",
            format!("reservation {reservation_id} was taken on channel {}", reservation.channel),
        ));
    }
    let expired = reservation.status == ReservationStatus::Expired
        || (reservation.status == ReservationStatus::Active && reservation.expires_at <= now);
    if expired {
        return Ok(None);
    }
    if reservation.status != ReservationStatus::Active {
        return Err(Error::IllegalTransition {
            action: "convert".into(),
            from: format!("{} reservation", reservation.status),
        });
    }
    let mut takes = vec![Vec::new(); lines.len()];
    for (index, line) in lines.iter().enumerate() {
        let mut wanted = line.quantity;
        for reserved in reservation.lines.iter_mut().filter(|reserved| reserved.sku == line.sku) {
            for allocation in reserved.allocations.iter_mut() {
                let units = wanted.min(allocation.quantity);
                if units > 0 {
                    allocation.quantity -= units;
                    wanted -= units;
                    allocating::add_allocation(&mut takes[index], &allocation.location, units);
                }
            }
        }
    }
    Ok(Some(Conversion { reservation, takes }))
}

/// Carries out a conversion for order `order_id`: the taken units move from
/// reserved to allocated; whatever the order did not take is released.
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply_conversion(
    tx: &mut dyn Records,
    conversion: Conversion,
    lines: &[LineInput],
    order_id: &OrderId,
    changes: &mut StockChanges,
    now: Timestamp,
    events: &mut Vec<Event>,
) -> Result<()> {
    let Conversion { mut reservation, takes } = conversion;
    for (line, taken) in lines.iter().zip(&takes) {
        for allocation in taken {
            changes.change(tx, &line.sku, &allocation.location, |level| {
                inventory::convert_reservation(level, allocation.quantity, order_id, now)
            })?;
        }
    }
    for reserved in &mut reservation.lines {
        reserved.allocations.retain(|allocation| allocation.quantity > 0);
    }
    reservation.order_id = Some(order_id.clone());
    end_reservation(tx, &mut reservation, ReservationStatus::Converted, changes, now, events)
}

impl Oms {
    /// Reserves stock for a cart until `ttl_seconds` from now. Every line must
    /// be covered in full (reservations are never backordered). Placing an
    /// order with the reservation's id converts it; otherwise it is released
    /// or expires.
    pub fn reserve_stock(&self, command: ReserveStock) -> Result<Reservation> {
        check_reservation(&command)?;
        self.execute("reserve_stock", command.idempotency_key.as_ref(), &command, |tx, now| {
            if let Some(existing) = tx.reservation(&command.reservation_id)? {
                return Err(Error::Rejected {
                    message: format!("reservation {} already exists ({})", existing.id, existing.status),
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
                    "point-of-sale channels sell at the till and take no reservations",
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
                        inventory::reserve(level, allocation.quantity, command.reservation_id.as_str(), now)
                    })?;
                    events.push(Event::StockReserved {
                        reservation_id: command.reservation_id.clone(),
                        sku: input.sku.clone(),
                        location: allocation.location.clone(),
                        quantity: allocation.quantity,
                    });
                }
                lines.push(ReservedLine {
                    sku: input.sku.clone(),
                    quantity: input.quantity,
                    allocations: planned.allocations,
                });
            }
            let reservation = Reservation {
                id: command.reservation_id.clone(),
                channel: channel.id.clone(),
                lines,
                status: ReservationStatus::Active,
                expires_at: now + TimeDelta::seconds(command.ttl_seconds),
                order_id: None,
                created_at: now,
                updated_at: now,
                version: 1,
            };
            tx.put_reservation(&reservation)?;
            changes.write(tx)?;
            append_events(tx, now, events)?;
            Ok(reservation)
        })
    }

    /// Gives an active reservation's stock back now.
    pub fn release_reservation(&self, command: ReleaseReservation) -> Result<Reservation> {
        self.execute("release_reservation", command.idempotency_key.as_ref(), &command, |tx, now| {
            let mut reservation = tx
                .reservation(&command.reservation_id)?
                .ok_or_else(|| Error::not_found(Entity::Reservation, &command.reservation_id))?;
            if reservation.status != ReservationStatus::Active {
                return Err(Error::IllegalTransition {
                    action: "release".into(),
                    from: format!("{} reservation", reservation.status),
                });
            }
            let mut changes = StockChanges::default();
            let mut events = Vec::new();
            end_reservation(tx, &mut reservation, ReservationStatus::Released, &mut changes, now, &mut events)?;
            changes.write(tx)?;
            append_events(tx, now, events)?;
            Ok(reservation)
        })
    }

    /// Releases every reservation whose time is up (at most
    /// `RESERVATION_EXPIRY_BATCH_MAX` per call; call again while it returns a
    /// full batch). Nothing depends on it running: an expired reservation no
    /// longer counts in availability, and every command that takes stock first
    /// ends the expired reservations on its SKUs.
    pub fn expire_reservations(&self) -> Result<Vec<ReservationId>> {
        self.execute("expire_reservations", None, &(), |tx, now| expire_due(tx, now))
    }

    /// One reservation by id.
    pub fn get_reservation(&self, id: &ReservationId) -> Result<Reservation> {
        self.read(|tx| tx.reservation(id)?.ok_or_else(|| Error::not_found(Entity::Reservation, id)))
    }
}
