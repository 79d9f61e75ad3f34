//! Printable documents for the warehouse: the pick list and packing slips as
//! self-contained HTML pages (print CSS, no script, nothing fetched), and
//! shipping labels in ZPL, the language thermal label printers speak.
//!
//! Pure: every fact a document shows is handed in, the time included.
//!
//! Everything a user wrote (product names, addresses, the shipping method,
//! references, carrier and tracking number) is escaped on the way out:
//! HTML-escaped in the pages ([`escape_html`]), and in ZPL written with `^FH`
//! hex escapes wherever a character could start a command ([`zpl_field`]).
//! Identifiers are escaped like the rest, because a record read back from
//! storage is not validated again.

use std::collections::BTreeMap;

use super::{Parcel, PickLine, PickList, Shipment, ShipmentStatus};
use crate::domain::address::Address;
use crate::domain::catalog::Location;
use crate::domain::order::{FulfilmentMethod, Order};
use crate::kernel::error::{Error, Result};
use crate::kernel::ids::Sku;
use crate::kernel::time::Timestamp;

/// Product names by SKU, as the catalogue holds them. A SKU without a name
/// prints its SKU alone.
pub type ProductNames = BTreeMap<Sku, String>;

/// `text` safe to place in HTML text or in a quoted attribute value.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The print style every page shares: each `.page` starts a new sheet, the
/// last one adds no blank sheet after it, and a table's heading repeats
/// when a long shipment runs onto a second sheet.
const STYLE: &str = "\
@page { margin: 12mm; }
body { margin: 0; font: 11pt/1.35 Arial, Helvetica, sans-serif; color: #000; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
h1 { font-size: 18pt; margin: 0 0 3mm; }
h2 { font-size: 10pt; margin: 4mm 0 1mm; text-transform: uppercase; letter-spacing: 0.05em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 0; }
dt { font-weight: bold; }
dd { margin: 0; }
address { font-style: normal; }
table { width: 100%; border-collapse: collapse; margin-top: 4mm; }
th, td { text-align: left; vertical-align: top; padding: 1.5mm 2mm; border-bottom: 0.3mm solid #888; }
th { border-bottom: 0.6mm solid #000; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.quantity { text-align: right; white-space: nowrap; }
.check { width: 14mm; }
@media screen { body { max-width: 190mm; margin: 0 auto; padding: 8mm; } .page { margin-bottom: 12mm; } }
";

/// A whole HTML document around `body`. The content security policy forbids
/// every fetch and every script, so the page stays inert even if a bug let
/// markup through.
fn html_document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape_html(title)
    )
}

/// `1 unit`, `2 units`.
fn counted(count: impl std::fmt::Display, noun: &str) -> String {
    let count = count.to_string();
    let plural = if count == "1" { "" } else { "s" };
    format!("{count} {noun}{plural}")
}

/// `sku`'s name, escaped, or an empty string when the catalogue has none.
fn product_name(names: &ProductNames, sku: &Sku) -> String {
    names.get(sku).map_or_else(String::new, |name| escape_html(name))
}

/// The pick list of one location as a printable page: one row per SKU in SKU
/// order, with the product's name, the units to pick and the shipments they
/// go into, and the time it was printed.
pub fn pick_list_html(list: &PickList, names: &ProductNames, printed_at: Timestamp) -> String {
    let location = escape_html(list.location.as_str());
    let mut lines: Vec<&PickLine> = list.lines.iter().collect();
    lines.sort_by(|a, b| a.sku.cmp(&b.sku));
    let units = lines.iter().fold(0_i64, |sum, line| sum.saturating_add(line.quantity));
    let mut page = format!(
        "<section class=\"page pick-list\" data-location=\"{location}\">\n<h1>Pick list: {location}</h1>\n\
         <p class=\"summary\">Printed {} &middot; {} &middot; {} &middot; {}</p>\n",
        printed_at.format("%Y-%m-%d %H:%M UTC"),
        counted(list.shipments.len(), "shipment"),
        counted(lines.len(), "SKU"),
        counted(units, "unit"),
    );
    if lines.is_empty() {
        page.push_str("<p class=\"empty\">Nothing to pick: no open shipments here.</p>\n");
    } else {
        page.push_str(
            "<table class=\"lines\">\n<thead><tr><th>SKU</th><th>Product</th><th class=\"quantity\">Quantity</th>\
             <th>Shipments</th><th class=\"check\">Picked</th></tr></thead>\n<tbody>\n",
        );
        for line in lines {
            let shipments: Vec<String> = line.shipments.iter().map(|id| escape_html(id.as_str())).collect();
            page.push_str(&format!(
                "<tr><td class=\"sku\">{}</td><td class=\"name\">{}</td><td class=\"quantity\">{}</td>\
                 <td class=\"shipments\">{}</td><td class=\"check\"></td></tr>\n",
                escape_html(line.sku.as_str()),
                product_name(names, &line.sku),
                line.quantity,
                shipments.join(", "),
            ));
        }
        page.push_str("</tbody>\n</table>\n");
    }
    page.push_str("</section>\n");
    html_document(&format!("Pick list: {}", list.location), &page)
}

/// One shipment and the order it belongs to, for its packing slip.
#[derive(Debug, Clone, Copy)]
pub struct PackingSlip<'a> {
    pub shipment: &'a Shipment,
    pub order: &'a Order,
}

/// Packing slips as one printable document, one page per slip in the order
/// given: the order and shipment, where the parcel goes, how it ships, the
/// lines (SKU, name, quantity) and, once packed, the parcels.
pub fn packing_slips_html(slips: &[PackingSlip<'_>], names: &ProductNames) -> String {
    let body: String = slips.iter().map(|slip| packing_slip_page(slip, names)).collect();
    let title = match slips {
        [one] => format!("Packing slip {}", one.shipment.id),
        _ => format!("Packing slips ({})", slips.len()),
    };
    html_document(&title, &body)
}

fn packing_slip_page(slip: &PackingSlip<'_>, names: &ProductNames) -> String {
    let PackingSlip { shipment, order } = *slip;
    let mut page = format!(
        "<section class=\"page packing-slip\" data-shipment=\"{}\">\n<h1>Packing slip</h1>\n<dl class=\"facts\">\n",
        escape_html(shipment.id.as_str())
    );
    let mut fact = |term: &str, class: &str, value: &str| {
        page.push_str(&format!("<dt>{term}</dt><dd class=\"{class}\">{}</dd>\n", escape_html(value)));
    };
    fact("Order", "order", order.id.as_str());
    if let Some(reference) = &order.external_reference {
        fact("Reference", "reference", reference);
    }
    fact("Ordered", "ordered", &order.created_at.format("%Y-%m-%d").to_string());
    fact("Shipment", "shipment", shipment.id.as_str());
    fact("Ships from", "location", shipment.location.as_str());
    fact("Shipping method", "shipping-method", order.shipping_method.as_deref().unwrap_or("not given"));
    if let (Some(carrier), Some(tracking)) = (&shipment.carrier, &shipment.tracking_number) {
        fact("Carrier", "carrier", carrier);
        fact("Tracking number", "tracking", tracking);
    }
    page.push_str("</dl>\n");
    page.push_str(&destination_html(shipment, order));
    page.push_str(&slip_lines_html(shipment, names));
    if !shipment.parcels.is_empty() {
        page.push_str(&parcels_html(&shipment.parcels));
    }
    page.push_str("</section>\n");
    page
}

/// Where the goods go: the order's shipping address, the pickup store, or a
/// note that the order names neither.
fn destination_html(shipment: &Shipment, order: &Order) -> String {
    if let Some(address) = &order.shipping_address {
        let lines: Vec<String> = address_lines(address).iter().map(|line| escape_html(line)).collect();
        return format!(
            "<div class=\"ship-to\">\n<h2>Ship to</h2>\n<address>{}</address>\n</div>\n",
            lines.join("<br>\n")
        );
    }
    if order.fulfilment.method == FulfilmentMethod::Pickup {
        let store = order.fulfilment.location.as_ref().unwrap_or(&shipment.location);
        return format!(
            "<div class=\"ship-to\">\n<h2>Collect at</h2>\n<p>{}</p>\n</div>\n",
            escape_html(store.as_str())
        );
    }
    "<div class=\"ship-to\">\n<h2>Ship to</h2>\n<p>No shipping address on the order.</p>\n</div>\n".to_string()
}

fn slip_lines_html(shipment: &Shipment, names: &ProductNames) -> String {
    let mut table = String::from(
        "<table class=\"lines\">\n<thead><tr><th>SKU</th><th>Product</th><th class=\"quantity\">Quantity</th>\
         </tr></thead>\n<tbody>\n",
    );
    let mut units = 0_i64;
    for line in &shipment.lines {
        units = units.saturating_add(line.quantity);
        table.push_str(&format!(
            "<tr><td class=\"sku\">{}</td><td class=\"name\">{}</td><td class=\"quantity\">{}</td></tr>\n",
            escape_html(line.sku.as_str()),
            product_name(names, &line.sku),
            line.quantity
        ));
    }
    table.push_str(&format!(
        "</tbody>\n<tfoot><tr><td colspan=\"2\">Total units</td><td class=\"quantity\">{units}</td></tr></tfoot>\n\
         </table>\n"
    ));
    table
}

fn parcels_html(parcels: &[Parcel]) -> String {
    let mut table = String::from(
        "<table class=\"parcels\">\n<thead><tr><th>Parcel</th><th>Weight</th><th>Size (mm)</th></tr></thead>\n\
         <tbody>\n",
    );
    for (index, parcel) in parcels.iter().enumerate() {
        table.push_str(&format!(
            "<tr><td>{} of {}</td><td>{} kg</td><td>{} &times; {} &times; {}</td></tr>\n",
            index + 1,
            parcels.len(),
            kilograms(parcel.weight_grams),
            parcel.length_mm,
            parcel.width_mm,
            parcel.height_mm
        ));
    }
    table.push_str("</tbody>\n</table>\n");
    table
}

/// An address as the lines of an envelope: recipient, company, street lines,
/// `city, region postal code`, country, phone.
fn address_lines(address: &Address) -> Vec<String> {
    let mut lines = vec![address.name.clone()];
    lines.extend(address.company.iter().cloned());
    lines.extend(address.lines.iter().cloned());
    let mut town = address.city.clone();
    if let Some(region) = &address.region {
        town.push_str(", ");
        town.push_str(region);
    }
    if let Some(postal_code) = &address.postal_code {
        town.push(' ');
        town.push_str(postal_code);
    }
    lines.push(town);
    lines.push(address.country.clone());
    lines.extend(address.phone.iter().map(|phone| format!("Tel. {phone}")));
    lines
}

/// Grams as kilograms, exactly and without trailing zeros: 1200 → `1.2`.
fn kilograms(grams: i64) -> String {
    let (whole, rest) = (grams / 1000, (grams % 1000).abs());
    if rest == 0 {
        return whole.to_string();
    }
    format!("{whole}.{}", format!("{rest:03}").trim_end_matches('0'))
}

// ---------------------------------------------------------------------------
// ZPL labels: 4 × 6 inches at 203 dots per inch (812 × 1218 dots).
// ---------------------------------------------------------------------------

/// The width the label's fields may use, in dots (a 40-dot margin each side).
const LABEL_FIELD_WIDTH_DOTS: usize = 732;

/// ZPL field data for `text`, shown as written: `^FH^FD…^FS`. A caret or
/// tilde (the prefixes of ZPL commands), the underscore (the `^FH` escape
/// itself), control characters and every byte beyond ASCII are written as
/// `_XX` hex escapes, so no text can end the field or start a command; the
/// label selects UTF-8 (`^CI28`), so the escaped bytes print as the
/// characters they encode.
pub fn zpl_field(text: &str) -> String {
    let mut field = String::from("^FH^FD");
    let mut bytes = [0_u8; 4];
    for c in text.chars() {
        if c == ' ' || (c.is_ascii_graphic() && !matches!(c, '^' | '~' | '_')) {
            field.push(c);
        } else {
            for byte in c.encode_utf8(&mut bytes).bytes() {
                field.push_str(&format!("_{byte:02X}"));
            }
        }
    }
    field.push_str("^FS");
    field
}

/// `text` cut to `max` characters, the cut marked by `...`.
fn fitted(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(3)).collect();
    format!("{}...", kept.trim_end())
}

/// What the barcode encodes: the tracking number when Code 128 can carry it
/// within the label's width using only characters that mean nothing to ZPL
/// or to `^BC` (letters, digits and `- . / :`), else the shipment id; no
/// barcode when neither can be.
fn barcode_data(shipment: &Shipment) -> Option<&str> {
    let printable = |text: &&str| {
        !text.is_empty()
            && barcode_module_width(text).is_some()
            && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '/' | ':'))
    };
    [shipment.tracking_number.as_deref(), Some(shipment.id.as_str())].into_iter().flatten().find(printable)
}

/// The widest Code 128 module (`^BY`, 1 to 3 dots) at which `text` fits the
/// label: each character takes 11 modules, start, check digit and stop 35.
fn barcode_module_width(text: &str) -> Option<usize> {
    let modules = 11 * text.len() + 35;
    (1..=3).rev().find(|width| modules * width <= LABEL_FIELD_WIDTH_DOTS)
}

/// The shipping labels of a packed or shipped shipment: one label
/// (`^XA … ^XZ`) per parcel, each with "n OF m", where it comes from and
/// goes to, the parcel's weight and size, the order, reference and shipment,
/// the shipping method, the carrier and tracking number once shipped, and a
/// Code 128 barcode of the tracking number (or the shipment id before it is
/// known). Refused, with `illegal_transition`, before the shipment is
/// packed or after it is delivered or cancelled; `rejected` when the order
/// has no shipping address.
pub fn shipping_labels_zpl(shipment: &Shipment, order: &Order, from: &Location) -> Result<String> {
    if !matches!(shipment.status, ShipmentStatus::Packed | ShipmentStatus::Shipped) {
        return Err(Error::IllegalTransition {
            action: "print a shipping label".into(),
            from: format!("{} shipment", shipment.status),
        });
    }
    let Some(to) = &order.shipping_address else {
        return Err(Error::Rejected {
            message: format!("order {} has no shipping address to print on a label", order.id),
        });
    };
    if shipment.parcels.is_empty() {
        return Err(Error::Rejected { message: format!("shipment {} has no parcels to label", shipment.id) });
    }
    let labels = shipment.parcels.iter().enumerate();
    Ok(labels.map(|(index, parcel)| label(shipment, order, from, to, parcel, index + 1)).collect())
}

/// One parcel's label; `number` counts from 1.
fn label(shipment: &Shipment, order: &Order, from: &Location, to: &Address, parcel: &Parcel, number: usize) -> String {
    let mut zpl = ZplLabel(String::from("^XA\n^CI28\n^PW812\n^LL1218\n^LH0,0\n"));
    zpl.text(30, 24, 50, "FROM");
    zpl.text(58, 30, 40, from.id.as_str());
    zpl.text(92, 30, 40, &from.region);
    zpl.rule(135);
    zpl.text(150, 24, 50, "SHIP TO");
    let mut y = 180;
    for (index, line) in address_lines(to).iter().enumerate() {
        let (height, fits) = if index == 0 { (44, 28) } else { (34, 36) };
        zpl.text(y, height, fits, line);
        y += height + 8;
    }
    zpl.rule(570);
    zpl.text(600, 30, 40, &format!("ORDER {}", order.id));
    if let Some(reference) = &order.external_reference {
        zpl.text(638, 30, 40, &format!("REF {reference}"));
    }
    zpl.text(676, 30, 40, &format!("SHIPMENT {}", shipment.id));
    if let Some(method) = &order.shipping_method {
        zpl.text(714, 30, 40, &format!("METHOD {method}"));
    }
    let size = format!("{} x {} x {} MM", parcel.length_mm, parcel.width_mm, parcel.height_mm);
    zpl.text(752, 30, 40, &format!("WEIGHT {} KG  {size}", kilograms(parcel.weight_grams)));
    zpl.text(796, 44, 28, &format!("PARCEL {number} OF {}", shipment.parcels.len()));
    if let Some(carrier) = &shipment.carrier {
        zpl.text(852, 30, 40, &format!("CARRIER {carrier}"));
    }
    if let Some(tracking) = &shipment.tracking_number {
        zpl.text(890, 30, 40, &format!("TRACKING {tracking}"));
    }
    zpl.rule(935);
    if let Some(data) = barcode_data(shipment) {
        let module = barcode_module_width(data).unwrap_or(1);
        zpl.0.push_str(&format!("^FO40,960^BY{module}^BCN,180,Y,N,N^FD{data}^FS\n"));
    }
    zpl.0.push_str("^XZ\n");
    zpl.0
}

/// A label being written, top to bottom, at the left margin.
struct ZplLabel(String);

impl ZplLabel {
    /// `value` at height `y` in font 0 of `height` dots, cut to the `fits` characters that fit at that height.
    fn text(&mut self, y: usize, height: usize, fits: usize, value: &str) {
        self.0.push_str(&format!("^FO40,{y}^A0N,{height},{height}{}\n", zpl_field(&fitted(value, fits))));
    }

    /// A horizontal rule across the label at height `y`.
    fn rule(&mut self, y: usize) {
        self.0.push_str(&format!("^FO40,{y}^GB{LABEL_FIELD_WIDTH_DOTS},3,3^FS\n"));
    }
}
