//! The in-memory backend: for tests, simulations and embedding without a file.
//!
//! One mutex serialises transactions. Writes apply in place and push a
//! closure that undoes them; a transaction dropped without commit runs the
//! undo log backwards, so a rejected command leaves nothing behind. Bodies
//! are kept as the typed values they were written as: nothing is serialised.
//! The storage contract's implementation is in `memory/contract.rs`.

mod contract;

use std::sync::Mutex;

/// A store that lives in memory and ends with the process.
#[derive(Debug, Default)]
pub struct MemoryStore {
    /// What the storage contract ([`crate::storage::contract`]) stores.
    contract: Mutex<contract::State>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
}
