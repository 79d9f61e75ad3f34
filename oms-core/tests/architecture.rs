//! ARCHITECTURE.md shows the status graphs as generated from the transition
//! tables; this test fails when the document and the tables disagree.
//! `OMS_WRITE_DOCS=1 cargo test -p oms-core --test architecture` rewrites
//! the generated blocks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use oms_core::{ORDER_TRANSITIONS, PAYMENT_TRANSITIONS, SHIPMENT_TRANSITIONS, TRANSFER_TRANSITIONS};

fn mermaid<S: std::fmt::Display>(name: &str, edges: &[(S, S)]) -> String {
    let mut text = format!("<!-- generated: {name} -->\n```mermaid\nstateDiagram-v2\n");
    for (from, to) in edges {
        text.push_str(&format!("    {from} --> {to}\n"));
    }
    text.push_str(&format!("```\n<!-- end: {name} -->\n"));
    text
}

fn replace_block(document: &str, block: &str, name: &str) -> String {
    let start = document.find(&format!("<!-- generated: {name} -->")).expect("the document has the block");
    let end_marker = format!("<!-- end: {name} -->\n");
    let end = document[start..].find(&end_marker).expect("the block ends") + start + end_marker.len();
    format!("{}{block}{}", &document[..start], &document[end..])
}

#[test]
fn the_status_graphs_in_architecture_md_are_the_transition_tables() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ARCHITECTURE.md");
    let document = std::fs::read_to_string(&path).unwrap();
    let blocks = [
        ("order status", mermaid("order status", ORDER_TRANSITIONS)),
        ("transfer status", mermaid("transfer status", TRANSFER_TRANSITIONS)),
        ("shipment status", mermaid("shipment status", SHIPMENT_TRANSITIONS)),
        ("payment status", mermaid("payment status", PAYMENT_TRANSITIONS)),
    ];
    let mut expected = document.clone();
    for (name, block) in &blocks {
        expected = replace_block(&expected, block, name);
    }
    if std::env::var("OMS_WRITE_DOCS").is_ok_and(|value| value == "1") {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    assert!(
        document == expected,
        "ARCHITECTURE.md is stale: run OMS_WRITE_DOCS=1 cargo test -p oms-core --test architecture"
    );
}
