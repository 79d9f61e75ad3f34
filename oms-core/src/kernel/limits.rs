//! Named maxima. Every input that can grow has a limit, so that no caller can
//! make the library allocate, loop or store without bound.

/// Lines in one order.
pub const ORDER_LINES_MAX: usize = 250;
/// Units on one order line, and units in one stock movement.
pub const QUANTITY_MAX: i64 = 1_000_000;
/// Stock a single (SKU, location) may hold.
pub const ON_HAND_MAX: i64 = 1_000_000_000;
/// Length of an identifier (SKU, location, channel, order, tax class), in bytes.
pub const IDENTIFIER_LENGTH_MAX: usize = 64;
/// Length of an idempotency key, in bytes.
pub const IDEMPOTENCY_KEY_LENGTH_MAX: usize = 255;
/// Length of an e-mail address, in bytes (RFC 5321 path limit).
pub const EMAIL_LENGTH_MAX: usize = 254;
/// Length of a free-text name, region or reason, in bytes.
pub const TEXT_LENGTH_MAX: usize = 200;
/// Locations a channel may draw stock from.
pub const CHANNEL_LOCATIONS_MAX: usize = 1_000;
/// Tax classes a channel may define rates for.
pub const TAX_RATES_MAX: usize = 64;
/// The largest money amount accepted in any input, in whole currency units.
/// It keeps every product of amount and quantity far inside `Decimal`'s range.
pub const AMOUNT_MAX: i64 = 1_000_000_000_000;
/// Records returned by one page of a listing.
pub const PAGE_LIMIT_MAX: usize = 1_000;
/// Records returned by a listing when the caller does not say.
pub const PAGE_LIMIT_DEFAULT: usize = 100;
/// Attempts of one command when the storage reports a version conflict.
pub const CONFLICT_RETRIES_MAX: u32 = 8;
/// Bytes of a JSON command payload accepted by the JSON entry points.
pub const JSON_PAYLOAD_BYTES_MAX: usize = 1 << 20;
/// The largest location priority (lower goes first).
pub const PRIORITY_MAX: i64 = 1_000_000;
/// The longest a checkout reservation may last, in seconds (one week).
pub const RESERVATION_TTL_SECONDS_MAX: i64 = 7 * 24 * 3600;
/// Expired reservations released by one call of `expire_reservations` (a command
/// that takes stock ends every expired reservation of its SKUs, however many).
pub const RESERVATION_EXPIRY_BATCH_MAX: usize = 100;
/// SKUs in one availability query.
pub const AVAILABILITY_SKUS_MAX: usize = 500;
/// Backordered lines one receipt may fill.
pub const BACKORDER_FILL_MAX: usize = 1_000;

/// Street lines of an address.
pub const ADDRESS_LINES_MAX: usize = 3;
/// Bytes of an address's postal code.
pub const POSTAL_CODE_LENGTH_MAX: usize = 20;
/// Bytes of a phone number.
pub const PHONE_LENGTH_MAX: usize = 32;
/// Bytes of an order's external reference (the caller's own order number).
pub const EXTERNAL_REFERENCE_LENGTH_MAX: usize = 128;
/// Entries of an order's metadata.
pub const METADATA_ENTRIES_MAX: usize = 32;
/// Bytes of a metadata key.
pub const METADATA_KEY_LENGTH_MAX: usize = 64;
/// Bytes of a metadata value.
pub const METADATA_VALUE_LENGTH_MAX: usize = 500;

/// Parcels of one shipment.
pub const PARCELS_MAX: usize = 100;
/// Shipments whose packing slips one call prints (one page each).
pub const PACKING_SLIPS_MAX: usize = 100;
/// Weight of one parcel, in grams (a pallet's worth).
pub const PARCEL_WEIGHT_MAX_GRAMS: i64 = 2_000_000;
/// One side of a parcel, in millimetres.
pub const PARCEL_DIMENSION_MAX_MM: i64 = 10_000;
/// How long a channel keeps a pickup ready at the counter when it says
/// nothing, in hours (three days).
pub const PICKUP_WINDOW_HOURS_DEFAULT: i64 = 72;
/// The longest pickup window a channel may set, in hours (90 days): goods
/// set aside longer than a season are better re-shelved.
pub const PICKUP_WINDOW_HOURS_MAX: i64 = 90 * 24;
/// Uncollected pickups expired by one call of `expire_pickups` (call again
/// while it returns a full batch).
pub const PICKUP_EXPIRY_BATCH_MAX: usize = 100;
/// Length of a payment gateway's transaction reference, in bytes.
pub const GATEWAY_REFERENCE_LENGTH_MAX: usize = 128;
/// Payments (tenders) on one order.
pub const ORDER_PAYMENTS_MAX: usize = 50;
/// Transactions (authorization, captures, refunds, void, failure) on one payment.
pub const PAYMENT_TRANSACTIONS_MAX: usize = 200;
