//! The Python binding of `oms-core`: the extension module `oms._oms`, which
//! the `oms` package re-exports.
//!
//! - `service`: the `Oms` class: its life cycle, and one method per core
//!   operation, generated from the core's operation table into `generated.rs`;
//! - `read` (with `schema`): the one reader of arguments, a serde
//!   `Deserializer` over Python objects; `output`: core results to Python;
//! - `records`: the frozen record classes it returns;
//! - `protocol`: what every record shares (to_dict, pickling, copying, hashing);
//! - `clock`: `ManualClock`, a clock the caller moves;
//! - `convert`: the checks of single Python values (text, integers, amounts,
//!   sequences, mappings) that the reader uses, naming the field;
//! - `decimal`: `decimal.Decimal` to `rust_decimal::Decimal`, exactly or not at all;
//! - `errors`: the exception tree and the one conversion of core errors.

mod clock;
mod convert;
mod decimal;
mod errors;
#[rustfmt::skip]
mod generated;
mod output;
mod protocol;
mod read;
mod records;
mod schema;
mod service;

use pyo3::prelude::*;
use pyo3::types::PyTuple;

#[pymodule]
fn _oms(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_class::<service::Oms>()?;
    module.add_class::<clock::ManualClock>()?;
    module.add_class::<records::ProductPage>()?;
    // Set, not added: `add` would list the pickling helper in `__all__`.
    module.setattr("_restore", wrap_pyfunction!(records::_restore, module)?)?;
    module.add_class::<records::Location>()?;
    module.add_class::<records::Channel>()?;
    module.add_class::<records::Product>()?;
    module.add_class::<records::StockLevel>()?;
    module.add_class::<records::Movement>()?;
    module.add_class::<records::Order>()?;
    module.add_class::<records::Address>()?;
    module.add_class::<records::Shipment>()?;
    module.add_class::<records::ShipmentLine>()?;
    module.add_class::<records::LineRejection>()?;
    module.add_class::<records::Parcel>()?;
    module.add_class::<records::PickList>()?;
    module.add_class::<records::PickLine>()?;
    module.add_class::<records::OrderLine>()?;
    module.add_class::<records::LineAllocation>()?;
    module.add_class::<records::TaxSummary>()?;
    module.add_class::<records::OrderPage>()?;
    module.add_class::<records::Event>()?;
    module.add_class::<records::AuditReport>()?;
    module.add_class::<records::ReplayReport>()?;
    module.add_class::<records::Availability>()?;
    module.add_class::<records::LocationAvailability>()?;
    module.add_class::<records::Reservation>()?;
    module.add_class::<records::ReservedLine>()?;
    module.add_class::<records::Transfer>()?;
    module.add_class::<records::AllocationPlan>()?;
    module.add_class::<records::PlannedLine>()?;
    module.add_class::<records::Explanation>()?;
    module.add_class::<records::Candidate>()?;
    module.add_class::<records::Payment>()?;
    module.add_class::<records::PaymentTransaction>()?;
    module.add_class::<records::OrderPayments>()?;
    for (name, class) in errors::exceptions(py)?.named() {
        module.add(name, class.clone_ref(py))?;
    }
    let transitions = oms_core::ORDER_TRANSITIONS
        .iter()
        .map(|(from, to)| PyTuple::new(py, [from.as_str(), to.as_str()]))
        .collect::<PyResult<Vec<_>>>()?;
    module.add("ORDER_TRANSITIONS", transitions)?;
    let transitions = oms_core::transfers::TRANSFER_TRANSITIONS
        .iter()
        .map(|(from, to)| PyTuple::new(py, [from.as_str(), to.as_str()]))
        .collect::<PyResult<Vec<_>>>()?;
    module.add("TRANSFER_TRANSITIONS", transitions)?;
    let transitions = oms_core::SHIPMENT_TRANSITIONS
        .iter()
        .map(|(from, to)| PyTuple::new(py, [from.as_str(), to.as_str()]))
        .collect::<PyResult<Vec<_>>>()?;
    module.add("SHIPMENT_TRANSITIONS", transitions)?;
    let transitions = oms_core::PAYMENT_TRANSITIONS
        .iter()
        .map(|(from, to)| PyTuple::new(py, [from.as_str(), to.as_str()]))
        .collect::<PyResult<Vec<_>>>()?;
    module.add("PAYMENT_TRANSITIONS", transitions)?;
    module.add("ERROR_CODES", oms_core::Error::CODES.to_vec())?;
    module.add("EVENT_TYPES", oms_core::Event::NAMES.to_vec())?;
    // Raw rows, which `oms/__init__.py` makes `oms.Operation` records; set, not
    // added, to stay out of `__all__`.
    let operations: Vec<(&str, &str, String, &str)> = oms_core::OPERATIONS
        .iter()
        .filter(|operation| operation.kind.is_bound())
        .map(|operation| (operation.name, operation.kind.as_str(), operation.python_parameters(), operation.doc))
        .collect();
    module.setattr("_OPERATIONS", operations)?;
    Ok(())
}
