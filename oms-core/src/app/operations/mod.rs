//! The operation table: every public method of [`Oms`](super::Oms) as data.
//!
//! One row per method: its name (snake_case in Rust and Python, camelCase in
//! JavaScript), whether it reads or writes storage, its Rust argument and
//! result types, a one-line description, and the parameters the bindings
//! take (name, type, default, positional or keyword, the command field each
//! fills), from which each binding's signature follows.
//!
//! Nothing here runs an operation. The table is what the checks and
//! generators read: `tests/operations.rs` fails when a method of `Oms` is
//! missing (or a row names no method, or a type is wrong), and generates from
//! the table the binding methods (Python `Oms` and `AsyncOms`, Node Promise
//! methods and `…Sync` twins), the input schemas their serde readers follow,
//! the `.pyi` stubs, and the operations of `docs/API.md`; it fails when a
//! generated file is stale. Both bindings export the table (`oms.OPERATIONS`,
//! `OPERATIONS` in Node).

use std::fmt;

use crate::kernel::limits::ADDRESS_LINES_MAX;

/// What an operation does with storage, or why it is not a binding's storage call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    /// Reads in one read transaction; changes nothing.
    Read,
    /// Runs in one write transaction (through `Oms::execute`).
    Write,
    /// Makes an `Oms`. The bindings have their own forms (`Oms.open`, `Oms.in_memory`,
    /// `Oms.inMemory`), written by hand.
    Constructor,
    /// Exists in Rust only: it takes Rust values (a store, a strategy) or reports
    /// on the Rust store itself.
    RustOnly,
}

impl OperationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OperationKind::Read => "read",
            OperationKind::Write => "write",
            OperationKind::Constructor => "constructor",
            OperationKind::RustOnly => "rust_only",
        }
    }

    /// Whether the operation is a storage call that every binding offers under
    /// the same name (in Node as a Promise method and a `…Sync` twin).
    pub fn is_bound(self) -> bool {
        matches!(self, OperationKind::Read | OperationKind::Write)
    }
}

impl fmt::Display for OperationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of [`OPERATIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The method's name on `Oms`, in Rust and in Python.
    pub name: &'static str,
    pub kind: OperationKind,
    /// The Rust parameter types after `&self`, as the method declares them,
    /// separated by `", "` (`""` for none).
    pub arguments: &'static str,
    /// The Rust result type, without the `Result<…>` around it.
    pub result: &'static str,
    /// One line saying what it does; also the docstring of every binding's method.
    pub doc: &'static str,
    /// What the bindings take, in the order Python declares them (none for an
    /// operation no binding has). The binding methods, their stubs and
    /// declarations and their input readers are generated from these.
    pub parameters: &'static [Parameter],
    /// The TypeScript interface of the options object that holds the
    /// keyword parameters in Node (`""` when there are none).
    pub node_input: &'static str,
}

/// One parameter of a binding method, and the field of the command it fills.
///
/// A parameter before the first keyword-only one is positional in Python and
/// a positional argument in Node; the keyword-only ones are keyword
/// arguments in Python and the keys (camelCase) of one options object in Node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parameter {
    /// The Python name (snake_case); camelCase in JavaScript.
    pub name: &'static str,
    /// What the value is, which decides how each binding reads it:
    /// `Text`, an identifier or enumeration type of the core (`Sku`,
    /// `LocationKind`, …), an integer rule (`Quantity`, `PageLimit`, …: see
    /// [`Operation::INTEGER_RULES`]), `Amount` (exact money or a rate), `Flag`, a list
    /// `[Sku]` or of records `[OrderLine]` (see [`Operation::RECORDS`]), one record (`Address`), the map
    /// `{TaxClass: Amount}` or the map of text `{Text: Text}`.
    pub ty: &'static str,
    /// The Python default as `inspect.signature` prints it; `None` when required.
    pub default: Option<&'static str>,
    /// Positional (before `*` in Python, a positional argument in Node).
    pub positional: bool,
    /// The name of a positional argument in JavaScript when it is not the camelCase of `name`.
    pub js_name: Option<&'static str>,
    /// The command field it fills when not `name`: `rounding.mode` is the field `mode` of the field `rounding`.
    pub field: Option<&'static str>,
    /// For a list or map, how many entries a binding reads at most: one past the
    /// core's limit, so that the core refuses an oversized list with its own error.
    pub read_max: usize,
    /// What to know about it beyond its name and type (`""` when nothing); the
    /// field's doc in the TypeScript options interface.
    pub doc: &'static str,
}

impl Parameter {
    const fn new(name: &'static str, ty: &'static str, default: Option<&'static str>) -> Parameter {
        Parameter { name, ty, default, positional: false, js_name: None, field: None, read_max: 0, doc: "" }
    }

    const fn positional(self) -> Parameter {
        Parameter { positional: true, ..self }
    }

    const fn js(self, name: &'static str) -> Parameter {
        Parameter { js_name: Some(name), ..self }
    }

    const fn into_field(self, field: &'static str) -> Parameter {
        Parameter { field: Some(field), ..self }
    }

    const fn read_max(self, limit: usize) -> Parameter {
        Parameter { read_max: limit + 1, ..self }
    }

    const fn doc(self, doc: &'static str) -> Parameter {
        Parameter { doc, ..self }
    }

    /// Whether the caller may leave it out.
    pub fn is_optional(&self) -> bool {
        self.default.is_some()
    }

    /// The name in JavaScript: `unit_price` → `unitPrice`, or the positional argument's own name.
    pub fn js_name(&self) -> String {
        self.js_name.map_or_else(|| camel_case(self.name), str::to_string)
    }

    /// The command field it fills.
    pub fn command_field(&self) -> &'static str {
        self.field.unwrap_or(self.name)
    }
}

const fn required(name: &'static str, ty: &'static str) -> Parameter {
    Parameter::new(name, ty, None)
}

const fn optional(name: &'static str, ty: &'static str) -> Parameter {
    Parameter::new(name, ty, Some("None"))
}

const fn defaulted(name: &'static str, ty: &'static str, default: &'static str) -> Parameter {
    Parameter::new(name, ty, Some(default))
}

/// A record that a list parameter holds (`[OrderLine]`): a mapping in Python,
/// an object in Node, with these keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub name: &'static str,
    /// Its `TypedDict` in `oms/_types.py`.
    pub python: &'static str,
    /// Its interface in `native.d.ts`.
    pub typescript: &'static str,
    pub fields: &'static [Parameter],
}

fn camel_case(name: &str) -> String {
    let mut camel = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            camel.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            camel.push(c);
        }
    }
    camel
}

impl Operation {
    /// The records that parameters hold.
    pub const RECORDS: &'static [Record] = &[
        Record {
            name: "OrderLine",
            python: "OrderLineInput",
            typescript: "OrderLineInput",
            fields: &[
                required("sku", "Sku"),
                required("quantity", "Quantity").doc("A positive whole number."),
                required("unit_price", "Amount").doc("Decimal string in the channel's currency, such as `\"19.99\"`."),
                optional("discount", "Amount").doc("The line's own discount, a decimal string."),
            ],
        },
        Record {
            name: "Address",
            python: "AddressInput",
            typescript: "AddressInput",
            fields: &[
                required("name", "Text").doc("The recipient."),
                optional("company", "Text"),
                required("lines", "[Text]").read_max(ADDRESS_LINES_MAX).doc("One to three street lines."),
                required("city", "Text"),
                optional("region", "Text").doc("State, province or county."),
                optional("postal_code", "Text"),
                required("country", "Text").doc("An ISO 3166-1 alpha-2 code such as `\"US\"` (any case)."),
                optional("phone", "Text").doc("Digits, spaces and `+ - ( ) .`."),
            ],
        },
        Record {
            name: "Parcel",
            python: "ParcelInput",
            typescript: "ParcelInput",
            fields: &[
                required("weight_grams", "Weight").doc("Grams, a positive whole number."),
                required("length_mm", "Dimension").doc("Millimetres, a positive whole number."),
                required("width_mm", "Dimension"),
                required("height_mm", "Dimension"),
            ],
        },
        Record {
            name: "ReservationLine",
            python: "ReservationLineInput",
            typescript: "ReservationLineInput",
            fields: &[required("sku", "Sku"), required("quantity", "Quantity").doc("A positive whole number.")],
        },
        Record {
            name: "ShipmentLine",
            python: "ShipmentLineInput",
            typescript: "ShipmentLineInput",
            fields: &[
                required("line_number", "LineNumber"),
                required("quantity", "Quantity").doc("Units of the line to ship, a positive whole number."),
            ],
        },
        Record {
            name: "LineChange",
            python: "LineChangeInput",
            typescript: "LineChangeInput",
            fields: &[
                required("line_number", "LineNumber"),
                required("quantity", "Quantity").doc("The line's new ordered quantity, a positive whole number."),
            ],
        },
        Record {
            name: "CancelledLine",
            python: "LineCancellation",
            typescript: "CancelLineInput",
            fields: &[
                required("line_number", "LineNumber"),
                required("quantity", "Quantity").doc("Units to cancel, a positive whole number."),
            ],
        },
    ];

    /// The integer rules a parameter's `ty` may name. Each binding bounds a
    /// Python `int` or a JavaScript number by its rule before the core sees it.
    pub const INTEGER_RULES: &'static [&'static str] = &[
        "Quantity",
        "QuantityDelta",
        "Counted",
        "Capacity",
        "Priority",
        "TtlSeconds",
        "PageLimit",
        "Cursor",
        "Distance",
        "LineNumber",
        "Weight",
        "Dimension",
        "PickupWindowHours",
    ];

    /// The text types a parameter's `ty` may name: each is checked by the core
    /// type's constructor or parser of the same name.
    pub const TEXT_TYPES: &'static [&'static str] = &[
        "Text",
        "Sku",
        "LocationId",
        "ChannelId",
        "OrderId",
        "ReservationId",
        "TransferId",
        "ShipmentId",
        "IdempotencyKey",
        "Email",
        "TaxClass",
        "Currency",
        "LocationKind",
        "ChannelKind",
        "RoundingMode",
        "RoundingLevel",
        "SplitPolicy",
        "PickupFallback",
        "OrderStatus",
        // Text naming an allocation strategy (built in, or registered in Rust).
        "Strategy",
        "PaymentId",
        "PaymentKind",
        "GatewayReference",
        "LineRejectionReason",
    ];

    /// The name in JavaScript: `place_order` → `placeOrder`.
    pub fn node_name(&self) -> String {
        camel_case(self.name)
    }

    /// The blocking twin in JavaScript: `placeOrderSync`.
    pub fn node_sync_name(&self) -> String {
        format!("{}Sync", self.node_name())
    }

    /// The row of `name`, if there is one.
    pub fn named(name: &str) -> Option<&'static Operation> {
        OPERATIONS.iter().find(|operation| operation.name == name)
    }

    /// The positional parameters, then the keyword-only ones.
    pub fn positional(&self) -> impl Iterator<Item = &'static Parameter> {
        self.parameters.iter().filter(|parameter| parameter.positional)
    }

    pub fn keywords(&self) -> impl Iterator<Item = &'static Parameter> {
        self.parameters.iter().filter(|parameter| !parameter.positional)
    }

    /// The Python parameters after `self`, as `inspect.signature` prints them
    /// (`""` for none).
    pub fn python_parameters(&self) -> String {
        let shown = |parameter: &Parameter| match parameter.default {
            Some(default) => format!("{}={default}", parameter.name),
            None => parameter.name.to_string(),
        };
        let mut parts: Vec<String> = self.positional().map(shown).collect();
        if self.keywords().next().is_some() {
            parts.push("*".into());
            parts.extend(self.keywords().map(shown));
        }
        parts.join(", ")
    }

    /// The TypeScript parameters of the Node method and its `Sync` twin, as
    /// `native.d.ts` declares them (`""` for none): the positional arguments
    /// (a list of identifiers is an `Array<string>`), then one options object (`input` when it is the only argument, else
    /// `options`), optional when every key in it is.
    pub fn node_parameters(&self) -> String {
        let mut parts: Vec<String> = self
            .positional()
            .map(|parameter| {
                let optional = if parameter.is_optional() { "?" } else { "" };
                let (element, list) = match parameter.ty.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
                    Some(element) => (element, true),
                    None => (parameter.ty, false),
                };
                let ty = if Operation::INTEGER_RULES.contains(&element) { "number" } else { "string" };
                let ty = if list { format!("Array<{ty}>") } else { ty.to_string() };
                format!("{}{optional}: {ty}", parameter.js_name())
            })
            .collect();
        if self.keywords().next().is_some() {
            let name = if parts.is_empty() { "input" } else { "options" };
            let optional = if self.keywords().all(Parameter::is_optional) { "?" } else { "" };
            parts.push(format!("{name}{optional}: {}", self.node_input));
        }
        parts.join(", ")
    }

    /// The name of the options object in Node: `input` or `options`.
    pub fn node_options_name(&self) -> &'static str {
        if self.positional().next().is_some() {
            "options"
        } else {
            "input"
        }
    }
}

/// `operation[i]` is its `i`-th parameter. (The row types live in this private
/// module and are re-exported only through [`Operation`]; outside the crate a
/// parameter's type is named `<Operation as Index<usize>>::Output`.)
impl std::ops::Index<usize> for Operation {
    type Output = Parameter;

    fn index(&self, index: usize) -> &Parameter {
        &self.parameters[index]
    }
}

macro_rules! operation_kind {
    (read) => {
        OperationKind::Read
    };
    (write) => {
        OperationKind::Write
    };
    (constructor) => {
        OperationKind::Constructor
    };
    (rust_only) => {
        OperationKind::RustOnly
    };
}

/// Emits [`OPERATIONS`] from one compact row per operation:
/// `kind name(rust arguments) -> rust result, [parameters], node "Input", "doc";`
macro_rules! operations {
    ($($kind:ident $name:ident($arguments:literal) -> $result:literal, [$($parameter:expr),* $(,)?], node $node:literal, $doc:literal;)*) => {
        /// Every public method of [`Oms`](super::Oms), in the order `docs/API.md` lists them.
        pub const OPERATIONS: &[Operation] = &[$(
            Operation {
                name: stringify!($name),
                kind: operation_kind!($kind),
                arguments: $arguments,
                result: $result,
                doc: $doc,
                parameters: &[$($parameter),*],
                node_input: $node,
            },
        )*];
    };
}

// The rows, a file of their own (the macros above are in scope there).
mod table;
pub use table::OPERATIONS;
