//! What the generated schemas (`generated.rs`) say about each parameter: the
//! reader (`read.rs`) follows them.

/// How a value is read. The text kinds are checked by the core type of the
/// same name; the integer kinds are bounded by a rule of `oms_core::limits`
/// ([`crate::convert::Bounds`]).
// The variants are named after the core types they become (`LocationKind`).
#[allow(clippy::enum_variant_names)]
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    Text,
    Sku,
    LocationId,
    ChannelId,
    OrderId,
    ReservationId,
    TransferId,
    ShipmentId,
    IdempotencyKey,
    Email,
    TaxClass,
    Currency,
    LocationKind,
    ChannelKind,
    RoundingMode,
    RoundingLevel,
    SplitPolicy,
    PickupFallback,
    OrderStatus,
    PaymentId,
    PaymentKind,
    GatewayReference,
    LineRejectionReason,
    Quantity,
    QuantityDelta,
    Counted,
    Capacity,
    Priority,
    TtlSeconds,
    PageLimit,
    Cursor,
    Distance,
    LineNumber,
    /// A parcel's weight in grams.
    Weight,
    /// A parcel's side in millimetres.
    Dimension,
    /// Hours a ready pickup waits to be collected.
    PickupWindowHours,
    /// Money or a rate: a `decimal.Decimal` or an `int`, read exactly.
    Amount,
    Flag,
    /// A sequence (not text or bytes) of values of one kind.
    List(&'static Kind),
    /// A mapping with these keys.
    Record(&'static [Field]),
    /// Tax class → rate.
    Rates,
    /// Text by text key (an order's metadata); the core checks keys and values.
    Labels,
}

/// One parameter of a method, or one key of a record.
#[derive(Debug)]
pub(crate) struct Field {
    /// The name the caller writes.
    pub(crate) key: &'static str,
    /// The field of the command it fills; `group.member` for a field of a nested struct.
    pub(crate) field: &'static str,
    pub(crate) kind: Kind,
    pub(crate) required: bool,
    /// Unused in Python, where the interpreter binds positional arguments.
    #[allow(dead_code)]
    pub(crate) positional: bool,
    /// The value a member of a group takes when the caller leaves it out.
    pub(crate) default: Option<&'static str>,
    /// Unused in Python, which reads a whole sequence (the core bounds its length).
    #[allow(dead_code)]
    pub(crate) read_max: usize,
}
