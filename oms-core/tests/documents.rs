//! Printable documents (issue 9): the pick list and packing slips as
//! self-contained HTML, shipping labels in ZPL. Each document is parsed
//! here (a small HTML checker and a ZPL reader below) and its content
//! checked, on every backend; user text cannot inject markup or ZPL
//! commands; bad input is refused with its stable code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use common::*;
use oms_core::fulfilment::documents::{escape_html, zpl_field};
use oms_core::limits::{PACKING_SLIPS_MAX, TEXT_LENGTH_MAX};
use oms_core::*;

// ---------------------------------------------------------------------------
// A small HTML checker: elements must nest and close, text may hold no bare
// `<` or `>` and only the entities the renderer writes.
// ---------------------------------------------------------------------------

/// One element: its name, attributes and the decoded text inside it.
#[derive(Debug)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    text: String,
}

impl Element {
    fn has_class(&self, class: &str) -> bool {
        self.attributes.get("class").is_some_and(|classes| classes.split(' ').any(|known| known == class))
    }

    /// The text with runs of whitespace as one space.
    fn words(&self) -> String {
        self.text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

const VOID: &[&str] = &["meta", "br"];

fn decode(text: &str) -> String {
    assert!(!text.contains('<') && !text.contains('>'), "unescaped markup in text: {text:?}");
    let mut decoded = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        let end = rest[at..].find(';').unwrap_or_else(|| panic!("a bare & in {text:?}")) + at;
        decoded.push_str(match &rest[at..=end] {
            "&amp;" => "&",
            "&lt;" => "<",
            "&gt;" => ">",
            "&quot;" => "\"",
            "&#39;" => "'",
            "&middot;" => "·",
            "&times;" => "×",
            other => panic!("unknown entity {other}"),
        });
        rest = &rest[end + 1..];
    }
    decoded.push_str(rest);
    decoded
}

fn parse_tag(tag: &str) -> (String, BTreeMap<String, String>) {
    let (name, mut rest) = tag.split_once(' ').unwrap_or((tag, ""));
    let mut attributes = BTreeMap::new();
    while !rest.trim().is_empty() {
        let (key, after) = rest.trim_start().split_once("=\"").unwrap_or_else(|| panic!("attribute in <{tag}>"));
        let (value, after) = after.split_once('"').unwrap();
        assert!(attributes.insert(key.to_string(), decode(value)).is_none(), "attribute {key} twice in <{tag}>");
        rest = after;
    }
    (name.to_string(), attributes)
}

/// Every element of `html`, in document order; panics unless it is well formed.
fn parse_html(html: &str) -> Vec<Element> {
    let body = html.strip_prefix("<!DOCTYPE html>\n").expect("a doctype");
    let mut elements: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            assert!(rest.trim().is_empty() && open.is_empty(), "text after the last element: {rest:?}");
            break;
        };
        let text = decode(&rest[..start]);
        for &index in &open {
            elements[index].text.push_str(&text);
        }
        let end = rest[start..].find('>').unwrap() + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let index = open.pop().unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(elements[index].name, name, "elements nest");
        } else {
            let (name, attributes) = parse_tag(tag);
            for &index in &open {
                elements[index].text.push(' ');
            }
            if name == "style" {
                // Raw text up to its end tag; the checks on it are in `self_contained`.
                let close = rest.find("</style>").unwrap();
                rest = &rest[close + "</style>".len()..];
                elements.push(Element { name, attributes, text: String::new() });
                continue;
            }
            let void = VOID.contains(&name.as_str());
            elements.push(Element { name, attributes, text: String::new() });
            if !void {
                open.push(elements.len() - 1);
            }
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    assert_eq!(elements[0].name, "html");
    elements
}

/// Nothing is fetched and nothing runs: no element that loads or runs
/// anything, no attribute that names a URL or a handler, no URL in the style.
fn self_contained(html: &str) {
    for element in parse_html(html) {
        let name = element.name.as_str();
        assert!(
            !["script", "link", "img", "iframe", "object", "embed", "base", "form", "svg"].contains(&name),
            "the document holds <{name}>"
        );
        for attribute in element.attributes.keys() {
            assert!(
                !["src", "href", "action", "style"].contains(&attribute.as_str()) && !attribute.starts_with("on"),
                "<{name}> has the attribute {attribute}"
            );
        }
    }
    let style = &html[html.find("<style>").unwrap() + "<style>".len()..html.find("</style>").unwrap()];
    assert!(!style.contains("url(") && !style.contains("@import") && !style.contains('<'), "the style fetches nothing");
    assert!(style.contains("@page") && style.contains("break-after: page"), "print CSS");
}

fn all<'a>(elements: &'a [Element], name: &str, class: &str) -> Vec<&'a Element> {
    elements.iter().filter(|element| element.name == name && (class.is_empty() || element.has_class(class))).collect()
}

fn one<'a>(elements: &'a [Element], name: &str, class: &str) -> &'a Element {
    let found = all(elements, name, class);
    assert_eq!(found.len(), 1, "one <{name} class={class:?}>");
    found[0]
}

// ---------------------------------------------------------------------------
// A ZPL reader: labels `^XA … ^XZ`, each command known, field data decoded.
// ---------------------------------------------------------------------------

const ZPL_COMMANDS: &[&str] = &["XA", "CI", "PW", "LL", "LH", "FO", "A0", "FH", "FD", "FS", "GB", "BY", "BC", "XZ"];

#[derive(Debug, Default)]
struct Label {
    /// The text of every field, hex escapes decoded, top to bottom.
    fields: Vec<String>,
    barcode: Option<String>,
}

impl Label {
    fn has(&self, text: &str) -> bool {
        self.fields.iter().any(|field| field == text)
    }
}

fn decode_hex(data: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = data.as_bytes();
    while let Some((&first, after)) = rest.split_first() {
        if first == b'_' {
            let hex = std::str::from_utf8(&after[..2]).unwrap();
            bytes.push(u8::from_str_radix(hex, 16).unwrap());
            rest = &after[2..];
        } else {
            bytes.push(first);
            rest = after;
        }
    }
    String::from_utf8(bytes).unwrap()
}

/// The labels of `zpl`; panics unless every command is one the renderer writes.
fn parse_zpl(zpl: &str) -> Vec<Label> {
    assert!(!zpl.contains('~'), "no tilde command and no tilde anywhere");
    assert!(zpl.is_ascii(), "text beyond ASCII is hex-escaped");
    let mut labels = Vec::new();
    let mut current: Option<Label> = None;
    let (mut hex, mut barcode) = (false, false);
    for command in zpl.split('^').skip(1) {
        let command = command.trim_end_matches('\n');
        let code = &command[..2];
        assert!(ZPL_COMMANDS.contains(&code), "unexpected command ^{command}");
        match code {
            "XA" => {
                assert!(current.is_none(), "^XA inside a label");
                current = Some(Label::default());
            }
            "XZ" => labels.push(current.take().expect("^XZ ends a label")),
            "FH" => hex = true,
            "BC" => barcode = true,
            "FD" => {
                let label = current.as_mut().expect("fields are inside a label");
                let data = &command[2..];
                if barcode {
                    label.barcode = Some(data.to_string());
                } else {
                    assert!(hex, "text fields are written with ^FH");
                    label.fields.push(decode_hex(data));
                }
            }
            "FS" => (hex, barcode) = (false, false),
            _ => {}
        }
    }
    assert!(current.is_none(), "the last label ends with ^XZ");
    labels
}

// ---------------------------------------------------------------------------
// The shop.
// ---------------------------------------------------------------------------

fn address(name: &str) -> Address {
    Address {
        name: name.into(),
        company: Some("Analytical Engines Ltd".into()),
        lines: vec!["12 St James's Square".into(), "Flat 3".into()],
        city: "London".into(),
        region: None,
        postal_code: Some("SW1Y 4JH".into()),
        country: "GB".into(),
        phone: Some("+44 20 7946 0000".into()),
    }
}

fn shipped_to(lines: Vec<LineInput>, name: &str, reference: &str) -> PlaceOrder {
    let mut command = order("web", lines);
    command.shipping_address = Some(address(name));
    command.shipping_method = Some("express".into());
    command.external_reference = Some(reference.into());
    command
}

fn create(oms: &Oms, order: &Order) -> Vec<Shipment> {
    oms.create_shipments(CreateShipments { order_id: order.id.clone(), idempotency_key: None }).unwrap()
}

fn parcel(weight_grams: i64) -> Parcel {
    Parcel { weight_grams, length_mm: 300, width_mm: 200, height_mm: 100 }
}

fn pack(oms: &Oms, id: &ShipmentId, parcels: Vec<Parcel>) {
    oms.start_picking(ShipmentStep { shipment_id: id.clone(), idempotency_key: None }).unwrap();
    oms.pack_shipment(PackShipment { shipment_id: id.clone(), parcels, idempotency_key: None }).unwrap();
}

fn ship(oms: &Oms, id: &ShipmentId, carrier: &str, tracking_number: &str) {
    let command = ShipShipment {
        shipment_id: id.clone(),
        carrier: carrier.into(),
        tracking_number: tracking_number.into(),
        idempotency_key: None,
    };
    oms.ship_shipment(command).unwrap();
}

fn shipment_id(text: &str) -> ShipmentId {
    ShipmentId::new(text).unwrap()
}

// ---------------------------------------------------------------------------
// The documents.
// ---------------------------------------------------------------------------

#[test]
fn the_pick_list_shows_each_sku_with_its_name_units_and_shipments_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let first = oms.place_order(shipped_to(vec![line("TEE-M", 2, "10.00")], "Ada", "A-1")).unwrap();
        let second =
            oms.place_order(shipped_to(vec![line("MUG", 1, "8.00"), line("TEE-M", 3, "10.00")], "Bo", "B-2")).unwrap();
        let (a, b) = (create(oms, &first).remove(0), create(oms, &second).remove(0));
        let html = oms.pick_list_document(&loc("wh-east")).unwrap();
        self_contained(&html);
        let elements = parse_html(&html);
        assert_eq!(all(&elements, "section", "page").len(), 1, "{backend}: one page");
        assert_eq!(one(&elements, "h1", "").words(), "Pick list: wh-east", "{backend}");
        assert_eq!(
            one(&elements, "p", "summary").words(),
            "Printed 2026-11-26 09:00 UTC · 2 shipments · 2 SKUs · 6 units",
            "{backend}: the clock's time, not the machine's"
        );
        let rows: Vec<String> = all(&elements, "tr", "").iter().skip(1).map(|row| row.words()).collect();
        assert_eq!(
            rows,
            [format!("MUG MUG product 1 {}", b.id), format!("TEE-M TEE-M product 5 {}, {}", a.id, b.id)],
            "{backend}: SKU order, name, units, shipments"
        );
        // A location with nothing open prints an empty list, and the list follows the shipments.
        let empty = parse_html(&oms.pick_list_document(&loc("wh-west")).unwrap());
        assert_eq!(one(&empty, "p", "empty").words(), "Nothing to pick: no open shipments here.", "{backend}");
        pack(oms, &a.id, vec![parcel(500)]);
        let after = parse_html(&oms.pick_list_document(&loc("wh-east")).unwrap());
        assert!(one(&after, "p", "summary").words().ends_with("1 shipment · 2 SKUs · 4 units"), "{backend}");
    }
}

#[test]
fn packing_slips_print_a_page_per_shipment_with_its_order_address_method_lines_and_parcels_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let mut shipments = Vec::new();
        for (index, name) in ["Ada Lovelace", "Charles Babbage", "Mary Somerville"].into_iter().enumerate() {
            let placed =
                oms.place_order(shipped_to(vec![line("MUG", 1, "8.00")], name, &format!("SHOP-{index}"))).unwrap();
            shipments.push((placed.clone(), create(oms, &placed).remove(0)));
        }
        pack(oms, &shipments[1].1.id, vec![parcel(1200), parcel(350)]);
        ship(oms, &shipments[1].1.id, "UPS", "1Z999AA10123456784");
        // The order asked for: the third, the first, the second.
        let ids: Vec<ShipmentId> = [2, 0, 1].iter().map(|&index| shipments[index].1.id.clone()).collect();
        let html = oms.packing_slips(&ids).unwrap();
        self_contained(&html);
        assert!(html.contains(".page:last-child { break-after: auto;"), "no blank sheet after the last");
        let elements = parse_html(&html);
        let pages = all(&elements, "section", "page");
        let on_pages: Vec<&str> = pages.iter().map(|page| page.attributes["data-shipment"].as_str()).collect();
        assert_eq!(
            on_pages,
            ids.iter().map(ShipmentId::as_str).collect::<Vec<_>>(),
            "{backend}: a page each, in order"
        );
        for (page, &index) in pages.iter().zip(&[2, 0, 1]) {
            let (placed, shipment) = &shipments[index];
            let text = page.words();
            for expected in [
                format!("Order {}", placed.id),
                format!("Reference SHOP-{index}"),
                "Ordered 2026-11-26".to_string(),
                format!("Shipment {}", shipment.id),
                "Ships from wh-east".to_string(),
                "Shipping method express".to_string(),
                "Analytical Engines Ltd 12 St James's Square Flat 3 London SW1Y 4JH GB Tel. +44 20 7946 0000".into(),
                "MUG MUG product 1".to_string(),
                "Total units 1".to_string(),
            ] {
                assert!(text.contains(&expected), "{backend}: {expected:?} on the page of {}: {text}", shipment.id);
            }
        }
        let addressed: Vec<String> = all(&elements, "address", "")
            .iter()
            .map(|address| address.words().split(" Analytical").next().unwrap().into())
            .collect();
        assert_eq!(addressed, ["Mary Somerville", "Ada Lovelace", "Charles Babbage"], "{backend}");
        assert_eq!(all(&elements, "table", "parcels").len(), 1, "{backend}: parcels once packed");
        let shipped = pages[2].words();
        assert!(shipped.contains("Carrier UPS Tracking number 1Z999AA10123456784"), "{backend}: {shipped}");
        assert!(shipped.contains("1 of 2 1.2 kg 300 × 200 × 100 2 of 2 0.35 kg"), "{backend}: {shipped}");
        assert!(!pages[0].words().contains("Carrier"), "{backend}: no carrier before shipping");
    }
}

#[test]
fn a_label_per_parcel_with_both_addresses_weight_ids_and_a_barcode_on_every_backend() {
    for backend in backends() {
        let shop = open(backend);
        let oms = &shop.oms;
        stocked(oms);
        let placed = oms.place_order(shipped_to(vec![line("TEE-M", 2, "10.00")], "Ada Lovelace", "SHOP-1001")).unwrap();
        let shipment = create(oms, &placed).remove(0);
        pack(oms, &shipment.id, vec![parcel(1200), parcel(2050)]);
        let labels = parse_zpl(&oms.shipping_label(&shipment.id).unwrap());
        assert_eq!(labels.len(), 2, "{backend}: one label per parcel");
        for (index, label) in labels.iter().enumerate() {
            for expected in [
                "FROM".to_string(),
                "wh-east".into(),
                "US-NY".into(),
                "SHIP TO".into(),
                "Ada Lovelace".into(),
                "12 St James's Square".into(),
                "London SW1Y 4JH".into(),
                "GB".into(),
                format!("ORDER {}", placed.id),
                "REF SHOP-1001".into(),
                format!("SHIPMENT {}", shipment.id),
                "METHOD express".into(),
                format!("PARCEL {} OF 2", index + 1),
            ] {
                assert!(label.has(&expected), "{backend}: {expected:?} on label {index}: {:?}", label.fields);
            }
            assert_eq!(
                label.barcode.as_deref(),
                Some(shipment.id.as_str()),
                "{backend}: the shipment id until tracked"
            );
            assert!(!label.fields.iter().any(|field| field.starts_with("TRACKING")), "{backend}");
        }
        assert!(labels[0].has("WEIGHT 1.2 KG  300 x 200 x 100 MM"), "{backend}: {:?}", labels[0].fields);
        assert!(labels[1].has("WEIGHT 2.05 KG  300 x 200 x 100 MM"), "{backend}: {:?}", labels[1].fields);
        ship(oms, &shipment.id, "UPS", "1Z999AA10123456784");
        let labels = parse_zpl(&oms.shipping_label(&shipment.id).unwrap());
        assert!(labels[1].has("CARRIER UPS") && labels[1].has("TRACKING 1Z999AA10123456784"), "{backend}");
        assert_eq!(labels[1].barcode.as_deref(), Some("1Z999AA10123456784"), "{backend}: the tracking number");
    }
}

#[test]
fn every_document_refuses_bad_input_with_a_stable_code() {
    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    let placed = oms.place_order(shipped_to(vec![line("MUG", 2, "8.00")], "Ada", "A-1")).unwrap();
    let shipment = create(oms, &placed).remove(0);
    let code = |result: Result<String>| {
        let error = result.unwrap_err();
        (error.code(), error.field().map(String::from))
    };
    assert_eq!(code(oms.pick_list_document(&loc("nowhere"))), ("location_not_found", None));
    assert_eq!(code(oms.packing_slips(&[])), ("invalid_input", Some("shipment_ids".into())));
    let too_many = vec![shipment.id.clone(); PACKING_SLIPS_MAX + 1];
    assert_eq!(code(oms.packing_slips(&too_many)), ("limit_exceeded", Some("shipment_ids".into())));
    let the_most = vec![shipment.id.clone(); PACKING_SLIPS_MAX];
    assert_eq!(all(&parse_html(&oms.packing_slips(&the_most).unwrap()), "section", "page").len(), PACKING_SLIPS_MAX);
    assert_eq!(code(oms.packing_slips(&[shipment.id.clone(), shipment_id("shp-404")])), ("shipment_not_found", None));
    assert_eq!(code(oms.shipping_label(&shipment_id("shp-404"))), ("shipment_not_found", None));
    // A label only once packed, and not after delivery or cancellation.
    assert_eq!(code(oms.shipping_label(&shipment.id)), ("illegal_transition", None), "pending");
    oms.start_picking(ShipmentStep { shipment_id: shipment.id.clone(), idempotency_key: None }).unwrap();
    let error = oms.shipping_label(&shipment.id).unwrap_err();
    assert_eq!(error.to_string(), "illegal transition: cannot print a shipping label from status picking shipment");
    oms.cancel_shipment(ShipmentStep { shipment_id: shipment.id.clone(), idempotency_key: None }).unwrap();
    assert_eq!(code(oms.shipping_label(&shipment.id)), ("illegal_transition", None), "cancelled");
    let again = create(oms, &placed).remove(0);
    pack(oms, &again.id, vec![parcel(100)]);
    ship(oms, &again.id, "DHL", "JD0001");
    oms.confirm_delivery(ShipmentStep { shipment_id: again.id.clone(), idempotency_key: None }).unwrap();
    assert_eq!(code(oms.shipping_label(&again.id)), ("illegal_transition", None), "delivered");
    // An order without a shipping address has a slip but no label.
    let bare = oms.place_order(order("web", vec![line("BOOK", 1, "5.00")])).unwrap();
    let unaddressed = create(oms, &bare).remove(0);
    pack(oms, &unaddressed.id, vec![parcel(100)]);
    assert_eq!(code(oms.shipping_label(&unaddressed.id)), ("rejected", None));
    let slip = parse_html(&oms.packing_slips(std::slice::from_ref(&unaddressed.id)).unwrap());
    assert!(one(&slip, "div", "ship-to").words().contains("No shipping address on the order."));
    assert_sound(oms);
}

#[test]
fn user_text_is_escaped_in_html() {
    assert_eq!(escape_html("<script>alert(\"x\")</script>"), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    assert_eq!(escape_html("Tom & Jerry's"), "Tom &amp; Jerry&#39;s");
    assert_eq!(escape_html("&amp;"), "&amp;amp;", "escaped once more, never taken as already escaped");
    assert_eq!(escape_html("plain 123 é"), "plain 123 é");

    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    let product = "<script>alert('name')</script> & \"Co\"";
    oms.upsert_product(UpsertProduct::new(sku("MUG"), product)).unwrap();
    let hostile = "<img src=x onerror=alert(1)>";
    let mut command = shipped_to(vec![line("MUG", 1, "8.00")], hostile, "\"><script>alert(2)</script>");
    command.shipping_method = Some("a' onclick='x".into());
    let placed = oms.place_order(command).unwrap();
    let shipment = create(oms, &placed).remove(0);
    for html in [
        oms.pick_list_document(&loc("wh-east")).unwrap(),
        oms.packing_slips(std::slice::from_ref(&shipment.id)).unwrap(),
    ] {
        self_contained(&html);
        let text = parse_html(&html)[0].words();
        assert!(text.contains(product), "the name reads as written: {text}");
    }
    let slip = parse_html(&oms.packing_slips(std::slice::from_ref(&shipment.id)).unwrap());
    assert!(one(&slip, "address", "").words().starts_with(hostile));
    assert_eq!(one(&slip, "dd", "reference").words(), "\"><script>alert(2)</script>");
    assert_eq!(one(&slip, "dd", "shipping-method").words(), "a' onclick='x");
    assert_eq!(one(&slip, "td", "name").words(), product);
}

#[test]
fn user_text_cannot_inject_zpl_commands() {
    assert_eq!(zpl_field("a^b~c_d é"), "^FH^FDa_5Eb_7Ec_5Fd _C3_A9^FS");
    assert_eq!(zpl_field("^XZ^XA"), "^FH^FD_5EXZ_5EXA^FS");
    assert_eq!(zpl_field(""), "^FH^FD^FS");

    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    let hostile = "Eve^FS^XZ^XA^FDowned~JA";
    let mut address = address(hostile);
    address.lines = vec!["~JR reset_all".into(), "Straße 5 ^PQ99".into()];
    let mut command = shipped_to(vec![line("MUG", 1, "8.00")], "x", "REF^XZ");
    command.shipping_address = Some(address);
    command.shipping_method = Some("next~day".into());
    let placed = oms.place_order(command).unwrap();
    let shipment = create(oms, &placed).remove(0);
    pack(oms, &shipment.id, vec![parcel(900)]);
    ship(oms, &shipment.id, "Car^rier", "TRK^XZ~JA");
    let zpl = oms.shipping_label(&shipment.id).unwrap();
    assert_eq!(zpl.matches("^XA").count(), 1);
    assert_eq!(zpl.matches("^XZ").count(), 1);
    let labels = parse_zpl(&zpl);
    let label = &labels[0];
    for expected in [
        hostile,
        "~JR reset_all",
        "Straße 5 ^PQ99",
        "REF REF^XZ",
        "METHOD next~day",
        "CARRIER Car^rier",
        "TRACKING TRK^XZ~JA",
    ] {
        assert!(label.has(expected), "{expected:?} prints as written: {:?}", label.fields);
    }
    assert_eq!(
        label.barcode.as_deref(),
        Some(shipment.id.as_str()),
        "a tracking number ZPL could misread is not encoded"
    );
}

#[test]
fn a_hundred_line_shipment_with_a_hundred_parcels_and_the_longest_text_renders() {
    let shop = open("memory");
    let oms = &shop.oms;
    stocked(oms);
    let long = "W".repeat(TEXT_LENGTH_MAX);
    let mut lines = Vec::new();
    for index in 0..100 {
        let code = format!("SKU-{index:03}");
        oms.upsert_product(UpsertProduct::new(sku(&code), format!("{long:.190} {index:03}"))).unwrap();
        oms.receive_stock(ReceiveStock {
            sku: sku(&code),
            location: loc("wh-east"),
            quantity: 5,
            idempotency_key: None,
        })
        .unwrap();
        lines.push(line(&code, 2, "1.00"));
    }
    let mut command = shipped_to(lines, &long, "R");
    command.shipping_address.as_mut().unwrap().lines = vec![long.clone(), long.clone(), long.clone()];
    let placed = oms.place_order(command).unwrap();
    let shipment = create(oms, &placed).remove(0);
    assert_eq!(shipment.lines.len(), 100);

    let pick = parse_html(&oms.pick_list_document(&loc("wh-east")).unwrap());
    assert_eq!(all(&pick, "tr", "").len(), 101, "a heading and a row per SKU");
    let sku_cells: Vec<String> = all(&pick, "td", "sku").iter().map(|cell| cell.words()).collect();
    let mut sorted = sku_cells.clone();
    sorted.sort();
    assert_eq!(sku_cells, sorted, "in SKU order");

    pack(oms, &shipment.id, vec![parcel(250); 100]);
    let html = oms.packing_slips(std::slice::from_ref(&shipment.id)).unwrap();
    let slip = parse_html(&html);
    assert_eq!(all(&slip, "section", "page").len(), 1);
    assert_eq!(all(&slip, "td", "name").len(), 100);
    assert!(one(&slip, "tfoot", "").words().contains("Total units 200"));
    assert_eq!(all(&slip, "tr", "").len(), 1 + 100 + 1 + 1 + 100, "lines, total, parcels");

    let labels = parse_zpl(&oms.shipping_label(&shipment.id).unwrap());
    assert_eq!(labels.len(), 100);
    assert!(labels[99].has("PARCEL 100 OF 100"));
    for field in labels.iter().flat_map(|label| &label.fields) {
        assert!(field.chars().count() <= 50, "a field fits the label: {field}");
    }
    let name = labels[0].fields.iter().find(|field| field.starts_with('W')).unwrap();
    assert_eq!(name, &format!("{}...", "W".repeat(25)), "cut to the label's width, the cut marked");
    assert_eq!(labels[0].barcode.as_deref(), Some(shipment.id.as_str()));

    // A tracking number too long for a barcode on the label: the shipment id is encoded instead.
    ship(oms, &shipment.id, &long, &"9".repeat(TEXT_LENGTH_MAX));
    let labels = parse_zpl(&oms.shipping_label(&shipment.id).unwrap());
    assert_eq!(labels[0].barcode.as_deref(), Some(shipment.id.as_str()));
    assert!(labels[0].has(&format!("TRACKING {}...", "9".repeat(28))), "{:?}", labels[0].fields);
}
