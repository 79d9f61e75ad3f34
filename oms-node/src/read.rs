//! The one reader of JavaScript arguments: a serde `Deserializer` over N-API
//! values, guided by the generated schemas (`generated.rs`).
//!
//! A command is read by its own `Deserialize` (the core's command structs, or
//! a generated struct of arguments), so no operation has a converter of its
//! own. Every value is read through the checked N-API layer (`js.rs`, via the
//! helpers of `input.rs`), which never panics: a getter or Proxy trap that
//! throws is `invalid_input` naming the field. The schema says what each value
//! is, so every error keeps its stable code and names the JavaScript path
//! (`lines[2].unitPrice`):
//!
//! - keys are camelCase, and an object with a key outside its schema is refused;
//! - text is a string (valid Unicode), checked by the core type it becomes;
//! - an integer is a whole JavaScript number (a quantity that is not one is
//!   `invalid_quantity`); ranges are the core's;
//! - money is a decimal string, parsed exactly; a number is refused.
//!
//! Fields are read one at a time in the order the command declares them (the
//! order of validation), each only when its turn comes, and a required one
//! that is absent is refused where it comes.

use std::fmt;

use oms_core::catalog::{ChannelKind, LocationKind, PickupFallback, SplitPolicy};
use oms_core::commands::amount::EXACT;
use oms_core::{
    ChannelId, Currency, Email, IdempotencyKey, LocationId, OrderId, OrderStatus, ReservationId, RoundingLevel,
    RoundingMode, Sku, TaxClass, TransferId,
};
use serde::de::value::{MapDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use crate::error::invalid_input;
use crate::input::{self, Fields};
use crate::js::Js;
use crate::schema::{Field, Kind};

type Result<T> = oms_core::Result<T>;

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
/// arguments: `positional` holds the positional ones in schema order (`None`
/// where an optional one was not passed), and the keyword fields of `schema`
/// are the keys of the options object `options` (named `name` in errors).
pub(crate) fn command<T: DeserializeOwned>(
    schema: &'static [Field],
    positional: &[Option<Js>],
    options: Option<Js>,
    name: &'static str,
) -> Result<T> {
    let source = Source::Arguments { positional: positional.to_vec(), options, name, opened: None };
    T::deserialize(Struct::new(schema, source, String::new())).map_err(Error::core)
}

/// Where the fields of one struct come from, in the order the struct declares
/// them (its `Deserialize` names them): a field, or the members of a nested
/// struct (`roundingMode`, `roundingLevel` fill `rounding`).
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

/// The values of a struct: a method's arguments, or an object.
enum Source {
    Arguments {
        positional: Vec<Option<Js>>,
        options: Option<Js>,
        name: &'static str,
        /// The options object once its first key is wanted (`None` inside when it was not given).
        opened: Option<Option<Fields>>,
    },
    Object(Fields),
}

struct Struct {
    schema: &'static [Field],
    source: Source,
    slots: std::vec::IntoIter<Slot>,
    path: String,
    pending: Option<Part>,
}

impl Struct {
    fn new(schema: &'static [Field], source: Source, path: String) -> Struct {
        Struct { schema, source, slots: Vec::new().into_iter(), path, pending: None }
    }

    /// The value of `field`, read now; `None` when it is absent (`undefined` or `null`).
    fn value(&mut self, field: &'static Field) -> Result<Option<Js>> {
        let schema = self.schema;
        match &mut self.source {
            Source::Object(fields) => Ok(fields.get(field.key)?.map(|(_, value)| value)),
            Source::Arguments { positional, options, name, opened } => {
                if field.positional {
                    let index = schema
                        .iter()
                        .filter(|known| known.positional)
                        .position(|known| std::ptr::eq(known, field))
                        .unwrap_or(usize::MAX);
                    let value = positional.get(index).copied().flatten();
                    return if field.required { Ok(value) } else { input::optional(value, field.key) };
                }
                if opened.is_none() {
                    let keywords = schema.iter().filter(|known| !known.positional);
                    let keys: Vec<&str> = keywords.clone().map(|known| known.key).collect();
                    let object = if keywords.clone().all(|known| !known.required) {
                        Fields::optional_argument(*options, name, &keys)?
                    } else {
                        match *options {
                            Some(options) => Some(Fields::argument(options, name, &keys)?),
                            None => return Err(invalid_input(name, "is required")),
                        }
                    };
                    *opened = Some(object);
                }
                match opened {
                    Some(Some(fields)) => Ok(fields.get(field.key)?.map(|(_, value)| value)),
                    _ => Ok(None),
                }
            }
        }
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

impl<'de> de::Deserializer<'de> for Struct {
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

impl<'de> MapAccess<'de> for Struct {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> std::result::Result<Option<K::Value>, Error> {
        while let Some(slot) = self.slots.next() {
            let key = match slot {
                Slot::One(field) => match self.value(field)? {
                    None if field.required => {
                        return Err(Error::Core(invalid_input(&join(&self.path, field.key), "is required")));
                    }
                    None => continue,
                    Some(value) => {
                        let path = join(&self.path, field.key);
                        self.pending =
                            Some(Part::Value(Value { value, kind: field.kind, path, read_max: field.read_max }));
                        field.field
                    }
                },
                Slot::Group(name, members) => {
                    let mut values = Vec::with_capacity(members.len());
                    for (member, field) in members {
                        values.push((member, field, self.value(field)?));
                    }
                    self.pending = Some(Part::Group(values, self.path.clone()));
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
enum Part {
    Value(Value),
    Group(Vec<(&'static str, &'static Field, Option<Js>)>, String),
}

impl Part {
    fn path(&self) -> &str {
        match self {
            Part::Value(value) => &value.path,
            Part::Group(_, path) => path,
        }
    }
}

impl<'de> de::Deserializer<'de> for Part {
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
                            entries.push((member, Value { value, kind: field.kind, path, read_max: 0 }.text()?));
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

/// One JavaScript value of a known kind at a path.
struct Value {
    value: Js,
    kind: Kind,
    path: String,
    /// For a list or map, how many entries to read at most.
    read_max: usize,
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

impl Value {
    /// A string, checked by its kind's core type.
    fn text(&self) -> Result<String> {
        let text = input::string(self.value, &self.path)?;
        check(self.kind, &text, &self.path)?;
        Ok(text)
    }

    /// The number of an order line: a whole number no order exceeds.
    fn line_number(&self) -> Result<u32> {
        u32::try_from(input::count(self.value, &self.path)?)
            .map_err(|_| invalid_input(&self.path, "is not a line number of any order"))
    }
}

impl<'de> de::Deserializer<'de> for Value {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, Error> {
        let (value, path) = (self.value, self.path.as_str());
        match self.kind {
            Kind::Amount => visitor.visit_string(input::decimal(value, path)?.to_string()),
            Kind::Flag => visitor.visit_bool(input::boolean(value, path)?),
            Kind::Quantity | Kind::QuantityDelta | Kind::Counted | Kind::Capacity => {
                visitor.visit_i64(input::quantity(value, path)?)
            }
            Kind::Priority | Kind::TtlSeconds | Kind::Weight | Kind::Dimension | Kind::PickupWindowHours => {
                visitor.visit_i64(input::integer(value, path)?)
            }
            Kind::PageLimit | Kind::Cursor => visitor.visit_u64(input::count(value, path)?),
            Kind::Distance => visitor.visit_u32(input::small_count(value, path)?),
            Kind::LineNumber => visitor.visit_u32(self.line_number()?),
            Kind::List(item) => {
                let elements = input::array(value, path, self.read_max)?;
                visitor.visit_seq(Items { elements: elements.into_iter(), kind: *item })
            }
            Kind::Record(schema) => {
                let keys: Vec<&str> = schema.iter().map(|field| field.key).collect();
                let object = Fields::nested(value, path, &keys)?;
                Struct::new(schema, Source::Object(object), self.path).read(None, visitor)
            }
            Kind::Rates => {
                let rates = Fields::map(value, path)?;
                let mut read = Vec::new();
                for class in rates.keys()?.into_iter().take(self.read_max) {
                    let rate_path = rates.path(&class);
                    let rate = rates.decimal(&class)?;
                    check(Kind::TaxClass, &class, &rate_path)?;
                    read.push((class, rate.to_string()));
                }
                visitor.visit_map(MapDeserializer::<_, Error>::new(read.into_iter()))
            }
            Kind::Labels => {
                let labels = Fields::map(value, path)?;
                let mut read = Vec::new();
                for key in labels.keys()?.into_iter().take(self.read_max) {
                    let (text_path, text) = labels.require(&key)?;
                    read.push((key, crate::input::string(text, &text_path)?));
                }
                visitor.visit_map(MapDeserializer::<_, Error>::new(read.into_iter()))
            }
            _ => visitor.visit_string(self.text()?),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, Error> {
        match input::optional(Some(self.value), &self.path)? {
            None => visitor.visit_none(),
            Some(_) => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> std::result::Result<V::Value, Error> {
        if name == EXACT && matches!(self.kind, Kind::Amount) {
            return visitor.visit_str(&input::decimal(self.value, &self.path)?.to_string());
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
        let Kind::Record(schema) = self.kind else {
            return self.deserialize_any(visitor);
        };
        let keys: Vec<&str> = schema.iter().map(|field| field.key).collect();
        let object = Fields::nested(self.value, &self.path, &keys)?;
        Struct::new(schema, Source::Object(object), self.path).deserialize_struct(name, fields, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The elements of an array, each with its path (`lines[0]`).
struct Items {
    elements: std::vec::IntoIter<(String, Js)>,
    kind: Kind,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> std::result::Result<Option<S::Value>, Error> {
        let Some((path, value)) = self.elements.next() else { return Ok(None) };
        seed.deserialize(Value { value, kind: self.kind, path: path.clone(), read_max: 0 })
            .map(Some)
            .map_err(|error| error.placed(&path, &[]))
    }
}
