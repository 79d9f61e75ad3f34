//! Core results → Python objects: one conversion per result type, which the
//! generated methods call (`…?.output(py)`).

use oms_core::{OrderStatus, ReservationId};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::records;

/// A core result as the Python object a method returns.
pub(crate) trait Output {
    fn output(self, py: Python<'_>) -> PyResult<PyObject>;
}

/// Each core record becomes its frozen record class; a list of them a `list`.
macro_rules! records {
    ($($core:ty => $record:ty),* $(,)?) => {$(
        impl Output for $core {
            fn output(self, py: Python<'_>) -> PyResult<PyObject> {
                Ok(Bound::new(py, <$record>::from(self))?.into_any().unbind())
            }
        }

        impl Output for Vec<$core> {
            fn output(self, py: Python<'_>) -> PyResult<PyObject> {
                let items = self.into_iter().map(|item| item.output(py)).collect::<PyResult<Vec<_>>>()?;
                Ok(PyList::new(py, items)?.into_any().unbind())
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
    fn output(self, py: Python<'_>) -> PyResult<PyObject> {
        Ok(py.None())
    }
}

impl Output for i64 {
    fn output(self, py: Python<'_>) -> PyResult<PyObject> {
        Ok(self.into_pyobject(py)?.into_any().unbind())
    }
}

impl Output for u64 {
    fn output(self, py: Python<'_>) -> PyResult<PyObject> {
        Ok(self.into_pyobject(py)?.into_any().unbind())
    }
}

/// A printable document (HTML or ZPL) as a `str`.
impl Output for String {
    fn output(self, py: Python<'_>) -> PyResult<PyObject> {
        Ok(self.into_pyobject(py)?.into_any().unbind())
    }
}

/// Ids as `str`s.
impl Output for Vec<ReservationId> {
    fn output(self, py: Python<'_>) -> PyResult<PyObject> {
        let ids: Vec<String> = self.into_iter().map(String::from).collect();
        Ok(PyList::new(py, ids)?.into_any().unbind())
    }
}

/// Counts per status as `{status: count}`.
impl Output for Vec<(OrderStatus, u64)> {
    fn output(self, py: Python<'_>) -> PyResult<PyObject> {
        let dict = PyDict::new(py);
        for (status, count) in self {
            dict.set_item(status.as_str(), count)?;
        }
        Ok(dict.into_any().unbind())
    }
}
