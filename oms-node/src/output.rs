//! Core results → the values a method returns: one conversion per result
//! type, which the generated methods call (`.map(Output::output)`).

use std::collections::BTreeMap;

use napi::bindgen_prelude::ToNapiValue;
use oms_core::{OrderStatus, ReservationId};

use crate::records;

/// A core result as the value napi-rs hands to JavaScript.
pub trait Output {
    type Js: ToNapiValue;

    fn output(self) -> Self::Js;
}

/// What a `…Sync` method returns for the core result `T`.
pub type Out<T> = <T as Output>::Js;

/// Each core record becomes its plain object; a list of them an array.
macro_rules! records {
    ($($core:ty => $record:ty),* $(,)?) => {$(
        impl Output for $core {
            type Js = $record;

            fn output(self) -> $record {
                <$record>::from(self)
            }
        }

        impl Output for Vec<$core> {
            type Js = Vec<$record>;

            fn output(self) -> Vec<$record> {
                self.into_iter().map(<$record>::from).collect()
            }
        }
    )*};
}

records! {
    oms_core::Product => records::Product,
    oms_core::ProductPage => records::ProductPage,
    oms_core::Location => records::Location,
    oms_core::Channel => records::Channel,
    oms_core::StockLevel => records::StockLevel,
    oms_core::Movement => records::Movement,
    oms_core::Availability => records::Availability,
    oms_core::Reservation => records::Reservation,
    oms_core::Transfer => records::Transfer,
    oms_core::Shipment => records::Shipment,
    oms_core::LineRejection => records::LineRejection,
    oms_core::PickList => records::PickList,
    oms_core::Order => records::Order,
    oms_core::OrderPage => records::OrderPage,
    oms_core::AllocationPlan => records::AllocationPlan,
    oms_core::EventRecord => records::Event,
    oms_core::AuditReport => records::AuditReport,
    oms_core::ReplayReport => records::ReplayReport,
    oms_core::Payment => records::Payment,
    oms_core::OrderPayments => records::OrderPayments,
}

impl Output for () {
    type Js = ();

    fn output(self) {}
}

impl Output for i64 {
    type Js = i64;

    fn output(self) -> i64 {
        self
    }
}

/// A count or version as a JavaScript number.
impl Output for u64 {
    type Js = i64;

    fn output(self) -> i64 {
        i64::try_from(self).unwrap_or(i64::MAX)
    }
}

/// A printable document (HTML or ZPL) as a string.
impl Output for String {
    type Js = String;

    fn output(self) -> String {
        self
    }
}

/// Ids as strings.
impl Output for Vec<ReservationId> {
    type Js = Vec<String>;

    fn output(self) -> Vec<String> {
        self.into_iter().map(String::from).collect()
    }
}

/// Counts per status as `{ status: count }`.
impl Output for Vec<(OrderStatus, u64)> {
    type Js = BTreeMap<String, i64>;

    fn output(self) -> BTreeMap<String, i64> {
        records::status_counts(self)
    }
}
