//! The in-process catalogue cache of the unit of work: channels, products
//! and locations as last read, valid for one catalogue version.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Scan, Unit};
use crate::app::records::Records;
use crate::domain::catalog::{Channel, Location, Product};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{ChannelId, LocationId, Sku};
use crate::storage::contract::{Document, IndexFilter, Lock};
use crate::storage::Access;

/// The tally every catalogue write adds one to: the version the
/// in-process [`Catalogue`] cache is checked against.
pub(super) const CATALOGUE_VERSION: &str = "catalogue_version";

/// Channels, products and locations as last read, shared by every unit of
/// one service and valid for one catalogue version. A unit checks the
/// version once before its first catalogue read — a reader with one
/// statement, a writer by having its commit check it in a statement sent
/// anyway — and then reads what the cache holds without decoding anything.
#[derive(Debug, Default)]
pub(crate) struct Catalogue {
    state: std::sync::Mutex<Cached>,
    /// Set once the store answered a product with a typed body (the memory
    /// backend keeps values as they are): its reads cost what the cache
    /// does, so products are read from it directly and not copied here.
    pub(super) typed_store: std::sync::atomic::AtomicBool,
}

#[derive(Debug, Default)]
pub(super) struct Cached {
    /// The catalogue version the entries were read at; `None` before the first check.
    pub(super) version: Option<i64>,
    /// Shared with the memory backend's stored bodies (no copy to fill).
    pub(super) products: HashMap<Sku, std::sync::Arc<Product>>,
    pub(super) channels: HashMap<ChannelId, std::sync::Arc<Channel>>,
    pub(super) locations: Option<std::sync::Arc<Vec<Location>>>,
}

impl Catalogue {
    pub(super) fn cached(&self) -> std::sync::MutexGuard<'_, Cached> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Empties the cache unless it holds entries of `version`.
    pub(super) fn check(&self, version: i64) {
        let mut cached = self.cached();
        if cached.version != Some(version) {
            *cached = Cached { version: Some(version), ..Cached::default() };
        }
    }

    /// Empties the cache: the next unit checks the version before using it.
    pub(super) fn forget(&self) {
        *self.cached() = Cached::default();
    }

    /// The version the cache holds entries of, if it was ever checked.
    pub(super) fn version(&self) -> Option<i64> {
        self.cached().version
    }

    /// Runs `fill` on the cache if it is still at `version`.
    pub(super) fn fill(&self, version: i64, fill: impl FnOnce(&mut Cached)) {
        let mut cached = self.cached();
        if cached.version == Some(version) {
            fill(&mut cached);
        }
    }
}

/// How a unit may use the catalogue cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CatalogueUse {
    /// Not checked yet in this unit.
    Unchecked,
    /// Checked at this version: the cache serves reads.
    Checked(i64),
    /// Taken unchecked at the cache's version, which commit checks (a
    /// writer's first use: no statement until then). Serves reads as `Checked`.
    Expected(i64),
    /// This unit wrote the catalogue: it reads from storage, where its writes are.
    Written,
}

/// The unit's reads and writes of the catalogue, through the cache.
impl Unit<'_> {
    /// The catalogue version the cache may serve this unit at, or `None`
    /// when this unit must read the catalogue from storage.
    pub(super) fn catalogue_version(&mut self) -> Result<Option<i64>> {
        match self.catalogue_use {
            CatalogueUse::Checked(version) | CatalogueUse::Expected(version) => Ok(Some(version)),
            CatalogueUse::Written => Ok(None),
            CatalogueUse::Unchecked if self.access == Access::Write && self.catalogue.version().is_some() => {
                let version = self.catalogue.version().unwrap_or_default();
                self.tx.expect_tally(CATALOGUE_VERSION, version)?;
                self.catalogue_use = CatalogueUse::Expected(version);
                Ok(Some(version))
            }
            CatalogueUse::Unchecked => {
                let version = self.tx.tallies(&[CATALOGUE_VERSION])?.first().copied().unwrap_or(0);
                self.catalogue.check(version);
                self.catalogue_use = CatalogueUse::Checked(version);
                Ok(Some(version))
            }
        }
    }

    /// Writes a catalogue document and moves the catalogue version on (once per unit).
    pub(super) fn put_catalogue(&mut self, kind: &str, doc: &Document) -> Result<()> {
        if let CatalogueUse::Expected(version) = self.catalogue_use {
            // What was read from the cache is checked now, and commit expects this unit's addition.
            if self.stale()? {
                return Err(Error::Conflict { message: "the catalogue changed while this command read it".into() });
            }
            self.tx.expect_tally(CATALOGUE_VERSION, version + 1)?;
        }
        self.tx.put(kind, doc)?;
        if self.catalogue_use != CatalogueUse::Written {
            self.tx.add_to_tallies(&[(CATALOGUE_VERSION, 1)])?;
            self.catalogue_use = CatalogueUse::Written;
        }
        Ok(())
    }

    /// [`Records::products`], served from the catalogue cache when it is valid.
    pub(super) fn cached_products(&mut self, skus: &[&Sku]) -> Result<Vec<Option<Product>>> {
        // A store that keeps typed values (memory) answers as cheaply as the cache would.
        let version = match self.catalogue.typed_store.load(std::sync::atomic::Ordering::Relaxed) {
            true => None,
            false => self.catalogue_version()?,
        };
        let Some(version) = version else {
            let keys: Vec<&str> = skus.iter().map(|sku| sku.as_str()).collect();
            let found = self.tx.get_many("product", &keys, Lock::None)?;
            return found.into_iter().map(|doc| doc.map(|doc| doc.body.decode::<Product>()).transpose()).collect();
        };
        let mut answer: Vec<Option<Product>> = {
            let cached = self.catalogue.cached();
            skus.iter().map(|sku| cached.products.get(*sku).map(|product| Product::clone(product))).collect()
        };
        let missing: Vec<&str> =
            skus.iter().zip(&answer).filter(|(_, found)| found.is_none()).map(|(sku, _)| sku.as_str()).collect();
        if missing.is_empty() {
            return Ok(answer);
        }
        let mut read: Vec<std::sync::Arc<Product>> = Vec::with_capacity(missing.len());
        for doc in self.tx.get_many("product", &missing, Lock::None)?.into_iter().flatten() {
            // A typed body (memory) is shared as it is; text is decoded once.
            match doc.body.typed_arc::<Product>() {
                Some(product) => {
                    self.catalogue.typed_store.store(true, std::sync::atomic::Ordering::Relaxed);
                    read.push(product)
                }
                None => read.push(std::sync::Arc::new(doc.body.decode::<Product>()?)),
            }
        }
        for (sku, slot) in skus.iter().zip(answer.iter_mut()) {
            if slot.is_none() {
                *slot = read.iter().find(|product| &product.sku == *sku).map(|product| Product::clone(product));
            }
        }
        self.catalogue.fill(version, |cached| {
            cached.products.extend(read.into_iter().map(|product| (product.sku.clone(), product)));
        });
        Ok(answer)
    }

    /// [`Records::location`], served from the catalogue cache when it is valid.
    pub(super) fn cached_location(&mut self, id: &LocationId) -> Result<Option<Location>> {
        if self.catalogue_version()?.is_none() {
            return self.get("location", id.as_str());
        }
        let cached = self.catalogue.cached().locations.as_ref().map(|all| all.iter().find(|l| &l.id == id).cloned());
        match cached {
            Some(found) => Ok(found),
            None => Ok(self.locations()?.iter().find(|location| &location.id == id).cloned()),
        }
    }

    /// [`Records::locations`], served from the catalogue cache when it is valid.
    pub(super) fn cached_locations(&mut self) -> Result<Arc<Vec<Location>>> {
        // Listed by (position 0, key): by id.
        let Some(version) = self.catalogue_version()? else {
            return self.scan_all("location", &IndexFilter::All, |_, _| Scan::Take).map(Arc::new);
        };
        if let Some(locations) = &self.catalogue.cached().locations {
            return Ok(Arc::clone(locations));
        }
        let locations = Arc::new(self.scan_all("location", &IndexFilter::All, |_, _| Scan::Take)?);
        let kept = Arc::clone(&locations);
        self.catalogue.fill(version, |cached| cached.locations = Some(kept));
        Ok(locations)
    }

    /// [`Records::channel`], served from the catalogue cache when it is valid.
    pub(super) fn cached_channel(&mut self, id: &ChannelId) -> Result<Option<Arc<Channel>>> {
        let Some(version) = self.catalogue_version()? else {
            return Ok(self.get::<Channel>("channel", id.as_str())?.map(Arc::new));
        };
        if let Some(channel) = self.catalogue.cached().channels.get(id) {
            return Ok(Some(Arc::clone(channel)));
        }
        let found = self.get::<Channel>("channel", id.as_str())?.map(Arc::new);
        if let Some(channel) = &found {
            let kept = Arc::clone(channel);
            self.catalogue.fill(version, |cached| {
                cached.channels.insert(kept.id.clone(), kept);
            });
        }
        Ok(found)
    }
}
