//! The catalogue on PostgreSQL: products, locations and channels (JSON
//! documents), the product pages, and the distances between regions.

use super::documents::{from_json, to_json};
use super::values::signed;
use super::PostgresTransaction;
use crate::domain::catalog::{Channel, Location, Product};
use crate::kernel::error::Result;
use crate::kernel::ids::{ChannelId, LocationId, Sku};

pub(super) fn product(tx: &mut PostgresTransaction<'_>, sku: &Sku) -> Result<Option<Product>> {
    let rows = tx.query("SELECT doc FROM products WHERE sku = $1", &[&sku.as_str()])?;
    rows.first().map(|row| from_json(&row.get::<_, String>(0))).transpose()
}

pub(super) fn products(tx: &mut PostgresTransaction<'_>, skus: &[&Sku]) -> Result<Vec<Option<Product>>> {
    let wanted: Vec<&str> = skus.iter().map(|sku| sku.as_str()).collect();
    let found: Vec<Product> = tx.documents("SELECT doc FROM products WHERE sku = ANY($1)", &[&wanted])?;
    Ok(skus.iter().map(|sku| found.iter().find(|product| &&product.sku == sku).cloned()).collect())
}

pub(super) fn put_product(tx: &mut PostgresTransaction<'_>, product: &Product) -> Result<()> {
    tx.put_document("products", "sku", product.sku.as_str(), product.version, &to_json(product)?)
}

pub(super) fn location(tx: &mut PostgresTransaction<'_>, id: &LocationId) -> Result<Option<Location>> {
    let rows = tx.query("SELECT doc FROM locations WHERE id = $1", &[&id.as_str()])?;
    rows.first().map(|row| from_json(&row.get::<_, String>(0))).transpose()
}

pub(super) fn put_location(tx: &mut PostgresTransaction<'_>, location: &Location) -> Result<()> {
    tx.put_document("locations", "id", location.id.as_str(), location.version, &to_json(location)?)
}

pub(super) fn locations(tx: &mut PostgresTransaction<'_>) -> Result<Vec<Location>> {
    tx.documents("SELECT doc FROM locations ORDER BY id COLLATE \"C\"", &[])
}

pub(super) fn channels(tx: &mut PostgresTransaction<'_>) -> Result<Vec<Channel>> {
    tx.documents("SELECT doc FROM channels ORDER BY id COLLATE \"C\"", &[])
}

pub(super) fn product_page(
    tx: &mut PostgresTransaction<'_>,
    after: Option<&Sku>,
    limit: usize,
) -> Result<Vec<Product>> {
    let after = after.map_or("", Sku::as_str);
    tx.documents(
        "SELECT doc FROM products WHERE sku COLLATE \"C\" > $1 ORDER BY sku COLLATE \"C\" LIMIT $2",
        &[&after, &signed(limit as u64)],
    )
}

pub(super) fn channel(tx: &mut PostgresTransaction<'_>, id: &ChannelId) -> Result<Option<Channel>> {
    let rows = tx.query("SELECT doc FROM channels WHERE id = $1", &[&id.as_str()])?;
    rows.first().map(|row| from_json(&row.get::<_, String>(0))).transpose()
}

pub(super) fn put_channel(tx: &mut PostgresTransaction<'_>, channel: &Channel) -> Result<()> {
    tx.put_document("channels", "id", channel.id.as_str(), channel.version, &to_json(channel)?)
}

pub(super) fn region_distance(
    tx: &mut PostgresTransaction<'_>,
    from_region: &str,
    to_region: &str,
) -> Result<Option<u32>> {
    let rows = tx.query(
        "SELECT distance_km FROM region_distances WHERE from_region = $1 AND to_region = $2",
        &[&from_region, &to_region],
    )?;
    Ok(rows.first().map(|row| u32::try_from(row.get::<_, i64>(0)).unwrap_or(u32::MAX)))
}

pub(super) fn put_region_distance(
    tx: &mut PostgresTransaction<'_>,
    from_region: &str,
    to_region: &str,
    distance_km: u32,
) -> Result<()> {
    tx.execute(
        "INSERT INTO region_distances (from_region, to_region, distance_km) VALUES ($1, $2, $3) \
         ON CONFLICT (from_region, to_region) DO UPDATE SET distance_km = excluded.distance_km",
        &[&from_region, &to_region, &i64::from(distance_km)],
    )?;
    Ok(())
}
