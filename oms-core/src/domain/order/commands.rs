//! Editing an order, as a command: lines to add, new quantities of lines,
//! lines to remove, a new shipping address or method, in one request with
//! one idempotency key. What can be checked without the order is checked
//! here, in field order, each error naming its field path.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::domain::address::{Address, OrderDetails};
use crate::domain::commands::LineInput;
use crate::kernel::error::{positive_quantity, Error, Result};
use crate::kernel::ids::{IdempotencyKey, OrderId};
use crate::kernel::limits::ORDER_LINES_MAX;

/// The ordered quantity one existing line should have after an edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineChange {
    pub line_number: u32,
    /// The line's new ordered quantity (not a difference): at least one
    /// more than the units already cancelled on it.
    pub quantity: i64,
}

/// Edit an order until the lines it touches are picked: add lines, change
/// quantities, remove lines, change the shipping address or method. The
/// order is allocated again for what changed and repriced exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditOrder {
    pub order_id: OrderId,
    /// Lines to add, as `place_order` takes them (amounts in the order's currency).
    #[serde(default)]
    pub add_lines: Vec<LineInput>,
    /// New ordered quantities of existing lines.
    #[serde(default)]
    pub change_lines: Vec<LineChange>,
    /// Numbers of the lines to remove.
    #[serde(default)]
    pub remove_lines: Vec<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
    /// The service level the customer chose, as the caller names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_method: Option<String>,
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<IdempotencyKey>,
}

impl EditOrder {
    /// An edit of `order_id` that changes nothing yet (fill in what it changes).
    pub fn new(order_id: OrderId) -> EditOrder {
        EditOrder {
            order_id,
            add_lines: Vec::new(),
            change_lines: Vec::new(),
            remove_lines: Vec::new(),
            shipping_address: None,
            shipping_method: None,
            idempotency_key: None,
        }
    }

    /// The edit checked in field order and its address and method
    /// normalised (as `place_order` normalises them), before the
    /// idempotency payload is made of it.
    pub fn normalized(self) -> Result<EditOrder> {
        self.check_lines()?;
        let details = OrderDetails {
            shipping_address: self.shipping_address,
            billing_address: None,
            shipping_method: self.shipping_method,
            external_reference: None,
            metadata: Default::default(),
        }
        .normalized()?;
        let edit =
            EditOrder { shipping_address: details.shipping_address, shipping_method: details.shipping_method, ..self };
        if edit.add_lines.is_empty()
            && edit.change_lines.is_empty()
            && edit.remove_lines.is_empty()
            && edit.shipping_address.is_none()
            && edit.shipping_method.is_none()
        {
            return Err(Error::invalid_input(
                "add_lines",
                "an edit changes something: name add_lines, change_lines, remove_lines, shipping_address or \
                 shipping_method",
            ));
        }
        Ok(edit)
    }

    /// The three lists: bounded, each entry well formed, and each existing
    /// line named once across `change_lines` and `remove_lines`.
    fn check_lines(&self) -> Result<()> {
        let lists = [
            ("add_lines", self.add_lines.len()),
            ("change_lines", self.change_lines.len()),
            ("remove_lines", self.remove_lines.len()),
        ];
        let bounded = |(field, length): (&str, usize)| {
            if length > ORDER_LINES_MAX {
                return Err(Error::limit(field, format!("at most {ORDER_LINES_MAX} lines, got {length}")));
            }
            Ok(())
        };
        bounded(lists[0])?;
        for (index, line) in self.add_lines.iter().enumerate() {
            line.check(&format!("add_lines[{index}]"))?;
        }
        bounded(lists[1])?;
        let mut named = BTreeSet::new();
        for (index, change) in self.change_lines.iter().enumerate() {
            if !named.insert(change.line_number) {
                return Err(named_twice(format!("change_lines[{index}].line_number"), change.line_number));
            }
            positive_quantity("quantity", change.quantity)
                .map_err(|e| e.at(format!("change_lines[{index}].quantity")))?;
        }
        bounded(lists[2])?;
        for (index, line_number) in self.remove_lines.iter().enumerate() {
            if !named.insert(*line_number) {
                return Err(named_twice(format!("remove_lines[{index}]"), *line_number));
            }
        }
        Ok(())
    }
}

fn named_twice(field: String, line_number: u32) -> Error {
    Error::invalid_input(field, format!("line {line_number} is named twice: change or remove a line once per edit"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn edit() -> EditOrder {
        EditOrder::new(OrderId::from_sequence(1))
    }

    fn field(edit: EditOrder) -> (String, String) {
        let error = edit.normalized().unwrap_err();
        (error.code().to_string(), error.field().unwrap_or_default().to_string())
    }

    #[test]
    fn what_an_edit_says_is_checked_in_field_order() {
        let change = |line_number, quantity| LineChange { line_number, quantity };
        assert_eq!(field(edit()), ("invalid_input".into(), "add_lines".into()));
        let twice = EditOrder { change_lines: vec![change(1, 2), change(1, 3)], ..edit() };
        assert_eq!(field(twice), ("invalid_input".into(), "change_lines[1].line_number".into()));
        let across = EditOrder { change_lines: vec![change(2, 2)], remove_lines: vec![1, 2], ..edit() };
        assert_eq!(field(across), ("invalid_input".into(), "remove_lines[1]".into()));
        let zero = EditOrder { change_lines: vec![change(1, 0)], ..edit() };
        assert_eq!(field(zero), ("invalid_quantity".into(), "change_lines[0].quantity".into()));
        let line = LineInput {
            sku: crate::kernel::ids::Sku::new("MUG").unwrap(),
            quantity: 1,
            unit_price: Decimal::NEGATIVE_ONE,
            discount: None,
        };
        let negative = EditOrder { add_lines: vec![line], change_lines: vec![change(1, 0)], ..edit() };
        assert_eq!(field(negative), ("invalid_amount".into(), "add_lines[0].unit_price".into()));
        let blank = EditOrder { shipping_method: Some("  ".into()), ..edit() };
        assert_eq!(field(blank), ("invalid_input".into(), "shipping_method".into()));
        let trimmed = EditOrder { shipping_method: Some(" express ".into()), ..edit() }.normalized().unwrap();
        assert_eq!(trimmed.shipping_method.as_deref(), Some("express"));
    }
}
