//! The built-in allocation strategies.

use super::{AllocationStrategy, Request, Site};
use crate::domain::catalog::LocationKind;

/// Direct-to-consumer shipping from warehouses and 3PL sites: nearest, then priority.
#[derive(Debug, Clone, Copy, Default)]
pub struct ShipFromWarehouse;

impl AllocationStrategy for ShipFromWarehouse {
    fn name(&self) -> &str {
        "ship_from_warehouse"
    }

    fn admits(&self, site: &Site<'_>, _request: &Request<'_>) -> bool {
        site.location.kind != LocationKind::Store && site.location.capabilities.ships
    }
}

/// Shipping where stores that ship from store join the warehouses.
#[derive(Debug, Clone, Copy, Default)]
pub struct ShipFromStore;

impl AllocationStrategy for ShipFromStore {
    fn name(&self) -> &str {
        "ship_from_store"
    }

    fn admits(&self, site: &Site<'_>, request: &Request<'_>) -> bool {
        let capabilities = site.location.capabilities;
        ShipFromWarehouse.admits(site, request)
            || (site.location.kind == LocationKind::Store && capabilities.ships_from_store)
    }
}

/// Buy online, pick up in store: only the pickup store.
#[derive(Debug, Clone, Copy, Default)]
pub struct PickupInStore;

impl AllocationStrategy for PickupInStore {
    fn name(&self) -> &str {
        "pickup_in_store"
    }

    fn admits(&self, site: &Site<'_>, request: &Request<'_>) -> bool {
        request.store == Some(&site.location.id) && site.location.capabilities.offers_pickup
    }
}

/// Sold at a till: only the store the sale happens at.
#[derive(Debug, Clone, Copy, Default)]
pub struct PointOfSale;

impl AllocationStrategy for PointOfSale {
    fn name(&self) -> &str {
        "point_of_sale"
    }

    fn admits(&self, site: &Site<'_>, request: &Request<'_>) -> bool {
        request.store == Some(&site.location.id)
    }
}
