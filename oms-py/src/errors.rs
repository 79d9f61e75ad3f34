//! The one conversion from `oms_core::Error` to a Python exception.
//!
//! The exception tree is built at import time with `type(...)` because two of
//! its classes have two bases (`InvalidInput(OmsError, ValueError)`,
//! `NotFound(OmsError, LookupError)`), which `create_exception!` cannot
//! express. The class follows `Error::category()`; the instance carries the
//! core's `code()`, `field()` and category name as attributes, its
//! `details()` as a dict (`{}` when there are none), and its message is the
//! core's `Display`.

use oms_core::{Category, Detail, Error};
use pyo3::exceptions::{PyException, PyLookupError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{PyDict, PyTuple, PyType};

/// The exception classes of the module, created once per interpreter.
pub(crate) struct Exceptions {
    pub(crate) oms_error: Py<PyType>,
    pub(crate) invalid_input: Py<PyType>,
    pub(crate) not_found: Py<PyType>,
    pub(crate) rejected: Py<PyType>,
    pub(crate) conflict: Py<PyType>,
    pub(crate) storage_error: Py<PyType>,
}

static EXCEPTIONS: GILOnceCell<Exceptions> = GILOnceCell::new();

impl Exceptions {
    /// Every class with its Python name, for registration in the module.
    pub(crate) fn named(&self) -> [(&'static str, &Py<PyType>); 6] {
        [
            ("OmsError", &self.oms_error),
            ("InvalidInput", &self.invalid_input),
            ("NotFound", &self.not_found),
            ("Rejected", &self.rejected),
            ("Conflict", &self.conflict),
            ("StorageError", &self.storage_error),
        ]
    }

    fn for_category(&self, category: Category) -> &Py<PyType> {
        match category {
            Category::InvalidInput => &self.invalid_input,
            Category::NotFound => &self.not_found,
            Category::Rejected => &self.rejected,
            Category::Conflict => &self.conflict,
            Category::Storage => &self.storage_error,
        }
    }
}

/// The exception classes, created on first use.
pub(crate) fn exceptions(py: Python<'_>) -> PyResult<&Exceptions> {
    EXCEPTIONS.get_or_try_init(py, || {
        let oms_error = new_class(
            py,
            "OmsError",
            &[py.get_type::<PyException>()],
            "Base class of every error the order management system raises. \
             Attributes: code (stable snake_case string), field (input path or None), category, \
             details (a dict of structured facts such as sku, requested and available; {} when none).",
        )?;
        let base = oms_error.bind(py).clone();
        Ok(Exceptions {
            invalid_input: new_class(
                py,
                "InvalidInput",
                &[base.clone(), py.get_type::<PyValueError>()],
                "The request is malformed; the caller must change it.",
            )?,
            not_found: new_class(
                py,
                "NotFound",
                &[base.clone(), py.get_type::<PyLookupError>()],
                "A record the request names does not exist.",
            )?,
            rejected: new_class(py, "Rejected", std::slice::from_ref(&base), "A business rule refuses the request.")?,
            conflict: new_class(
                py,
                "Conflict",
                std::slice::from_ref(&base),
                "Another writer got there first; retrying may succeed.",
            )?,
            storage_error: new_class(py, "StorageError", &[base], "The storage failed; the command was not applied.")?,
            oms_error,
        })
    })
}

/// `type(name, bases, {"__module__": "oms", "__doc__": doc})`.
fn new_class(py: Python<'_>, name: &str, bases: &[Bound<'_, PyType>], doc: &str) -> PyResult<Py<PyType>> {
    let namespace = PyDict::new(py);
    namespace.set_item("__module__", "oms")?;
    namespace.set_item("__doc__", doc)?;
    namespace.set_item("__qualname__", name)?;
    let bases = PyTuple::new(py, bases)?;
    let class = py.get_type::<PyType>().call1((name, bases, namespace))?;
    Ok(class.downcast_into::<PyType>()?.unbind())
}

/// The Python exception for a core error.
pub(crate) fn to_py_err(error: Error) -> PyErr {
    Python::with_gil(|py| build(py, &error).unwrap_or_else(|failure| failure))
}

fn build(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let class = exceptions(py)?.for_category(error.category()).bind(py);
    let instance = class.call1((error.to_string(),))?;
    instance.setattr("code", error.code())?;
    instance.setattr("field", error.field())?;
    instance.setattr("category", error.category().as_str())?;
    let details = PyDict::new(py);
    for (name, detail) in error.details() {
        match detail {
            Detail::Text(text) => details.set_item(name, text)?,
            Detail::Count(count) => details.set_item(name, count)?,
        }
    }
    instance.setattr("details", details)?;
    Ok(PyErr::from_value(instance))
}
