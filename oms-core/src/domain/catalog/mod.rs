//! Catalogue records: products, locations and channels.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::kernel::ids::{ChannelId, LocationId, Sku, TaxClass};
use crate::kernel::money::{Currency, RoundingPolicy};

macro_rules! string_enum {
    // `Variant = "name" | "old_name"`: an old spelling still reads (stored
    // data written before a rename), and is never written.
    ($(#[$doc:meta])* $name:ident, $field:literal { $($(#[$variant_doc:meta])* $variant:ident = $text:literal $(| $old:literal)*),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$variant_doc])* #[serde(rename = $text $(, alias = $old)*)] $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the snake_case name (or an old spelling of it); anything
            /// else is `invalid_input` naming the field.
            pub fn parse(text: &str) -> $crate::kernel::error::Result<$name> {
                match text {
                    $($text $(| $old)* => Ok($name::$variant),)+
                    other => Err($crate::kernel::error::Error::invalid_input(
                        $field,
                        format!("expected one of {}, got {other:?}", [$($text),+].join(", ")),
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;

string_enum!(
    /// What a location is.
    LocationKind, "kind" {
        Warehouse = "warehouse",
        Store = "store",
        ThirdPartyLogistics = "third_party_logistics",
    }
);

string_enum!(
    /// What a channel is.
    ChannelKind, "kind" {
        Web = "web",
        Marketplace = "marketplace",
        PointOfSale = "point_of_sale",
        Pickup = "pickup",
    }
);

string_enum!(
    /// How a channel spreads an order over locations when one cannot cover it.
    SplitPolicy, "split_policy" {
        /// As few shipments as possible: a location covering the whole order
        /// wins; otherwise the location covering most remaining units, repeatedly.
        FewestShipments = "fewest_shipments",
        /// Each line from the best-ranked (nearest) location that has it.
        Nearest = "nearest",
    }
);

string_enum!(
    /// What a pickup order does when the pickup store lacks the stock.
    PickupFallback, "pickup_fallback" {
        /// Refuse the order with `insufficient_stock`.
        Reject = "reject",
        /// Allocate from the channel's shipping locations and send the goods to the store.
        ShipToStore = "ship_to_store",
    }
);

/// A sellable product variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub sku: Sku,
    pub name: String,
    pub tax_class: TaxClass,
    /// Whether orders may be accepted beyond available stock, the shortfall backordered.
    #[serde(default)]
    pub backorderable: bool,
    pub version: u64,
}

/// What a location can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capabilities {
    /// Ships parcels to customers (warehouses and 3PL sites usually do).
    pub ships: bool,
    /// Customers can collect orders here.
    pub offers_pickup: bool,
    /// A store that also ships online orders (ship-from-store).
    pub ships_from_store: bool,
}

impl Capabilities {
    /// What a location of `kind` can do unless told otherwise: warehouses and
    /// 3PL sites ship; stores offer pickup.
    pub fn default_for(kind: LocationKind) -> Capabilities {
        match kind {
            LocationKind::Warehouse | LocationKind::ThirdPartyLogistics => {
                Capabilities { ships: true, offers_pickup: false, ships_from_store: false }
            }
            LocationKind::Store => Capabilities { ships: false, offers_pickup: true, ships_from_store: false },
        }
    }
}

/// A place that holds stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub id: LocationId,
    pub kind: LocationKind,
    /// A region code such as `US-NY`; distances between regions drive routing.
    pub region: String,
    pub capabilities: Capabilities,
    /// Shipments the location can start per day; `None` is unlimited.
    pub daily_capacity: Option<i64>,
    /// Tie-breaker after distance: lower goes first.
    pub priority: i64,
    pub version: u64,
}

/// A sales channel: its currency, the locations that may fulfil it, and how it prices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    pub id: ChannelId,
    pub kind: ChannelKind,
    pub currency: Currency,
    /// Locations in the order the channel draws stock from them.
    pub locations: Vec<LocationId>,
    /// Whether unit prices already include tax.
    pub prices_include_tax: bool,
    pub rounding: RoundingPolicy,
    /// Tax rate per tax class, as a fraction (`0.2` is 20 %). Classes not listed are taxed at zero.
    pub tax_rates: BTreeMap<TaxClass, Decimal>,
    /// Units kept back at each location: available to promise is on hand −
    /// allocated − reserved − this, per location.
    pub safety_stock: i64,
    /// Whether every product may be backordered on this channel (a product can also allow it).
    pub allow_backorders: bool,
    pub split_policy: SplitPolicy,
    pub pickup_fallback: PickupFallback,
    /// The allocation strategy for shipped orders: a built-in name
    /// (`ship_from_warehouse`, `ship_from_store`) or one registered with the service.
    pub strategy: String,
    /// Locations farther than this from the destination region are passed over; `None` is no limit.
    pub max_distance_km: Option<u32>,
    /// Goods leave only once the order is paid (`paid` or `overpaid`):
    /// shipping anything earlier is `payment_required`.
    #[serde(default)]
    pub require_payment_before_shipping: bool,
    /// Capture as goods leave: shipping or handing over a shipment emits a
    /// `capture_requested` event for its value, split across the order's
    /// open authorizations.
    #[serde(default)]
    pub capture_on_shipment: bool,
    /// Hours a pickup waits at the counter once ready; then `expire_pickups`
    /// releases its units. Channels stored before the setting read the default.
    #[serde(default = "default_pickup_window_hours")]
    pub pickup_window_hours: i64,
    pub version: u64,
}

fn default_pickup_window_hours() -> i64 {
    crate::kernel::limits::PICKUP_WINDOW_HOURS_DEFAULT
}

impl Channel {
    /// The rate for a tax class; zero when the channel names none.
    pub fn tax_rate(&self, class: &TaxClass) -> Decimal {
        self.tax_rates.get(class).copied().unwrap_or(Decimal::ZERO)
    }
}
