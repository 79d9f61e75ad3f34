//! Transfers of stock between locations on SQLite: JSON documents.

use super::documents::to_json;
use super::SqliteTransaction;
use crate::domain::inventory::transfers::Transfer;
use crate::kernel::error::Result;
use crate::kernel::ids::TransferId;

pub(super) fn transfer(tx: &SqliteTransaction<'_>, id: &TransferId) -> Result<Option<Transfer>> {
    tx.document("SELECT doc FROM transfers WHERE id = ?1", id.as_str())
}

pub(super) fn put_transfer(tx: &SqliteTransaction<'_>, transfer: &Transfer) -> Result<()> {
    tx.put_document("transfers", "id", transfer.id.as_str(), transfer.version, &to_json(transfer)?)
}
