//! Stock allocation: which locations give how many units of each line, and why.
//!
//! A pipeline, pure and explainable:
//! 1. **filter**: each candidate location must be permitted for the channel,
//!    admitted by the strategy (it can ship, or it is the pickup store),
//!    under its daily capacity, within the channel's distance limit, and
//!    hold stock above the channel's safety stock for some line;
//! 2. **sort**: by the strategy's score (nearest, then priority, then the
//!    channel's own order of locations);
//! 3. **allocate**: by the channel's split policy: fewest shipments (the
//!    whole order from one location when one can cover it, else repeatedly
//!    the location covering most remaining units) or nearest (each line from
//!    the best-ranked locations in turn);
//! 4. **decide the rest**: the caller backorders what is left if the product
//!    or channel allows it, else rejects the order.
//!
//! Several strategies can run in turn (a pickup store first, then shipping
//! to the store); each pass works on what the previous left. Every candidate
//! gets a line in the [`Explanation`]: its score, the units it gave, or why it
//! was passed over.

mod strategies;

use serde::{Deserialize, Serialize};

pub use strategies::{PickupInStore, PointOfSale, ShipFromStore, ShipFromWarehouse};

use crate::domain::catalog::string_enum;
use crate::domain::catalog::{Channel, Location, SplitPolicy};
use crate::domain::order::LineAllocation;
use crate::kernel::ids::{LocationId, Sku};

/// The distance used for ranking when no distance between two regions is known.
pub const UNKNOWN_DISTANCE_KM: i64 = 1_000_000;

/// A location as allocation sees it.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    pub location: &'a Location,
    /// Whether the channel lists the location.
    pub permitted: bool,
    /// Position in the channel's list of locations (the last tie-breaker).
    pub position: usize,
    /// Distance from the destination region, when known.
    pub distance_km: Option<u32>,
    /// Shipments already planned at the location today.
    pub shipments_today: i64,
}

/// One line to allocate.
#[derive(Debug, Clone, Copy)]
pub struct LineDemand<'a> {
    pub sku: &'a Sku,
    pub quantity: i64,
}

/// What is being allocated, for whom.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub channel: &'a Channel,
    pub lines: &'a [LineDemand<'a>],
    pub destination_region: Option<&'a str>,
    /// The store an order is collected or sold at.
    pub store: Option<&'a LocationId>,
}

/// A way of choosing locations. Implement it to route orders your own way and
/// register it with [`crate::Oms::register_strategy`]; a channel names the
/// strategy it uses.
pub trait AllocationStrategy: Send + Sync + std::fmt::Debug {
    /// The name channels refer to it by.
    fn name(&self) -> &str;
    /// Whether the location can serve this request at all (it ships, it is the pickup store, …).
    fn admits(&self, site: &Site<'_>, request: &Request<'_>) -> bool;
    /// The sort key: lower goes first.
    fn score(&self, site: &Site<'_>, request: &Request<'_>) -> [i64; 3] {
        let _ = request;
        [site.distance_km.map_or(UNKNOWN_DISTANCE_KM, i64::from), site.location.priority, site.position as i64]
    }
}

string_enum!(
    /// Why a candidate location was passed over.
    PassReason, "reason" {
        NotPermitted = "not_permitted",
        NotCapable = "not_capable",
        OverCapacity = "over_capacity",
        TooFar = "too_far",
        NoStock = "no_stock",
        BelowSafetyStock = "below_safety_stock",
        NotNeeded = "not_needed",
    }
);

/// One candidate location in an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateReport {
    pub strategy: String,
    pub location: LocationId,
    pub distance_km: Option<u32>,
    pub priority: i64,
    /// The strategy's sort key; lower went first. Empty when filtered out.
    pub score: Vec<i64>,
    /// Units allocated here.
    pub units: i64,
    /// Why no units came from here, if none did.
    pub passed_over: Option<PassReason>,
}

/// Why the allocation came out as it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub split_policy: SplitPolicy,
    pub candidates: Vec<CandidateReport>,
    /// Locations that ship or hand over units.
    pub shipments: u32,
    /// Units no location could give.
    pub unfilled: i64,
}

/// The plan for one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedLine {
    pub allocations: Vec<LineAllocation>,
    /// Units no location could give; the caller backorders or rejects them.
    pub unfilled: i64,
}

/// The plan for a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub lines: Vec<PlannedLine>,
    pub explanation: Explanation,
}

/// Stock a candidate can give of a SKU: `(available, available after safety
/// stock)`. It gets the whole site so that a caller can index its stock by
/// `site.position` instead of hashing ids.
pub type StockLookup<'s> = dyn Fn(&Sku, &Site<'_>) -> (i64, i64) + 's;

/// Plans `request` over `sites` with each strategy in turn. With `explain`,
/// every candidate gets a report in the explanation; without, the
/// explanation carries only the totals (planning is then cheaper).
pub fn plan(
    request: &Request<'_>,
    sites: &[Site<'_>],
    strategies: &[&dyn AllocationStrategy],
    stock: &StockLookup<'_>,
    explain: bool,
) -> Plan {
    let pools = Pools::of(request.lines);
    let mut remaining: Vec<i64> = request.lines.iter().map(|line| line.quantity).collect();
    let mut lines: Vec<PlannedLine> =
        request.lines.iter().map(|_| PlannedLine { allocations: Vec::new(), unfilled: 0 }).collect();
    // Units earlier passes took, per (pool, site), so later passes see what is left.
    let mut taken: Vec<(usize, usize, i64)> = Vec::new();
    let mut candidates = Vec::new();
    for strategy in strategies {
        if remaining.iter().all(|units| *units == 0) {
            break;
        }
        let mut ranked: Vec<Ranked> = Vec::new();
        // Free units of the candidates that pass, `stride` per candidate, in one buffer.
        let stride = pools.skus.len();
        let mut passed_free: Vec<i64> = Vec::new();
        for (site_index, site) in sites.iter().enumerate() {
            let verdict = judge(site, site_index, request, *strategy, &pools, stock, &taken, &mut passed_free);
            let report = explain.then(|| {
                candidates.push(CandidateReport {
                    strategy: strategy.name().to_string(),
                    location: site.location.id.clone(),
                    distance_km: site.distance_km,
                    priority: site.location.priority,
                    score: Vec::new(),
                    units: 0,
                    passed_over: verdict.as_ref().err().copied(),
                });
                candidates.len() - 1
            });
            if verdict.is_ok() {
                let score = strategy.score(site, request);
                if let Some(report) = report {
                    candidates[report].score = score.to_vec();
                }
                ranked.push(Ranked { score, site: site_index, report, offset: passed_free.len() - stride });
            }
        }
        ranked.sort_by_key(|r| r.score);
        let mut free_units: Vec<i64> =
            ranked.iter().flat_map(|r| passed_free[r.offset..r.offset + stride].iter().copied()).collect();
        let grants = match request.channel.split_policy {
            SplitPolicy::FewestShipments => fewest_shipments(&mut remaining, &mut free_units, &pools),
            SplitPolicy::Nearest => nearest(&mut remaining, &mut free_units, &pools),
        };
        for (rank, line_index, units) in grants {
            let chosen = &ranked[rank];
            if let Some(report) = chosen.report {
                candidates[report].units += units;
            }
            lines[line_index]
                .allocations
                .push(LineAllocation { location: sites[chosen.site].location.id.clone(), quantity: units });
            taken.push((pools.of_line[line_index], chosen.site, units));
        }
        for report in ranked.iter().filter_map(|r| r.report) {
            if candidates[report].units == 0 {
                candidates[report].passed_over = Some(PassReason::NotNeeded);
            }
        }
    }
    for (line, left) in lines.iter_mut().zip(&remaining) {
        line.unfilled = *left;
    }
    let mut shipping: Vec<&LocationId> = lines.iter().flat_map(|l| l.allocations.iter().map(|a| &a.location)).collect();
    shipping.sort();
    shipping.dedup();
    let explanation = Explanation {
        split_policy: request.channel.split_policy,
        candidates,
        shipments: u32::try_from(shipping.len()).unwrap_or(u32::MAX),
        unfilled: remaining.iter().sum(),
    };
    Plan { lines, explanation }
}

/// A candidate that passed the filter; its free units per SKU pool start at `offset`.
struct Ranked {
    score: [i64; 3],
    site: usize,
    report: Option<usize>,
    offset: usize,
}

/// The filter step for one site: why it is passed over, or (appended to
/// `free`) its free units per SKU pool after safety stock and what earlier passes took.
#[allow(clippy::too_many_arguments)]
fn judge(
    site: &Site<'_>,
    site_index: usize,
    request: &Request<'_>,
    strategy: &dyn AllocationStrategy,
    pools: &Pools<'_>,
    stock: &StockLookup<'_>,
    taken: &[(usize, usize, i64)],
    free: &mut Vec<i64>,
) -> Result<(), PassReason> {
    if !site.permitted {
        return Err(PassReason::NotPermitted);
    }
    if !strategy.admits(site, request) {
        return Err(PassReason::NotCapable);
    }
    if site.location.daily_capacity.is_some_and(|capacity| site.shipments_today >= capacity) {
        return Err(PassReason::OverCapacity);
    }
    if let (Some(limit), Some(distance)) = (request.channel.max_distance_km, site.distance_km) {
        if distance > limit {
            return Err(PassReason::TooFar);
        }
    }
    let start = free.len();
    let mut any_raw = false;
    let mut any_free = false;
    for (pool, sku) in pools.skus.iter().enumerate() {
        let (raw, after_safety) = stock(sku, site);
        let used: i64 = taken.iter().filter(|(p, s, _)| *p == pool && *s == site_index).map(|(_, _, n)| n).sum();
        let units = (after_safety - used).max(0);
        any_raw |= raw - used > 0;
        any_free |= units > 0;
        free.push(units);
    }
    if !any_raw || !any_free {
        free.truncate(start);
        return Err(if any_raw { PassReason::BelowSafetyStock } else { PassReason::NoStock });
    }
    Ok(())
}

/// Lines of the same SKU draw on one pool of stock per site.
struct Pools<'a> {
    /// The distinct SKUs, in order of first appearance.
    skus: Vec<&'a Sku>,
    /// For each line, the index of its SKU in `skus`.
    of_line: Vec<usize>,
}

impl<'a> Pools<'a> {
    fn of(lines: &[LineDemand<'a>]) -> Pools<'a> {
        let mut skus: Vec<&'a Sku> = Vec::new();
        let mut of_line = Vec::with_capacity(lines.len());
        for line in lines {
            let index = skus.iter().position(|sku| *sku == line.sku).unwrap_or_else(|| {
                skus.push(line.sku);
                skus.len() - 1
            });
            of_line.push(index);
        }
        Pools { skus, of_line }
    }

    /// Remaining units wanted per pool.
    fn wanted(&self, remaining: &[i64]) -> Vec<i64> {
        let mut wanted = vec![0; self.skus.len()];
        for (line, pool) in self.of_line.iter().enumerate() {
            wanted[*pool] += remaining[line];
        }
        wanted
    }

    /// Gives each line, in order, what a site's pools (`row`) can give; returns the grants.
    fn take_at(&self, site: usize, remaining: &mut [i64], row: &mut [i64]) -> Vec<(usize, usize, i64)> {
        let mut grants = Vec::new();
        for (line, pool) in self.of_line.iter().enumerate() {
            let units = remaining[line].min(row[*pool]);
            if units > 0 {
                row[*pool] -= units;
                remaining[line] -= units;
                grants.push((site, line, units));
            }
        }
        grants
    }
}

/// `free` holds, for each ranked site in rank order, its free units per pool.
fn fewest_shipments(remaining: &mut [i64], free: &mut [i64], pools: &Pools<'_>) -> Vec<(usize, usize, i64)> {
    let stride = pools.skus.len().max(1);
    let sites = free.len() / stride;
    let mut grants = Vec::new();
    let mut used = vec![false; sites];
    loop {
        // The unused site covering the most remaining units; ties go to the better rank.
        let wanted = pools.wanted(remaining);
        let mut best: Option<(usize, i64)> = None;
        for (site, row) in free.chunks(stride).enumerate() {
            if used[site] {
                continue;
            }
            let covered: i64 = row.iter().zip(&wanted).map(|(have, want)| (*have).min(*want)).sum();
            if covered > 0 && best.is_none_or(|(_, most)| covered > most) {
                best = Some((site, covered));
            }
        }
        let Some((site, _)) = best else { return grants };
        used[site] = true;
        grants.extend(pools.take_at(site, remaining, &mut free[site * stride..(site + 1) * stride]));
    }
}

fn nearest(remaining: &mut [i64], free: &mut [i64], pools: &Pools<'_>) -> Vec<(usize, usize, i64)> {
    let stride = pools.skus.len().max(1);
    let mut grants = Vec::new();
    for (line, (wanted, pool)) in remaining.iter_mut().zip(&pools.of_line).enumerate() {
        for (site, row) in free.chunks_mut(stride).enumerate() {
            if *wanted == 0 {
                break;
            }
            let units = (*wanted).min(row[*pool]);
            if units > 0 {
                row[*pool] -= units;
                *wanted -= units;
                grants.push((site, line, units));
            }
        }
    }
    grants
}
