//! Shipments in the unit of work: a document per shipment, listed by
//! creation (the id's number), found by order (`idx_1`), by status (`idx_2`)
//! and by location and status together (`idx_3`, what a pick list reads).

use super::rows::*;
use super::{Scan, Unit};
use crate::domain::fulfilment::{Shipment, ShipmentStatus};
use crate::kernel::error::Result;
use crate::kernel::ids::{LocationId, OrderId};
use crate::storage::contract::{Document, IndexFilter, Term};

impl Unit<'_> {
    pub(super) fn write_shipment(&mut self, shipment: &Shipment) -> Result<()> {
        // Listed by creation (the id's number), found by order.
        let doc = Document::typed(shipment.id.to_string(), shipment.version, shipment.clone())
            .with(Term::First, shipment.order_id.to_string())
            .with(Term::Second, text_of(&shipment.status)?)
            .with(Term::Third, shipment_place(&shipment.location, shipment.status));
        self.tx.put("shipment", &doc)
    }

    pub(super) fn shipments_of_order(&mut self, order_id: &OrderId) -> Result<Vec<Shipment>> {
        self.scan_all("shipment", &IndexFilter::Equals(Term::First, order_id.to_string()), |_, _| Scan::Take)
    }

    pub(super) fn shipments_at_place(
        &mut self,
        location: &LocationId,
        status: ShipmentStatus,
    ) -> Result<Vec<Shipment>> {
        let place = IndexFilter::Equals(Term::Third, shipment_place(location, status));
        self.scan_all("shipment", &place, |_, _| Scan::Take)
    }

    pub(super) fn shipments_with_status(&mut self, status: ShipmentStatus) -> Result<Vec<Shipment>> {
        self.scan_all("shipment", &IndexFilter::Equals(Term::Second, text_of(&status)?), |_, _| Scan::Take)
    }
}
