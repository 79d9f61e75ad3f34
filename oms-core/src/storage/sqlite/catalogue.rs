//! The catalogue on SQLite: products, locations and channels (JSON
//! documents), the product pages, and the distances between regions.

use rusqlite::{params, OptionalExtension};

use super::documents::to_json;
use super::values::{signed, sql_error};
use super::SqliteTransaction;
use crate::domain::catalog::{Channel, Location, Product};
use crate::kernel::error::Result;
use crate::kernel::ids::{ChannelId, LocationId, Sku};

pub(super) fn product(tx: &SqliteTransaction<'_>, sku: &Sku) -> Result<Option<Product>> {
    tx.document("SELECT doc FROM products WHERE sku = ?1", sku.as_str())
}

pub(super) fn products(tx: &SqliteTransaction<'_>, skus: &[&Sku]) -> Result<Vec<Option<Product>>> {
    let marks = vec!["?"; skus.len()].join(", ");
    let sql = format!("SELECT doc FROM products WHERE sku IN ({marks})");
    let found: Vec<Product> = tx.documents(&sql, rusqlite::params_from_iter(skus.iter().map(|sku| sku.as_str())))?;
    Ok(skus.iter().map(|sku| found.iter().find(|product| &&product.sku == sku).cloned()).collect())
}

pub(super) fn put_product(tx: &SqliteTransaction<'_>, product: &Product) -> Result<()> {
    tx.put_document("products", "sku", product.sku.as_str(), product.version, &to_json(product)?)
}

pub(super) fn location(tx: &SqliteTransaction<'_>, id: &LocationId) -> Result<Option<Location>> {
    tx.document("SELECT doc FROM locations WHERE id = ?1", id.as_str())
}

pub(super) fn put_location(tx: &SqliteTransaction<'_>, location: &Location) -> Result<()> {
    tx.put_document("locations", "id", location.id.as_str(), location.version, &to_json(location)?)
}

pub(super) fn locations(tx: &SqliteTransaction<'_>) -> Result<Vec<Location>> {
    tx.documents("SELECT doc FROM locations ORDER BY id", [])
}

pub(super) fn channels(tx: &SqliteTransaction<'_>) -> Result<Vec<Channel>> {
    tx.documents("SELECT doc FROM channels ORDER BY id", [])
}

pub(super) fn product_page(tx: &SqliteTransaction<'_>, after: Option<&Sku>, limit: usize) -> Result<Vec<Product>> {
    let after = after.map_or("", Sku::as_str);
    tx.documents("SELECT doc FROM products WHERE sku > ?1 ORDER BY sku LIMIT ?2", params![after, signed(limit as u64)])
}

pub(super) fn channel(tx: &SqliteTransaction<'_>, id: &ChannelId) -> Result<Option<Channel>> {
    tx.document("SELECT doc FROM channels WHERE id = ?1", id.as_str())
}

pub(super) fn put_channel(tx: &SqliteTransaction<'_>, channel: &Channel) -> Result<()> {
    tx.put_document("channels", "id", channel.id.as_str(), channel.version, &to_json(channel)?)
}

pub(super) fn region_distance(tx: &SqliteTransaction<'_>, from_region: &str, to_region: &str) -> Result<Option<u32>> {
    let distance: Option<i64> = tx
        .conn()?
        .prepare_cached("SELECT distance_km FROM region_distances WHERE from_region = ?1 AND to_region = ?2")
        .and_then(|mut s| s.query_row([from_region, to_region], |row| row.get(0)).optional())
        .map_err(sql_error)?;
    Ok(distance.map(|km| u32::try_from(km).unwrap_or(u32::MAX)))
}

pub(super) fn put_region_distance(
    tx: &SqliteTransaction<'_>,
    from_region: &str,
    to_region: &str,
    distance_km: u32,
) -> Result<()> {
    tx.conn()?
        .prepare_cached(
            "INSERT INTO region_distances (from_region, to_region, distance_km) VALUES (?1, ?2, ?3) \
             ON CONFLICT (from_region, to_region) DO UPDATE SET distance_km = excluded.distance_km",
        )
        .and_then(|mut s| s.execute(params![from_region, to_region, i64::from(distance_km)]))
        .map_err(sql_error)?;
    Ok(())
}
