//! The operation table (`oms_core::OPERATIONS`) against the code and the docs.
//!
//! - Every `pub fn` in an `impl Oms` block under `src/app/` is a row, and
//!   every row is such a method, with the argument and result types the
//!   method declares; a row marked `write` runs through `Oms::execute`, a
//!   `read` row does not.
//! - The operations section of `docs/API.md` is generated from the table:
//!   this test fails when the committed file differs, and
//!   `OMS_WRITE_DOCS=1 cargo test -p oms-core --test operations` rewrites it.
//!
//! The methods are read from the source text, which `cargo fmt` keeps in one
//! shape: `impl Oms {` and its closing `}` at the start of a line, methods
//! indented by four spaces.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use oms_core::{Operation, OperationKind, OPERATIONS};

/// A public method of `Oms` as its source declares it.
#[derive(Debug)]
struct Method {
    file: PathBuf,
    arguments: String,
    result: String,
    body: String,
}

fn rust_files(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

/// Splits `text` at the commas outside brackets.
fn split_top_level(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0_i32;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' if !current.ends_with('-') => depth -= 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current.trim().to_string());
    parts.into_iter().filter(|part| !part.is_empty()).collect()
}

/// `pub fn name(&self, a: A, b: B) -> Result<R> {` → (name, "A, B", "R").
fn parse_signature(signature: &str) -> (String, String, String) {
    let rest = signature.trim().strip_prefix("pub fn ").unwrap();
    let open = rest.find('(').unwrap();
    let name = rest[..open].to_string();
    assert!(!name.contains('<'), "{name}: a generic method needs this parser taught");
    let mut depth = 0;
    let close = rest
        .char_indices()
        .skip(open)
        .find(|&(_, c)| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            depth == 0
        })
        .unwrap()
        .0;
    let arguments: Vec<String> = split_top_level(&rest[open + 1..close])
        .into_iter()
        .filter(|parameter| !matches!(parameter.as_str(), "&self" | "&mut self" | "self" | "mut self"))
        .map(|parameter| parameter.split_once(": ").unwrap().1.to_string())
        .collect();
    let tail = rest[close + 1..].trim().trim_end_matches('{').trim();
    let result = match tail.strip_prefix("->") {
        None => "()".to_string(),
        Some(result) => {
            let result = result.trim();
            match result.strip_prefix("Result<") {
                Some(inner) => inner.strip_suffix('>').unwrap().to_string(),
                None => result.to_string(),
            }
        }
    };
    (name, arguments.join(", "), result)
}

/// Every `pub fn` of an `impl Oms` block in `src/app/`, by name.
fn oms_methods() -> BTreeMap<String, Method> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app"), &mut files);
    files.sort();
    let mut methods = BTreeMap::new();
    let crate_root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for path in files {
        let file = path.strip_prefix(crate_root).unwrap().to_path_buf();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line != "impl Oms {" {
                continue;
            }
            // Inside the block until its closing brace.
            let mut current: Option<(String, Method)> = None;
            while let Some(line) = lines.next() {
                if line == "}" {
                    break;
                }
                if let Some((_, method)) = current.as_mut() {
                    if line == "    }" {
                        let (name, method) = current.take().unwrap();
                        assert!(methods.insert(name.clone(), method).is_none(), "two methods named {name}");
                    } else {
                        method.body.push_str(line);
                        method.body.push('\n');
                    }
                    continue;
                }
                if line.starts_with("    pub fn ") {
                    let mut signature = line.trim().to_string();
                    while !signature.ends_with('{') {
                        let next = lines.next().expect("the signature ends");
                        signature.push(' ');
                        signature.push_str(next.trim());
                    }
                    let (name, arguments, result) = parse_signature(&signature.replace("( ", "(").replace(", )", ")"));
                    let method = Method { file: file.clone(), arguments, result, body: String::new() };
                    current = Some((name, method));
                }
            }
        }
    }
    methods
}

#[test]
fn the_signature_reader_reads_what_rustfmt_writes() {
    assert_eq!(
        parse_signature(
            "pub fn movements(&self, sku: &Sku, after: u64, limit: Option<usize>) -> Result<Vec<Movement>> {"
        ),
        ("movements".to_string(), "&Sku, u64, Option<usize>".to_string(), "Vec<Movement>".to_string())
    );
    assert_eq!(
        parse_signature("pub fn new(store: impl Store + 'static, clock: Arc<dyn Clock>) -> Oms {"),
        ("new".to_string(), "impl Store + 'static, Arc<dyn Clock>".to_string(), "Oms".to_string())
    );
    assert_eq!(
        parse_signature("pub fn counts(&self) -> Result<Vec<(OrderStatus, u64)>> {"),
        ("counts".to_string(), String::new(), "Vec<(OrderStatus, u64)>".to_string())
    );
    assert_eq!(parse_signature("pub fn reset(&mut self) {"), ("reset".to_string(), String::new(), "()".to_string()));
}

#[test]
fn every_public_method_of_oms_is_a_row_and_every_row_a_method() {
    let methods = oms_methods();
    assert!(methods.len() >= 40, "the source reader found only {:?}", methods.keys());
    let in_code: BTreeSet<&str> = methods.keys().map(String::as_str).collect();
    let in_table: BTreeSet<&str> = OPERATIONS.iter().map(|operation| operation.name).collect();
    let missing: Vec<String> =
        in_code.difference(&in_table).map(|name| format!("{name} ({})", methods[*name].file.display())).collect();
    let without_method: Vec<&&str> = in_table.difference(&in_code).collect();
    assert!(
        missing.is_empty() && without_method.is_empty(),
        "methods of Oms missing from OPERATIONS (oms-core/src/app/operations.rs): {missing:?}; \
         rows of OPERATIONS that name no method of Oms: {without_method:?}"
    );
}

#[test]
fn every_row_has_the_types_its_method_declares() {
    let methods = oms_methods();
    for operation in OPERATIONS {
        let Some(method) = methods.get(operation.name) else { continue };
        assert_eq!(
            (operation.arguments, operation.result),
            (method.arguments.as_str(), method.result.as_str()),
            "the row of {} says (arguments, result) = left; {} declares right",
            operation.name,
            method.file.display()
        );
    }
}

#[test]
fn writes_run_in_a_write_transaction_and_reads_do_not() {
    let methods = oms_methods();
    for operation in OPERATIONS.iter().filter(|operation| operation.kind.is_bound()) {
        let Some(method) = methods.get(operation.name) else { continue };
        let writes = method.body.contains("self.execute");
        assert_eq!(
            operation.kind == OperationKind::Write,
            writes,
            "{} is marked {} but its body {} Oms::execute",
            operation.name,
            operation.kind,
            if writes { "calls" } else { "never calls" }
        );
    }
}

#[test]
fn rows_are_well_formed() {
    let mut names = BTreeSet::new();
    for operation in OPERATIONS {
        assert!(names.insert(operation.name), "{} has two rows", operation.name);
        assert!(
            operation.name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{} is not snake_case",
            operation.name
        );
        assert!(
            !operation.doc.is_empty() && !operation.doc.contains('\n') && operation.doc.ends_with('.'),
            "{}: the doc is one sentence on one line",
            operation.name
        );
        if !operation.kind.is_bound() {
            assert_eq!(
                (operation.python_parameters, operation.node_parameters),
                ("", ""),
                "{}: no binding offers it as a storage call, so it has no binding signature",
                operation.name
            );
        }
    }
    let place_order = Operation::named("place_order").unwrap();
    assert_eq!((place_order.node_name(), place_order.node_sync_name()), ("placeOrder".into(), "placeOrderSync".into()));
    assert_eq!(Operation::named("audit").unwrap().node_name(), "audit");
    assert_eq!(Operation::named("no_such_operation"), None);
}

/// A Markdown table row; a `|` inside a cell is escaped.
fn row(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|cell| cell.replace('|', "\\|")).collect();
    format!("| {} |\n", cells.join(" | "))
}

/// The operations section of docs/API.md, between its markers.
fn api_block() -> String {
    let bound: Vec<&Operation> = OPERATIONS.iter().filter(|operation| operation.kind.is_bound()).collect();
    let others: Vec<&Operation> = OPERATIONS.iter().filter(|operation| !operation.kind.is_bound()).collect();
    let mut text = String::from("<!-- generated: operations -->\n");
    text.push_str(&format!(
        "{} operations in every language; {} more in Rust, which the bindings offer in their own form or not at all.\n\n",
        bound.len(),
        others.len()
    ));
    text.push_str("| Rust (`Oms::…`) | Python (`Oms.…`, `AsyncOms.…`) | Node (`Oms.…`, `Oms.…Sync`) | kind | Rust result | what it does |\n");
    text.push_str("|---|---|---|---|---|---|\n");
    for operation in bound {
        text.push_str(&row(&[
            format!("`{}({})`", operation.name, operation.arguments),
            format!("`{}({})`", operation.name, operation.python_parameters),
            format!("`{}({})`, `{}`", operation.node_name(), operation.node_parameters, operation.node_sync_name()),
            operation.kind.to_string(),
            format!("`{}`", operation.result),
            operation.doc.to_string(),
        ]));
    }
    text.push_str(
        "\n| Rust (`Oms::…`): constructors and Rust only | kind | Rust result | what it does |\n|---|---|---|---|\n",
    );
    for operation in others {
        text.push_str(&row(&[
            format!("`{}({})`", operation.name, operation.arguments),
            operation.kind.to_string(),
            format!("`{}`", operation.result),
            operation.doc.to_string(),
        ]));
    }
    text.push_str("<!-- end: operations -->\n");
    text
}

#[test]
fn the_operations_in_api_md_are_the_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/API.md");
    let document = std::fs::read_to_string(&path).unwrap();
    let start = document.find("<!-- generated: operations -->").expect("docs/API.md has the generated block");
    let end_marker = "<!-- end: operations -->\n";
    let end = document[start..].find(end_marker).expect("the block ends") + start + end_marker.len();
    let expected = format!("{}{}{}", &document[..start], api_block(), &document[end..]);
    if std::env::var("OMS_WRITE_DOCS").is_ok_and(|value| value == "1") {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    assert!(
        document == expected,
        "docs/API.md is stale: run OMS_WRITE_DOCS=1 cargo test -p oms-core --test operations"
    );
}
