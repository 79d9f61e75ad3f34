//! The in-process catalogue cache of the unit of work: channels, products
//! and locations as last read, valid for one catalogue version.

use std::collections::HashMap;

use crate::domain::catalog::{Channel, Location, Product};
use crate::kernel::ids::{ChannelId, Sku};

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
