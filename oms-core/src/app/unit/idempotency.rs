//! Idempotency records in the unit of work: the contract keeps the hash of
//! the canonical payload and a reference to the result's document (a record
//! the command wrote, or a `result` document beside the key for a result
//! that is no record of its own); a retry reads the result as it is now.

use super::{Unit, HASHED};
use crate::app::records::{IdempotencyRecord, Records};
use crate::domain::inventory::StockLevel;
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::{IdempotencyKey, LocationId, Sku};
use crate::storage::contract::{self, Body, Document, Lock, PayloadHash, ResultRef};

impl Unit<'_> {
    pub(super) fn read_idempotency(&mut self, key: &IdempotencyKey) -> Result<Option<IdempotencyRecord>> {
        let Some(record) = self.tx.idempotency(key)? else { return Ok(None) };
        let result = match &record.result {
            None => "null".to_string(),
            Some(reference) => self.result_json(reference)?,
        };
        Ok(Some(IdempotencyRecord {
            key: record.key,
            command: record.command,
            payload: format!("{HASHED}{}", record.payload_hash),
            result,
            created_at: chrono::DateTime::UNIX_EPOCH,
        }))
    }

    pub(super) fn write_idempotency(&mut self, record: &IdempotencyRecord) -> Result<()> {
        let result = match contract::copy::result_ref(&record.command, &record.result)? {
            Some(reference) => reference,
            None => {
                // A result that is no record of its own is kept beside the key.
                let doc = Document::new(record.key.to_string(), 1, Body::json(record.result.as_str()));
                self.tx.put("result", &doc)?;
                ResultRef { kind: "result".into(), key: record.key.to_string() }
            }
        };
        self.tx.put_idempotency(&contract::IdempotencyRecord {
            key: record.key.clone(),
            command: record.command.clone(),
            payload_hash: PayloadHash::of(&record.payload),
            result: Some(result),
        })
    }

    /// A stored result as JSON, read from the document it refers to.
    fn result_json(&mut self, reference: &ResultRef) -> Result<String> {
        if reference.kind == "stock" {
            let (sku, location) = reference
                .key
                .split_once('/')
                .ok_or_else(|| Error::storage(format!("stored result stock {:?} names no location", reference.key)))?;
            let sku = Sku::from_stored(sku.to_string());
            let location = LocationId::from_stored(location.to_string());
            let level =
                self.stock(&sku, &location)?.unwrap_or_else(|| StockLevel::empty(sku.clone(), location.clone()));
            return serde_json::to_string(&level).map_err(Error::storage);
        }
        let doc = self
            .tx
            .get(&reference.kind, &reference.key, Lock::None)?
            .ok_or_else(|| Error::storage(format!("stored result {} {} is missing", reference.kind, reference.key)))?;
        Ok(doc.body.to_json()?.to_string())
    }
}

/// The hash an idempotency record read from the contract is compared by.
pub(crate) fn idempotent_payload(payload: &str) -> String {
    format!("{HASHED}{}", PayloadHash::of(payload))
}
