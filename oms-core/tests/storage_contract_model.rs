//! Random sequences of storage-contract calls, run on every backend and on a
//! model built of `BTreeMap`s; every result (value or error code) must match
//! the model's (the approach redb takes with its fuzzer).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod contract_support;

use std::collections::BTreeMap;

use contract_support::Backend;
use oms_core::storage::contract::*;
use oms_core::{IdempotencyKey, LocationId, Sku};
use proptest::prelude::*;

const KINDS: [&str; 2] = ["order", "hold"];
const KEYS: [&str; 5] = ["a", "b", "c", "d", "e"];
const VALUES: [&str; 3] = ["open", "closed", "web"];
const SKUS: [&str; 3] = ["BOOK", "MUG", "TEE"];
const LOCATIONS: [&str; 2] = ["wh-east", "wh-west"];
const SERIES: [&str; 2] = ["order_number", "transfer_number"];
const STREAMS: [Stream; 2] = [Stream::Ledger, Stream::Outbox];
const IDEMPOTENCY_KEYS: [&str; 3] = ["k1", "k2", "k3"];

#[derive(Debug, Clone)]
enum Op {
    /// `version_offset` is added to the version that would succeed (so -1, 0, +1).
    Put {
        kind: usize,
        key: usize,
        version_offset: i64,
        position: u64,
        terms: [Option<usize>; 4],
        n: i64,
        typed: bool,
    },
    Get {
        kind: usize,
        key: usize,
    },
    GetMany {
        kind: usize,
        keys: Vec<usize>,
    },
    Scan {
        kind: usize,
        filter: Option<(usize, usize)>,
        after: Option<(u64, usize)>,
        limit: usize,
    },
    PutStock {
        rows: Vec<(usize, usize, [i64; 5], i64)>,
    },
    Stock {
        skus: Vec<usize>,
    },
    Append {
        stream: usize,
        rows: Vec<(usize, i64)>,
    },
    Read {
        stream: usize,
        after: u64,
        limit: usize,
    },
    Next {
        series: usize,
    },
    Idempotency {
        key: usize,
    },
    PutIdempotency {
        key: usize,
        payload: u8,
        result: Option<usize>,
    },
}

/// Mostly the version that succeeds, sometimes a stale or a skipped one.
fn offset() -> impl Strategy<Value = i64> {
    prop_oneof![8 => Just(0i64), 1 => Just(-1i64), 1 => Just(1i64)]
}

fn op() -> impl Strategy<Value = Op> {
    let term = prop::option::of(0..VALUES.len());
    prop_oneof![
        6 => (0..2usize, 0..5usize, offset(), 0..4u64, [term.clone(), term.clone(), term.clone(), term], 0..100i64, any::<bool>())
            .prop_map(|(kind, key, version_offset, position, terms, n, typed)| Op::Put { kind, key, version_offset, position, terms, n, typed }),
        1 => (0..2usize, 0..5usize).prop_map(|(kind, key)| Op::Get { kind, key }),
        1 => (0..2usize, prop::collection::vec(0..5usize, 0..4)).prop_map(|(kind, keys)| Op::GetMany { kind, keys }),
        2 => (0..2usize, prop::option::of((0..4usize, 0..3usize)), prop::option::of((0..4u64, 0..5usize)), 0..4usize)
            .prop_map(|(kind, filter, after, limit)| Op::Scan { kind, filter, after, limit }),
        2 => prop::collection::vec((0..3usize, 0..2usize, [-1..4i64, 0..4i64, 0..4i64, 0..4i64, 0..4i64], offset()), 0..3)
            .prop_map(|rows| Op::PutStock { rows }),
        1 => prop::collection::vec(0..3usize, 0..3).prop_map(|skus| Op::Stock { skus }),
        2 => (0..2usize, prop::collection::vec((0..3usize, 0..100i64), 0..3)).prop_map(|(stream, rows)| Op::Append { stream, rows }),
        1 => (0..2usize, 0..6u64, 0..4usize).prop_map(|(stream, after, limit)| Op::Read { stream, after, limit }),
        1 => (0..2usize).prop_map(|series| Op::Next { series }),
        1 => (0..3usize).prop_map(|key| Op::Idempotency { key }),
        1 => (0..3usize, 0..3u8, prop::option::of(0..5usize)).prop_map(|(key, payload, result)| Op::PutIdempotency { key, payload, result }),
    ]
}

/// A transaction: its calls, and whether it commits (else it is dropped).
fn transactions() -> impl Strategy<Value = Vec<(Vec<Op>, bool)>> {
    prop::collection::vec((prop::collection::vec(op(), 1..10), prop::bool::weighted(0.8)), 1..10)
}

type DocView = (String, u64, u64, [Option<String>; 4], String);
type RowView = (String, String, [i64; 5], u64);
/// Command, payload hash, result reference.
type RecordView = (String, String, Option<(String, String)>);

/// What a call answered, in a form every backend and the model can give.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Out {
    Unit,
    Error(&'static str),
    Document(Option<DocView>),
    Documents(Vec<Option<DocView>>),
    Listed(Vec<DocView>),
    Stock(Vec<RowView>),
    Rows(Vec<(u64, String, String)>),
    Number(u64),
    Record(Option<RecordView>),
    Receipt(Vec<(Stream, u64, u64)>),
}

#[derive(Debug, Clone, Default)]
struct Model {
    documents: BTreeMap<(String, String), DocView>,
    stock: BTreeMap<(String, String), ([i64; 5], u64)>,
    streams: BTreeMap<Stream, Vec<(String, String)>>,
    series: BTreeMap<String, u64>,
    idempotency: BTreeMap<String, RecordView>,
}

fn json(n: i64) -> String {
    format!(r#"{{"n":{n}}}"#)
}

#[derive(serde::Serialize)]
struct Typed {
    n: i64,
}

/// The version that `Put` writes, from what the model holds (the same on every backend).
fn put_version(model: &Model, kind: usize, key: usize, offset: i64) -> u64 {
    let stored = model.documents.get(&(KINDS[kind].into(), KEYS[key].into())).map_or(0, |d| d.1);
    u64::try_from(stored as i64 + 1 + offset).unwrap_or(0)
}

fn stock_version(model: &Model, sku: usize, location: usize, offset: i64) -> u64 {
    let stored = model.stock.get(&(SKUS[sku].into(), LOCATIONS[location].into())).map_or(0, |r| r.1);
    u64::try_from(stored as i64 + 1 + offset).unwrap_or(0)
}

fn terms(picked: &[Option<usize>; 4]) -> [Option<String>; 4] {
    picked.map(|value| value.map(|v| VALUES[v].to_string()))
}

fn record(key: usize, payload: u8, result: Option<usize>) -> IdempotencyRecord {
    IdempotencyRecord {
        key: IdempotencyKey::new(IDEMPOTENCY_KEYS[key]).unwrap(),
        command: "place_order".into(),
        payload_hash: PayloadHash::of(&payload.to_string()),
        result: result.map(|k| ResultRef { kind: "order".into(), key: KEYS[k].into() }),
    }
}

/// Runs one call on a backend. `versions` is the model before the call (it picks the versions written).
fn run(tx: &mut dyn Transaction, op: &Op, versions: &Model) -> Out {
    let view = |doc: &Document| contract_support::view(doc);
    let row_view = |r: &StockRow| (r.sku.to_string(), r.location.to_string(), r.buckets(), r.version);
    let outcome = match op {
        Op::Put { kind, key, version_offset, position, terms: picked, n, typed } => {
            let version = put_version(versions, *kind, *key, *version_offset);
            let body = if *typed { Body::typed(Typed { n: *n }) } else { Body::json(json(*n)) };
            let doc =
                Document { key: KEYS[*key].into(), version, position: *position, terms: Terms(terms(picked)), body };
            tx.put(KINDS[*kind], &doc).map(|()| Out::Unit)
        }
        Op::Get { kind, key } => {
            tx.get(KINDS[*kind], KEYS[*key], Lock::Update).map(|d| Out::Document(d.as_ref().map(view)))
        }
        Op::GetMany { kind, keys } => {
            let keys: Vec<&str> = keys.iter().map(|k| KEYS[*k]).collect();
            tx.get_many(KINDS[*kind], &keys, Lock::None)
                .map(|found| Out::Documents(found.iter().map(|d| d.as_ref().map(view)).collect()))
        }
        Op::Scan { kind, filter, after, limit } => {
            let filter = filter
                .map_or(IndexFilter::All, |(term, value)| IndexFilter::Equals(Term::ALL[term], VALUES[value].into()));
            let after = after.map(|(position, key)| Cursor { position, key: KEYS[key].into() });
            tx.scan(KINDS[*kind], &filter, after.as_ref(), *limit)
                .map(|docs| Out::Listed(docs.iter().map(view).collect()))
        }
        Op::PutStock { rows } => {
            let rows: Vec<StockRow> = rows
                .iter()
                .map(|(sku, location, b, offset)| StockRow {
                    sku: Sku::new(SKUS[*sku]).unwrap(),
                    location: LocationId::new(LOCATIONS[*location]).unwrap(),
                    on_hand: b[0],
                    allocated: b[1],
                    reserved: b[2],
                    quarantined: b[3],
                    incoming: b[4],
                    version: stock_version(versions, *sku, *location, *offset),
                })
                .collect();
            tx.put_stock(&rows).map(|()| Out::Unit)
        }
        Op::Stock { skus } => {
            let skus: Vec<Sku> = skus.iter().map(|s| Sku::new(SKUS[*s]).unwrap()).collect();
            let skus: Vec<&Sku> = skus.iter().collect();
            tx.stock(&skus, Lock::Update).map(|rows| Out::Stock(rows.iter().map(row_view).collect()))
        }
        Op::Append { stream, rows } => {
            let entries: Vec<StreamEntry> =
                rows.iter().map(|(a, n)| StreamEntry::new(SKUS[*a], Body::json(json(*n)))).collect();
            tx.append(STREAMS[*stream], &entries).map(|()| Out::Unit)
        }
        Op::Read { stream, after, limit } => tx.read(STREAMS[*stream], *after, *limit).map(|rows| {
            Out::Rows(
                rows.iter().map(|r| (r.seq, r.aggregate.clone(), r.body.to_json().unwrap().to_string())).collect(),
            )
        }),
        Op::Next { series } => tx.next_in_series(SERIES[*series], Numbering::Gapless).map(Out::Number),
        Op::Idempotency { key } => tx.idempotency(&IdempotencyKey::new(IDEMPOTENCY_KEYS[*key]).unwrap()).map(|r| {
            Out::Record(r.map(|r| (r.command, r.payload_hash.to_string(), r.result.map(|r| (r.kind, r.key)))))
        }),
        Op::PutIdempotency { key, payload, result } => {
            tx.put_idempotency(&record(*key, *payload, *result)).map(|()| Out::Unit)
        }
    };
    outcome.unwrap_or_else(|error| Out::Error(error.code()))
}

/// The model's answer; it changes `model` (the transaction's working copy) and `pending` (its appends).
fn expect(model: &mut Model, pending: &mut Vec<(Stream, String, String)>, op: &Op) -> Out {
    match op {
        Op::Put { kind, key, version_offset, position, terms: picked, n, .. } => {
            let version = put_version(model, *kind, *key, *version_offset);
            if version == 0 {
                return Out::Error("invalid_input");
            }
            if *version_offset != 0 {
                return Out::Error("conflict");
            }
            let doc = (KEYS[*key].to_string(), version, *position, terms(picked), json(*n));
            model.documents.insert((KINDS[*kind].into(), KEYS[*key].into()), doc);
            Out::Unit
        }
        Op::Get { kind, key } => Out::Document(model.documents.get(&(KINDS[*kind].into(), KEYS[*key].into())).cloned()),
        Op::GetMany { kind, keys } => Out::Documents(
            keys.iter().map(|k| model.documents.get(&(KINDS[*kind].into(), KEYS[*k].into())).cloned()).collect(),
        ),
        Op::Scan { kind, filter, after, limit } => {
            let mut listed: Vec<DocView> = model
                .documents
                .iter()
                .filter(|((k, _), _)| k == KINDS[*kind])
                .map(|(_, doc)| doc.clone())
                .filter(|doc| filter.is_none_or(|(term, value)| doc.3[term].as_deref() == Some(VALUES[value])))
                .filter(|doc| after.is_none_or(|(position, key)| (doc.2, doc.0.as_str()) > (position, KEYS[key])))
                .collect();
            listed.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
            listed.truncate(*limit);
            Out::Listed(listed)
        }
        Op::PutStock { rows } => {
            let mut pairs = std::collections::BTreeSet::new();
            for (sku, location, buckets, offset) in rows {
                let version = stock_version(model, *sku, *location, *offset);
                if version == 0 || buckets.iter().any(|b| *b < 0) || !pairs.insert((*sku, *location)) {
                    return Out::Error("invalid_input");
                }
            }
            if rows.iter().any(|(_, _, _, offset)| *offset != 0) {
                return Out::Error("conflict");
            }
            for (sku, location, buckets, offset) in rows {
                let version = stock_version(model, *sku, *location, *offset);
                model.stock.insert((SKUS[*sku].into(), LOCATIONS[*location].into()), (*buckets, version));
            }
            Out::Unit
        }
        Op::Stock { skus } => Out::Stock(
            model
                .stock
                .iter()
                .filter(|((sku, _), _)| skus.iter().any(|s| SKUS[*s] == sku))
                .map(|((sku, location), (buckets, version))| (sku.clone(), location.clone(), *buckets, *version))
                .collect(),
        ),
        Op::Append { stream, rows } => {
            pending.extend(rows.iter().map(|(a, n)| (STREAMS[*stream], SKUS[*a].to_string(), json(*n))));
            Out::Unit
        }
        Op::Read { stream, after, limit } => {
            let rows = model.streams.get(&STREAMS[*stream]).cloned().unwrap_or_default();
            Out::Rows(
                rows.into_iter()
                    .enumerate()
                    .map(|(i, (a, b))| (i as u64 + 1, a, b))
                    .filter(|(seq, _, _)| seq > after)
                    .take(*limit)
                    .collect(),
            )
        }
        Op::Next { series } => {
            let value = model.series.entry(SERIES[*series].into()).or_insert(0);
            *value += 1;
            Out::Number(*value)
        }
        Op::Idempotency { key } => Out::Record(model.idempotency.get(IDEMPOTENCY_KEYS[*key]).cloned()),
        Op::PutIdempotency { key, payload, result } => {
            if model.idempotency.contains_key(IDEMPOTENCY_KEYS[*key]) {
                return Out::Error("conflict");
            }
            let r = record(*key, *payload, *result);
            let stored = (r.command, r.payload_hash.to_string(), r.result.map(|r| (r.kind, r.key)));
            model.idempotency.insert(IDEMPOTENCY_KEYS[*key].into(), stored);
            Out::Unit
        }
    }
}

fn commit_model(model: &mut Model, pending: Vec<(Stream, String, String)>) -> Out {
    let mut receipt = Vec::new();
    for stream in Stream::ALL {
        let rows: Vec<(String, String)> =
            pending.iter().filter(|(s, _, _)| *s == stream).map(|(_, a, b)| (a.clone(), b.clone())).collect();
        if rows.is_empty() {
            continue;
        }
        let stored = model.streams.entry(stream).or_default();
        let first = stored.len() as u64 + 1;
        stored.extend(rows);
        receipt.push((stream, first, stored.len() as u64));
    }
    Out::Receipt(receipt)
}

/// Runs the transactions on one backend and on the model, comparing every answer.
fn check(backend: &Backend, transactions: &[(Vec<Op>, bool)]) -> Result<(), TestCaseError> {
    let b = backend.name;
    let mut committed = Model::default();
    for (number, (ops, commit)) in transactions.iter().enumerate() {
        let mut open = Some(backend.store.begin(Access::Write).unwrap());
        let mut working = committed.clone();
        let mut pending = Vec::new();
        let mut failed = false;
        for op in ops {
            let Some(tx) = open.as_mut() else { break };
            let got = run(tx.as_mut(), op, &working);
            let want = expect(&mut working, &mut pending, op);
            if b != "memory" && got == Out::Unit && want == Out::Error("conflict") {
                // SQL backends' writes wait and go to the database together: a
                // write refused against what is stored fails the commit instead.
                let tx = open.take().unwrap();
                let refused = tx.commit().map(|_| ()).unwrap_err();
                prop_assert_eq!(refused.code(), "conflict", "{}: transaction {}, {:?} at commit", b, number, op);
                failed = true;
                break;
            }
            prop_assert_eq!(&got, &want, "{}: transaction {}, {:?}", b, number, op);
            if matches!(got, Out::Error(_)) {
                // After an error the contract asks for the transaction to be dropped.
                failed = true;
                break;
            }
        }
        if failed {
            continue;
        }
        if let (true, Some(tx)) = (*commit, open) {
            let receipt = tx.commit().unwrap();
            let want = commit_model(&mut working, pending);
            prop_assert_eq!(Out::Receipt(receipt.appended), want, "{}: commit of transaction {}", b, number);
            committed = working;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_backend_answers_like_the_model(transactions in transactions()) {
        thread_local! {
            static SQL: Vec<Backend> = contract_support::names().into_iter().filter(|n| *n != "memory").map(contract_support::open).collect();
        }
        check(&contract_support::open("memory"), &transactions)?;
        SQL.with(|backends| {
            for backend in backends {
                backend.clear();
                check(backend, &transactions)?;
            }
            Ok::<(), TestCaseError>(())
        })?;
    }
}
