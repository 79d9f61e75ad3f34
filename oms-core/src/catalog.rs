//! Catalogue records: products, locations and channels.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::{ChannelId, LocationId, Sku, TaxClass};
use crate::money::{Currency, RoundingPolicy};

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident, $field:literal { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the snake_case name; anything else is `invalid_input` naming the field.
            pub fn parse(text: &str) -> Result<$name> {
                match text {
                    $($text => Ok($name::$variant),)+
                    other => Err(Error::invalid_input(
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

/// A sellable product variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub sku: Sku,
    pub name: String,
    pub tax_class: TaxClass,
    pub version: u64,
}

/// A place that holds stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub id: LocationId,
    pub kind: LocationKind,
    /// A region code such as `US-NY`, used for analytics and routing.
    pub region: String,
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
    pub version: u64,
}

impl Channel {
    /// The rate for a tax class; zero when the channel names none.
    pub fn tax_rate(&self, class: &TaxClass) -> Decimal {
        self.tax_rates.get(class).copied().unwrap_or(Decimal::ZERO)
    }
}
