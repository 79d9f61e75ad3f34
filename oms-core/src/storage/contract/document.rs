//! Documents: what a record is stored as (a body under a kind and key, a
//! version, a position and four index terms), how listings select and page
//! them, and typed access on top of any transaction.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Lock, Transaction};
use crate::kernel::error::{Error, Result};

/// A stored document: a body under `(kind, key)` with a version, a position
/// it is listed by, and up to four text index terms.
#[derive(Debug, Clone)]
pub struct Document {
    pub key: String,
    pub version: u64,
    /// The listing order within the kind (for example an order's sequence);
    /// documents with equal positions are listed by key.
    pub position: u64,
    pub terms: Terms,
    pub body: Body,
}

impl Document {
    /// A document at position 0 without index terms.
    pub fn new(key: impl Into<String>, version: u64, body: Body) -> Document {
        Document { key: key.into(), version, position: 0, terms: Terms::default(), body }
    }

    /// A document whose body is the typed `value` (kept as it is in memory,
    /// serialised to JSON by the SQL backends).
    pub fn typed<T: Serialize + Send + Sync + 'static>(key: impl Into<String>, version: u64, value: T) -> Document {
        Document::new(key, version, Body::typed(value))
    }

    /// The same document listed at `position`.
    #[must_use]
    pub fn at(mut self, position: u64) -> Document {
        self.position = position;
        self
    }

    /// The same document with index term `term` set to `value`.
    #[must_use]
    pub fn with(mut self, term: Term, value: impl Into<String>) -> Document {
        self.terms.0[term.slot()] = Some(value.into());
        self
    }

    /// Where a scan that returned this document continues.
    pub fn cursor(&self) -> Cursor {
        Cursor { position: self.position, key: self.key.clone() }
    }
}

/// A document's four optional index terms (`idx_1` .. `idx_4`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Terms(pub [Option<String>; 4]);

impl Terms {
    /// The value of one term.
    pub fn get(&self, term: Term) -> Option<&str> {
        self.0[term.slot()].as_deref()
    }
}

/// One of the four index terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    First,
    Second,
    Third,
    Fourth,
}

impl Term {
    pub const ALL: [Term; 4] = [Term::First, Term::Second, Term::Third, Term::Fourth];

    /// 0 to 3.
    pub fn slot(self) -> usize {
        match self {
            Term::First => 0,
            Term::Second => 1,
            Term::Third => 2,
            Term::Fourth => 3,
        }
    }

    /// The SQL column holding the term.
    pub fn column(self) -> &'static str {
        ["idx_1", "idx_2", "idx_3", "idx_4"][self.slot()]
    }
}

/// Which documents a [`Transaction::scan`] lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexFilter {
    /// Every document of the kind.
    All,
    /// Those whose term equals the value.
    Equals(Term, String),
}

/// A point in the `(position, key)` order of a kind: a scan continues strictly after it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cursor {
    pub position: u64,
    pub key: String,
}

/// A document body: JSON text, or a typed value that is serialised only
/// when a backend needs text. Cloning is cheap (shared).
#[derive(Clone)]
pub struct Body(Repr);

type Shared = Arc<dyn Any + Send + Sync>;
type Encode = fn(&(dyn Any + Send + Sync)) -> Result<String>;

#[derive(Clone)]
enum Repr {
    Json(Arc<str>),
    Typed { value: Shared, encode: Encode, type_name: &'static str },
}

fn encode_as<T: Serialize + 'static>(value: &(dyn Any + Send + Sync)) -> Result<String> {
    let value = value.downcast_ref::<T>().ok_or_else(|| Error::storage("a typed body holds another type"))?;
    serde_json::to_string(value).map_err(Error::storage)
}

impl Body {
    /// A body of JSON text (not parsed here: it is the writer's promise).
    pub fn json(text: impl Into<Arc<str>>) -> Body {
        Body(Repr::Json(text.into()))
    }

    /// A typed body.
    pub fn typed<T: Serialize + Send + Sync + 'static>(value: T) -> Body {
        Body(Repr::Typed { value: Arc::new(value), encode: encode_as::<T>, type_name: std::any::type_name::<T>() })
    }

    /// The body as JSON text, serialising a typed body.
    pub fn to_json(&self) -> Result<Arc<str>> {
        match &self.0 {
            Repr::Json(text) => Ok(Arc::clone(text)),
            Repr::Typed { value, encode, .. } => encode(value.as_ref()).map(Arc::from),
        }
    }

    /// The value of a typed body of type `T`, without copying; `None` for
    /// JSON text or another type.
    pub fn typed_ref<T: 'static>(&self) -> Option<&T> {
        match &self.0 {
            Repr::Typed { value, .. } => value.downcast_ref::<T>(),
            Repr::Json(_) => None,
        }
    }

    /// The shared value of a typed body of type `T` (no copy); `None` for
    /// JSON text or another type.
    pub fn typed_arc<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        match &self.0 {
            Repr::Typed { value, .. } => Arc::clone(value).downcast::<T>().ok(),
            Repr::Json(_) => None,
        }
    }

    /// The body as a `T`: a clone of a typed body of that type, else decoded
    /// from JSON. `storage_error` when the JSON does not decode.
    pub fn decode<T: DeserializeOwned + Clone + 'static>(&self) -> Result<T> {
        if let Some(value) = self.typed_ref::<T>() {
            return Ok(value.clone());
        }
        let text = self.to_json()?;
        crate::kernel::ids::read_stored(|| serde_json::from_str(&text))
            .map_err(|error| Error::storage(format!("stored document is unreadable: {error}")))
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Json(text) => f.debug_tuple("Json").field(text).finish(),
            Repr::Typed { type_name, .. } => f.debug_tuple("Typed").field(type_name).finish(),
        }
    }
}

/// A document decoded as a `T` by [`TypedDocuments::get_as`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored<T> {
    pub version: u64,
    pub position: u64,
    pub terms: Terms,
    pub value: T,
}

/// Typed access on top of any [`Transaction`].
pub trait TypedDocuments: Transaction {
    /// [`Transaction::get`], decoded as a `T` (no copy of JSON in memory).
    fn get_as<T: DeserializeOwned + Clone + 'static>(
        &mut self,
        kind: &str,
        key: &str,
        lock: Lock,
    ) -> Result<Option<Stored<T>>> {
        let Some(doc) = self.get(kind, key, lock)? else { return Ok(None) };
        let value = doc.body.decode()?;
        Ok(Some(Stored { version: doc.version, position: doc.position, terms: doc.terms, value }))
    }

    /// [`Transaction::put`] of a typed value at position 0 without index terms;
    /// build a [`Document::typed`] for the others.
    fn put_as<T: Serialize + Send + Sync + 'static>(
        &mut self,
        kind: &str,
        key: &str,
        version: u64,
        value: T,
    ) -> Result<()> {
        self.put(kind, &Document::typed(key, version, value))
    }
}

impl<X: Transaction + ?Sized> TypedDocuments for X {}
