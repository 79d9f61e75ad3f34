//! Transfers of stock between locations on PostgreSQL: JSON documents.

use super::documents::to_json;
use super::PostgresTransaction;
use crate::domain::inventory::transfers::Transfer;
use crate::kernel::error::Result;
use crate::kernel::ids::TransferId;

pub(super) fn transfer(tx: &mut PostgresTransaction<'_>, id: &TransferId) -> Result<Option<Transfer>> {
    tx.document("transfers", "id", id.as_str())
}

pub(super) fn put_transfer(tx: &mut PostgresTransaction<'_>, transfer: &Transfer) -> Result<()> {
    tx.put_document("transfers", "id", transfer.id.as_str(), transfer.version, &to_json(transfer)?)
}
