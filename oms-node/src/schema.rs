//! What the generated schemas (`generated.rs`) say about each parameter: the
//! reader (`read.rs`) follows them.

/// How a value is read. The text kinds are checked by the core type of the
/// same name; the integer kinds are whole JavaScript numbers, bounded by the core.
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
    /// Money or a rate: a decimal string such as `"19.99"` (never a number).
    Amount,
    Flag,
    /// An array of values of one kind.
    List(&'static Kind),
    /// An object with these keys (camelCase).
    Record(&'static [Field]),
    /// Tax class → rate.
    Rates,
    /// Text by text key (an order's metadata); the core checks keys and values.
    Labels,
}

/// One parameter of a method, or one key of a record.
#[derive(Debug)]
pub(crate) struct Field {
    /// The name the caller writes (camelCase).
    pub(crate) key: &'static str,
    /// The field of the command it fills; `group.member` for a field of a nested struct.
    pub(crate) field: &'static str,
    pub(crate) kind: Kind,
    pub(crate) required: bool,
    /// A positional argument rather than a key of the options object.
    pub(crate) positional: bool,
    /// The value a member of a group takes when the caller leaves it out.
    pub(crate) default: Option<&'static str>,
    /// For a list or map, how many entries are read at most.
    pub(crate) read_max: usize,
}
