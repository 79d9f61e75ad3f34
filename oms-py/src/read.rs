//! The one reader of Python arguments: a serde `Deserializer` over Python
//! objects, guided by the generated schemas (`generated.rs`).
//!
//! A command is read by its own `Deserialize` (the core's command structs, or
//! a generated struct of arguments), so no operation has a converter of its
//! own. The schema says what each value is; the leaves are read by the checks
//! of [`crate::convert`] and the core's constructors, so every error keeps its
//! stable code and names its field (`lines[2].unit_price`):
//!
//! - text is a `str`, checked by the core type it becomes (`Sku`, `Email`,
//!   `LocationKind`, …);
//! - an integer is an `int` (not a `bool`) within its rule's bounds;
//! - money is a `decimal.Decimal` or an `int`, read exactly from
//!   `Decimal.as_tuple()`; a `float` is refused;
//! - a list is any `collections.abc.Sequence` but text and bytes; a record
//!   any `collections.abc.Mapping` with `str` keys among the schema's.
//!
//! Fields are read in the schema's order (the command's field order), and a
//! required one that is absent is refused where it comes, so validation
//! runs in the order the errors table of the README promises.

use std::fmt;

use oms_core::catalog::{ChannelKind, LocationKind, PickupFallback, SplitPolicy};
use oms_core::commands::amount::EXACT;
use oms_core::{
    ChannelId, Currency, Email, IdempotencyKey, LocationId, OrderId, OrderStatus, ReservationId, RoundingLevel,
    RoundingMode, Sku, TaxClass, TransferId,
};
use pyo3::prelude::*;
use serde::de::value::{MapDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use crate::convert::{self, Bounds, Result};
use crate::schema::{Field, Kind};

/// An error while reading: a core error that names its field, or one that
/// serde raised and the reader places (`Missing`, `Custom`).
#[derive(Debug)]
pub(crate) enum Error {
    Core(oms_core::Error),
    Missing(&'static str),
    Custom(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Core(error) => error.fmt(f),
            Error::Missing(field) => write!(f, "{field}: is required"),
            Error::Custom(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error::Custom(message.to_string())
    }

    fn missing_field(field: &'static str) -> Error {
        Error::Missing(field)
    }
}

impl From<oms_core::Error> for Error {
    fn from(error: oms_core::Error) -> Error {
        Error::Core(error)
    }
}

fn invalid_input(field: &str, message: impl Into<String>) -> oms_core::Error {
    oms_core::Error::InvalidInput { field: field.into(), message: message.into() }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Error {
    /// The core error, an error serde raised being about the value at `path`
    /// (a missing field: about its key in `schema`).
    fn placed(self, path: &str, schema: &[Field]) -> Error {
        Error::Core(match self {
            Error::Core(error) => error,
            Error::Missing(field) => {
                let key = schema.iter().find(|known| known.field == field).map_or(field, |known| known.key);
                invalid_input(&join(path, key), "is required")
            }
            Error::Custom(message) => invalid_input(if path.is_empty() { "input" } else { path }, message),
        })
    }

    fn core(self) -> oms_core::Error {
        match self {
            Error::Core(error) => error,
            other => invalid_input("input", other.to_string()),
        }
    }
}

/// Reads `T` (a command, or a generated struct of arguments) from a method's
/// arguments, one per field of `schema`, `None` where the caller gave none.
/// An optional argument given as `None` is absent; a required one is read (and refused).
pub(crate) fn command<T: DeserializeOwned>(
    schema: &'static [Field],
    values: &[Option<&Bound<'_, PyAny>>],
) -> Result<T> {
    let given = schema
        .iter()
        .zip(values)
        .filter_map(|(field, value)| {
            let value = (*value)?;
            (field.required || !value.is_none()).then(|| (field, value.clone()))
        })
        .collect();
    T::deserialize(Struct::new(schema, given, String::new())).map_err(Error::core)
}

/// Where the fields of one struct come from, in the order the struct declares
/// them (its `Deserialize` names them): a field, or the members of a nested
/// struct (`rounding.mode`, `rounding.level` fill `rounding`).
enum Slot {
    One(&'static Field),
    Group(&'static str, Vec<(&'static str, &'static Field)>),
}

/// The slots of a struct whose fields (in declaration order) are `order`; the
/// schema's own order when it is not known.
fn slots(schema: &'static [Field], order: Option<&'static [&'static str]>) -> Vec<Slot> {
    let mut slots: Vec<Slot> = Vec::with_capacity(schema.len());
    for field in schema {
        match field.field.split_once('.') {
            None => slots.push(Slot::One(field)),
            Some((group, member)) => {
                match slots.iter_mut().find(|slot| matches!(slot, Slot::Group(name, _) if *name == group)) {
                    Some(Slot::Group(_, members)) => members.push((member, field)),
                    _ => slots.push(Slot::Group(group, vec![(member, field)])),
                }
            }
        }
    }
    if let Some(order) = order {
        let position = |slot: &Slot| {
            let name = match slot {
                Slot::One(field) => field.field,
                Slot::Group(name, _) => name,
            };
            order.iter().position(|known| *known == name).unwrap_or(order.len())
        };
        slots.sort_by_key(position);
    }
    slots
}

struct Struct<'py> {
    schema: &'static [Field],
    given: Vec<(&'static Field, Bound<'py, PyAny>)>,
    slots: std::vec::IntoIter<Slot>,
    path: String,
    pending: Option<Part<'py>>,
}

impl<'py> Struct<'py> {
    fn new(schema: &'static [Field], given: Vec<(&'static Field, Bound<'py, PyAny>)>, path: String) -> Struct<'py> {
        Struct { schema, given, slots: Vec::new().into_iter(), path, pending: None }
    }

    fn value(&self, field: &'static Field) -> Option<Bound<'py, PyAny>> {
        self.given.iter().find(|(known, _)| std::ptr::eq(*known, field)).map(|(_, value)| value.clone())
    }

    fn read<'de, V: Visitor<'de>>(
        mut self,
        order: Option<&'static [&'static str]>,
        visitor: V,
    ) -> std::result::Result<V::Value, Error> {
        self.slots = slots(self.schema, order).into_iter();
        let (path, schema) = (self.path.clone(), self.schema);
        visitor.visit_map(self).map_err(|error| error.placed(&path, schema))
    }
}

impl<'de, 'py> de::Deserializer<'de> for Struct<'py> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, Error> {
        self.read(None, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, Error> {
        self.read(Some(fields), visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

impl<'de, 'py> MapAccess<'de> for Struct<'py> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> std::result::Result<Option<K::Value>, Error> {
        while let Some(slot) = self.slots.next() {
            let key = match slot {
                Slot::One(field) => match self.value(field) {
                    None if field.required => {
                        return Err(Error::Core(invalid_input(&join(&self.path, field.key), "is required")));
                    }
                    None => continue,
                    Some(value) => {
                        let path = join(&self.path, field.key);
                        self.pending = Some(Part::Value(Value { value, kind: field.kind, path }));
                        field.field
                    }
                },
                Slot::Group(name, members) => {
                    let members =
                        members.into_iter().map(|(member, field)| (member, field, self.value(field))).collect();
                    self.pending = Some(Part::Group(members, self.path.clone()));
                    name
                }
            };
            let key: StrDeserializer<'_, Error> = key.into_deserializer();
            return seed.deserialize(key).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> std::result::Result<S::Value, Error> {
        let part = self.pending.take().ok_or_else(|| Error::Custom("a value without its key".into()))?;
        let path = part.path().to_string();
        seed.deserialize(part).map_err(|error| error.placed(&path, &[]))
    }
}

/// The value of one slot.
enum Part<'py> {
    Value(Value<'py>),
    Group(Vec<(&'static str, &'static Field, Option<Bound<'py, PyAny>>)>, String),
}

impl Part<'_> {
    fn path(&self) -> &str {
        match self {
            Part::Value(value) => &value.path,
            Part::Group(_, path) => path,
        }
    }
}

impl<'de, 'py> de::Deserializer<'de> for Part<'py> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, Error> {
        match self {
            Part::Value(value) => value.deserialize_any(visitor),
            Part::Group(members, path) => {
                // A member left out takes its default, so the nested struct is always whole.
                let mut entries = Vec::with_capacity(members.len());
                for (member, field, value) in members {
                    match value {
                        Some(value) => {
                            let path = join(&path, field.key);
                            let text = Value { value, kind: field.kind, path }.text()?;
                            entries.push((member, text));
                        }
                        None => {
                            if let Some(default) = field.default {
                                entries.push((member, default.to_string()));
                            }
                        }
                    }
                }
                visitor.visit_map(MapDeserializer::<_, Error>::new(entries.into_iter()))
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, Error> {
        match self {
            Part::Value(value) => value.deserialize_option(visitor),
            group => visitor.visit_some(group),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> std::result::Result<V::Value, Error> {
        match self {
            Part::Value(value) => value.deserialize_newtype_struct(name, visitor),
            group => visitor.visit_newtype_struct(group),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, Error> {
        match self {
            Part::Value(value) => value.deserialize_enum(name, variants, visitor),
            group => group.deserialize_any(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, Error> {
        match self {
            Part::Value(value) => value.deserialize_struct(name, fields, visitor),
            group => group.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// One Python value of a known kind at a path.
struct Value<'py> {
    value: Bound<'py, PyAny>,
    kind: Kind,
    path: String,
}

/// The range of each integer kind.
fn bounds(kind: Kind) -> Option<&'static Bounds> {
    Some(match kind {
        Kind::Quantity => &Bounds::QUANTITY,
        Kind::QuantityDelta => &Bounds::QUANTITY_DELTA,
        Kind::Counted => &Bounds::COUNTED,
        Kind::Capacity => &Bounds::CAPACITY,
        Kind::Priority => &Bounds::PRIORITY,
        Kind::TtlSeconds => &Bounds::TTL_SECONDS,
        Kind::PageLimit => &Bounds::PAGE_LIMIT,
        Kind::Cursor => &Bounds::CURSOR,
        Kind::Distance | Kind::LineNumber => &Bounds::SMALL_COUNT,
        Kind::Weight => &Bounds::WEIGHT,
        Kind::Dimension => &Bounds::DIMENSION,
        Kind::PickupWindowHours => &Bounds::PICKUP_WINDOW_HOURS,
        _ => return None,
    })
}

/// Checks `text` as the core type of `kind` would, its error naming `path`.
fn check(kind: Kind, text: &str, path: &str) -> Result<()> {
    let owned = || text.to_string();
    let checked = match kind {
        Kind::Sku => Sku::new(owned()).map(drop),
        Kind::LocationId => LocationId::new(owned()).map(drop),
        Kind::ChannelId => ChannelId::new(owned()).map(drop),
        Kind::OrderId => OrderId::new(owned()).map(drop),
        Kind::ReservationId => ReservationId::new(owned()).map(drop),
        Kind::TransferId => TransferId::new(owned()).map(drop),
        Kind::ShipmentId => oms_core::ShipmentId::new(owned()).map(drop),
        Kind::IdempotencyKey => IdempotencyKey::new(owned()).map(drop),
        Kind::Email => Email::new(owned()).map(drop),
        Kind::TaxClass => TaxClass::new(owned()).map(drop),
        Kind::Currency => Currency::parse(text).map(drop),
        Kind::LocationKind => LocationKind::parse(text).map(drop),
        Kind::ChannelKind => ChannelKind::parse(text).map(drop),
        Kind::RoundingMode => RoundingMode::parse(text).map(drop),
        Kind::RoundingLevel => RoundingLevel::parse(text).map(drop),
        Kind::SplitPolicy => SplitPolicy::parse(text).map(drop),
        Kind::PickupFallback => PickupFallback::parse(text).map(drop),
        Kind::OrderStatus => OrderStatus::parse(text).map(drop),
        Kind::PaymentId => oms_core::PaymentId::new(owned()).map(drop),
        Kind::PaymentKind => oms_core::PaymentKind::parse(text).map(drop),
        Kind::GatewayReference => oms_core::GatewayReference::new(owned()).map(drop),
        Kind::LineRejectionReason => oms_core::LineRejectionReason::parse(text).map(drop),
        _ => Ok(()),
    };
    checked.map_err(|error| error.at(path))
}

impl Value<'_> {
    /// A `str`, checked by its kind's core type.
    fn text(&self) -> Result<String> {
        let text = convert::text(&self.value, &self.path)?;
        check(self.kind, &text, &self.path)?;
        Ok(text)
    }
}

impl<'de, 'py> de::Deserializer<'de> for Value<'py> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, Error> {
        let Value { value, kind, path } = self;
        match kind {
            Kind::Amount => visitor.visit_string(convert::amount(&value, &path)?.to_string()),
            Kind::Flag => visitor.visit_bool(convert::boolean(&value, &path)?),
            Kind::List(item) => {
                let items = convert::sequence(&value, &path)?;
                visitor.visit_seq(Items { items: items.into_iter().enumerate(), kind: *item, path })
            }
            Kind::Record(fields) => {
                let keys: Vec<&'static str> = fields.iter().map(|field| field.key).collect();
                let record = convert::record(&value, &path, &keys)?;
                let given = fields
                    .iter()
                    .filter_map(|field| record.optional(field.key).map(|value| (field, value.clone())))
                    .collect();
                Struct::new(fields, given, path).read(None, visitor)
            }
            Kind::Rates => {
                let mut rates = Vec::new();
                for (key, rate) in convert::mapping(&value, &path)? {
                    // One path per rate, `tax_rates.reduced`, whichever part of it is wrong.
                    let class = convert::text(&key, &path)?;
                    let rate_path = format!("{path}.{class}");
                    check(Kind::TaxClass, &class, &rate_path)?;
                    rates.push((class, convert::amount(&rate, &rate_path)?.to_string()));
                }
                visitor.visit_map(MapDeserializer::<_, Error>::new(rates.into_iter()))
            }
            Kind::Labels => {
                let mut labels = Vec::new();
                for (key, text) in convert::mapping(&value, &path)? {
                    let key = convert::text(&key, &path)?;
                    let text_path = format!("{path}.{key}");
                    labels.push((key, convert::text(&text, &text_path)?));
                }
                visitor.visit_map(MapDeserializer::<_, Error>::new(labels.into_iter()))
            }
            kind => match bounds(kind) {
                Some(bounds) => visitor.visit_i64(convert::integer(&value, &path, bounds)?),
                None => visitor.visit_string(Value { value, kind, path }.text()?),
            },
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, Error> {
        if self.value.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> std::result::Result<V::Value, Error> {
        if name == EXACT && matches!(self.kind, Kind::Amount) {
            // The core takes the amount as read, trailing zeros included.
            return visitor.visit_str(&convert::amount(&self.value, &self.path)?.to_string());
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, Error> {
        visitor.visit_enum(self.text()?.into_deserializer())
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, Error> {
        let Value { value, kind, path } = self;
        let Kind::Record(schema) = kind else {
            return Value { value, kind, path }.deserialize_any(visitor);
        };
        let keys: Vec<&'static str> = schema.iter().map(|field| field.key).collect();
        let record = convert::record(&value, &path, &keys)?;
        let given =
            schema.iter().filter_map(|field| record.optional(field.key).map(|value| (field, value.clone()))).collect();
        Struct::new(schema, given, path).deserialize_struct(name, fields, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The items of a list, each at `path[index]`.
struct Items<'py> {
    items: std::iter::Enumerate<std::vec::IntoIter<Bound<'py, PyAny>>>,
    kind: Kind,
    path: String,
}

impl<'de, 'py> SeqAccess<'de> for Items<'py> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> std::result::Result<Option<S::Value>, Error> {
        let Some((index, value)) = self.items.next() else { return Ok(None) };
        let path = format!("{}[{index}]", self.path);
        seed.deserialize(Value { value, kind: self.kind, path: path.clone() })
            .map(Some)
            .map_err(|error| error.placed(&path, &[]))
    }
}
