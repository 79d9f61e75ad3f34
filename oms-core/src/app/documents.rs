//! Printable documents: the pick list, packing slips and shipping labels.
//! Each handler reads what its document shows and hands it to the pure
//! renderers of `domain::fulfilment::documents`; none writes anything.

use std::collections::BTreeSet;

use super::Oms;
use crate::app::records::Records;
use crate::domain::fulfilment::documents::{self, PackingSlip, ProductNames};
use crate::domain::fulfilment::Shipment;
use crate::domain::order::Order;
use crate::kernel::error::{Entity, Error, Result};
use crate::kernel::ids::{LocationId, ShipmentId, Sku};
use crate::kernel::limits::PACKING_SLIPS_MAX;
use crate::kernel::time::usable;

/// The catalogue's names of `skus` (a SKU whose product is gone has none).
fn names_of<'a>(tx: &mut dyn Records, skus: impl IntoIterator<Item = &'a Sku>) -> Result<ProductNames> {
    let skus: Vec<&Sku> = skus.into_iter().collect::<BTreeSet<_>>().into_iter().collect();
    Ok(tx.products(&skus)?.into_iter().flatten().map(|product| (product.sku, product.name)).collect())
}

fn shipment_with_order(tx: &mut dyn Records, id: &ShipmentId) -> Result<(Shipment, Order)> {
    let shipment = tx.shipment(id)?.ok_or_else(|| Error::not_found(Entity::Shipment, id))?;
    let order = tx.order(&shipment.order_id)?.ok_or_else(|| Error::not_found(Entity::Order, &shipment.order_id))?;
    Ok((shipment, order))
}

impl Oms {
    /// The pick list of a location (what [`Oms::pick_list`] returns) as a
    /// printable HTML page, with each product's name and the time it was
    /// printed (`location_not_found` for an unknown location).
    pub fn pick_list_document(&self, location: &LocationId) -> Result<String> {
        let printed_at = usable(self.clock.now())?;
        let list = self.pick_list(location)?;
        let names = self.read(|tx| names_of(tx, list.lines.iter().map(|line| &line.sku)))?;
        Ok(documents::pick_list_html(&list, &names, printed_at))
    }

    /// The packing slips of the shipments named, in the order named, as one
    /// printable HTML document with a page per shipment. Shipments rather
    /// than orders, because a packer slips what is on the bench: shipments
    /// of many orders at one location, never the part of an order another
    /// location sends (an order's are `list_shipments(order_id)`).
    /// `invalid_input` for no ids, `limit_exceeded` for more than
    /// [`PACKING_SLIPS_MAX`], `shipment_not_found` for an unknown one.
    pub fn packing_slips(&self, shipment_ids: &[ShipmentId]) -> Result<String> {
        if shipment_ids.is_empty() {
            return Err(Error::invalid_input("shipment_ids", "name at least one shipment"));
        }
        if shipment_ids.len() > PACKING_SLIPS_MAX {
            return Err(Error::limit(
                "shipment_ids",
                format!("at most {PACKING_SLIPS_MAX} shipments per call, got {}", shipment_ids.len()),
            ));
        }
        let (slips, names) = self.read(|tx| {
            let slips = shipment_ids
                .iter()
                .map(|id| shipment_with_order(tx, id))
                .collect::<Result<Vec<(Shipment, Order)>>>()?;
            let names =
                names_of(tx, slips.iter().flat_map(|(shipment, _)| shipment.lines.iter().map(|line| &line.sku)))?;
            Ok((slips, names))
        })?;
        let slips: Vec<PackingSlip<'_>> =
            slips.iter().map(|(shipment, order)| PackingSlip { shipment, order }).collect();
        Ok(documents::packing_slips_html(&slips, &names))
    }

    /// The shipping labels of a packed or shipped shipment in ZPL, one label
    /// per parcel (`shipment_not_found`; `illegal_transition` before it is
    /// packed or once delivered or cancelled; `rejected` when its order has
    /// no shipping address).
    pub fn shipping_label(&self, shipment_id: &ShipmentId) -> Result<String> {
        self.read(|tx| {
            let (shipment, order) = shipment_with_order(tx, shipment_id)?;
            let from = tx
                .location(&shipment.location)?
                .ok_or_else(|| Error::not_found(Entity::Location, &shipment.location))?;
            documents::shipping_labels_zpl(&shipment, &order, &from)
        })
    }
}
