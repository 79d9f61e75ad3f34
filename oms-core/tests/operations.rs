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

/// A parameter of a row (its type is not exported by name).
type Parameter = <Operation as std::ops::Index<usize>>::Output;

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
        "methods of Oms missing from OPERATIONS (oms-core/src/app/operations/table.rs): {missing:?}; \
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
            assert!(
                operation.parameters.is_empty() && operation.node_input.is_empty(),
                "{}: no binding offers it as a storage call, so it has no binding parameters",
                operation.name
            );
        }
        assert_eq!(
            operation.node_input.is_empty(),
            operation.keywords().next().is_none(),
            "{}: an options object in Node has an interface name, and only then",
            operation.name
        );
        let mut keyword = false;
        for parameter in operation.parameters {
            assert!(!(keyword && parameter.positional), "{}: positional parameters come first", operation.name);
            keyword |= !parameter.positional;
            assert!(known_type(parameter.ty), "{}.{}: unknown type {}", operation.name, parameter.name, parameter.ty);
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
            format!("`{}({})`", operation.name, operation.python_parameters()),
            format!("`{}({})`, `{}`", operation.node_name(), operation.node_parameters(), operation.node_sync_name()),
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
    check_generated(
        "docs/API.md",
        Some(("<!-- generated: operations -->", "<!-- end: operations -->\n")),
        &api_block(),
    );
}

// ---------------------------------------------------------------------------
// The bindings generated from the table.
//
// `OMS_WRITE_DOCS=1 cargo test -p oms-core --test operations` writes every
// generated file (or the generated part of a file, between its markers); without
// it the tests below fail when a committed file differs from what the table gives.
// ---------------------------------------------------------------------------

const REGENERATE: &str = "OMS_WRITE_DOCS=1 cargo test -p oms-core --test operations";

/// Compares (or, with `OMS_WRITE_DOCS=1`, writes) the generated `text` of the
/// file at `relative` (from the repository root): the whole file, or the part
/// from the start marker to the end marker, both included.
fn check_generated(relative: &str, markers: Option<(&str, &str)>, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(relative);
    let document = std::fs::read_to_string(&path).unwrap_or_default();
    let expected = match markers {
        None => text.to_string(),
        Some((start_marker, end_marker)) => {
            let start = document.find(start_marker).unwrap_or_else(|| panic!("{relative} has no {start_marker:?}"));
            let end = document[start..].find(end_marker).unwrap_or_else(|| panic!("{relative}: the block ends"))
                + start
                + end_marker.len();
            format!("{}{}{}", &document[..start], text, &document[end..])
        }
    };
    if std::env::var("OMS_WRITE_DOCS").is_ok_and(|value| value == "1") {
        if document != expected {
            std::fs::write(&path, &expected).unwrap();
        }
        return;
    }
    assert!(document == expected, "{relative} is stale (generated from oms_core::OPERATIONS): run {REGENERATE}");
}

fn is_integer(ty: &str) -> bool {
    Operation::INTEGER_RULES.contains(&ty)
}

fn known_type(ty: &str) -> bool {
    let element = ty.strip_prefix('[').and_then(|rest| rest.strip_suffix(']'));
    match element {
        Some(element) => known_type(element) || Operation::RECORDS.iter().any(|record| record.name == element),
        None => {
            ty == "Amount"
                || ty == "Flag"
                || ty == "{TaxClass: Amount}"
                || ty == "{Text: Text}"
                || Operation::RECORDS.iter().any(|record| record.name == ty)
                || is_integer(ty)
                || Operation::TEXT_TYPES.contains(&ty)
        }
    }
}

/// `place_order` → `PlaceOrder`.
fn pascal_case(name: &str) -> String {
    name.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

/// `OrderLine` → `ORDER_LINE`, `place_order` → `PLACE_ORDER`.
fn screaming(name: &str) -> String {
    let mut text = String::new();
    for (index, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && index > 0 {
            text.push('_');
        }
        text.push(c.to_ascii_uppercase());
    }
    text
}

/// The binding's `Kind` for a parameter type.
fn kind(ty: &str) -> String {
    if let Some(element) = ty.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
        return match Operation::RECORDS.iter().find(|record| record.name == element) {
            Some(record) => format!("Kind::List(&Kind::Record({}))", screaming(record.name)),
            None => format!("Kind::List(&Kind::{element})"),
        };
    }
    if let Some(record) = Operation::RECORDS.iter().find(|record| record.name == ty) {
        return format!("Kind::Record({})", screaming(record.name));
    }
    match ty {
        "{TaxClass: Amount}" => "Kind::Rates".into(),
        "{Text: Text}" => "Kind::Labels".into(),
        // Any text: the core checks the name when the channel is used.
        "Strategy" => "Kind::Text".into(),
        ty => format!("Kind::{ty}"),
    }
}

/// A parameter as a binding's schema field; `key` is its name in that language.
fn field(parameter: &Parameter, key: &str) -> String {
    let default = match parameter.default {
        Some(text) if text.starts_with('\'') => format!("Some({:?})", text.trim_matches('\'')),
        _ => "None".into(),
    };
    format!(
        "Field {{ key: {key:?}, field: {:?}, kind: {}, required: {}, positional: {}, default: {default}, read_max: {} }}",
        parameter.command_field(),
        kind(parameter.ty),
        !parameter.is_optional(),
        parameter.positional,
        parameter.read_max
    )
}

/// The schema constants of a binding: the records, then one per operation.
fn schemas(python: bool) -> String {
    let key = |parameter: &Parameter| {
        if python {
            parameter.name.to_string()
        } else {
            parameter.js_name()
        }
    };
    let mut text = String::new();
    for record in Operation::RECORDS {
        text.push_str(&format!(
            "\n/// The keys of one `{}`.\npub(crate) const {}: &[Field] = &[\n",
            record.name,
            screaming(record.name)
        ));
        for parameter in record.fields {
            text.push_str(&format!("    {},\n", field(parameter, &key(parameter))));
        }
        text.push_str("];\n");
    }
    for operation in bound() {
        if operation.parameters.is_empty() {
            continue;
        }
        text.push_str(&format!(
            "\n/// The parameters of `{}`.\npub(crate) const {}: &[Field] = &[\n",
            operation.name,
            screaming(operation.name)
        ));
        for parameter in operation.parameters {
            text.push_str(&format!("    {},\n", field(parameter, &key(parameter))));
        }
        text.push_str("];\n");
    }
    text
}

fn bound() -> impl Iterator<Item = &'static Operation> {
    OPERATIONS.iter().filter(|operation| operation.kind.is_bound())
}

/// How a binding calls the core with what it read.
enum Call {
    /// No parameters: the core method takes none.
    Bare,
    /// The parameters are the fields of one command or query (`by_reference` for `&OrderQuery`).
    Command { ty: String, by_reference: bool },
    /// The parameters are read into a generated struct, whose fields are the method's arguments.
    Arguments { fields: Vec<(String, String, bool)>, call: Vec<String> },
}

fn call(operation: &Operation) -> Call {
    let arguments = split_top_level(operation.arguments);
    if operation.parameters.is_empty() {
        assert!(
            arguments.is_empty(),
            "{}: the core method takes arguments the row has no parameters for",
            operation.name
        );
        return Call::Bare;
    }
    if let [single] = arguments.as_slice() {
        let base = single.trim_start_matches('&');
        if !Operation::TEXT_TYPES.contains(&base)
            && base.starts_with(|c: char| c.is_ascii_uppercase())
            && !base.contains('<')
        {
            return Call::Command { ty: format!("oms_core::{base}"), by_reference: single.starts_with('&') };
        }
    }
    // Each argument from one parameter: identifiers by their type, the rest in order.
    let mut unused: Vec<&Parameter> = operation.parameters.iter().collect();
    let mut fields = Vec::new();
    let mut call = Vec::new();
    for argument in &arguments {
        let optional = argument.starts_with("Option<");
        let inner = argument.strip_prefix("Option<").and_then(|rest| rest.strip_suffix('>')).unwrap_or(argument);
        let reference = inner.starts_with('&');
        let base = inner.trim_start_matches('&');
        // A slice of identifiers (`&[ShipmentId]`) is read as a `Vec` from the list parameter of its type.
        let element = base.strip_prefix('[').and_then(|rest| rest.strip_suffix(']'));
        let position = if base == "str" {
            unused.iter().position(|parameter| parameter.ty == "Text")
        } else if Operation::TEXT_TYPES.contains(&base) || element.is_some_and(|ty| Operation::TEXT_TYPES.contains(&ty))
        {
            unused.iter().position(|parameter| parameter.ty == base)
        } else {
            unused.iter().position(|parameter| is_integer(parameter.ty))
        };
        let parameter =
            unused.remove(position.unwrap_or_else(|| panic!("{}: no parameter for {argument}", operation.name)));
        let owned = match (base, element) {
            ("str", _) => "String".to_string(),
            (_, Some(element)) => format!("Vec<oms_core::{element}>"),
            (base, None) if Operation::TEXT_TYPES.contains(&base) => format!("oms_core::{base}"),
            (base, None) => base.to_string(),
        };
        let ty = if optional { format!("Option<{owned}>") } else { owned };
        let defaulted = !optional && parameter.is_optional();
        if defaulted {
            assert_eq!(
                parameter.default,
                Some("0"),
                "{}.{}: a default the core type's own",
                operation.name,
                parameter.name
            );
        }
        fields.push((parameter.name.to_string(), ty, defaulted));
        call.push(match (optional, reference, base) {
            (true, true, "str") => format!("arguments.{}.as_deref()", parameter.name),
            (true, true, _) => format!("arguments.{}.as_ref()", parameter.name),
            (false, true, _) => format!("&arguments.{}", parameter.name),
            _ => format!("arguments.{}", parameter.name),
        });
    }
    assert!(unused.is_empty(), "{}: parameters the core method does not take: {unused:?}", operation.name);
    Call::Arguments { fields, call }
}

/// The generated argument structs (for operations whose core method takes separate arguments).
fn argument_structs() -> String {
    let mut text = String::new();
    for operation in bound() {
        if let Call::Arguments { fields, .. } = call(operation) {
            text.push_str(&format!(
                "\n/// The arguments of `Oms::{}`.\n#[derive(Deserialize)]\npub(crate) struct {}Arguments {{\n",
                operation.name,
                pascal_case(operation.name)
            ));
            for (name, ty, defaulted) in fields {
                if defaulted {
                    text.push_str("    #[serde(default)]\n");
                }
                text.push_str(&format!("    pub(crate) {name}: {ty},\n"));
            }
            text.push_str("}\n");
        }
    }
    text
}

/// What a binding reads, and the core call on it: (the type read, the call's arguments).
fn read_and_call(operation: &Operation) -> (String, String) {
    match call(operation) {
        Call::Bare => (String::new(), String::new()),
        Call::Command { ty, by_reference } => (ty, if by_reference { "&arguments".into() } else { "arguments".into() }),
        Call::Arguments { call, .. } => {
            (format!("crate::generated::{}Arguments", pascal_case(operation.name)), call.join(", "))
        }
    }
}

/// `Vec<(OrderStatus, u64)>` → `Vec<(oms_core::OrderStatus, u64)>`.
fn qualified(rust: &str) -> String {
    let mut text = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, text: &mut String| {
        if word.starts_with(|c: char| c.is_ascii_uppercase()) && !matches!(word.as_str(), "Vec" | "Option" | "String") {
            text.push_str("oms_core::");
        }
        text.push_str(word);
        word.clear();
    };
    for c in rust.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut text);
            text.push(c);
        }
    }
    flush(&mut word, &mut text);
    text
}

const MACRO_END: &str = "        }\n    };\n}\npub(crate) use operations;\n";

const HEADER: &str = "@generated from the operation table (oms_core::OPERATIONS) by oms-core/tests/operations.rs";

/// The head both bindings' `generated.rs` share: the header, the schemas,
/// the argument structs and the opening of `operations!`. `methods` says
/// what the methods are and where they are expanded (`file`).
fn methods_file_head(python: bool, methods: &str, file: &str) -> String {
    let mut text = format!(
        "//! {HEADER}:\n//! do not edit; change the table and run `{REGENERATE}`.\n//!\n\
         //! The schemas the reader (`crate::read`) follows, the argument structs of\n\
         //! core methods that take separate arguments, and [`operations!`], the\n\
         {methods}\n\n\
         use serde::Deserialize;\n\n\
         use crate::schema::{{Field, Kind}};\n"
    );
    text.push_str(&schemas(python));
    text.push_str(&argument_structs());
    text.push_str(&format!(
        "\n/// Hands the generated methods to `$callback!` (in `{file}`), where they are expanded.\n\
         macro_rules! operations {{\n    ($callback:ident) => {{\n        $callback! {{\n",
    ));
    text
}

fn python_methods() -> String {
    let mut text = methods_file_head(
        true,
        "//! methods of `oms.Oms` for every read and write operation, which\n\
         //! `service.rs` expands into its `#[pymethods]` block.",
        "service.rs",
    );
    let mut first = true;
    for operation in bound() {
        if !first {
            text.push('\n');
        }
        first = false;
        let mut signature: Vec<String> = operation
            .positional()
            .map(|parameter| {
                if parameter.is_optional() {
                    format!("{} = None", parameter.name)
                } else {
                    parameter.name.to_string()
                }
            })
            .collect();
        if operation.keywords().next().is_some() {
            signature.push("*".into());
            signature.extend(operation.keywords().map(|parameter| {
                if parameter.is_optional() {
                    format!("{} = None", parameter.name)
                } else {
                    parameter.name.to_string()
                }
            }));
        }
        let text_signature = match operation.python_parameters().as_str() {
            "" => "(self)".to_string(),
            parameters => format!("(self, {parameters})"),
        };
        text.push_str(&format!("    #[doc = {:?}]\n", format!(" {}", operation.doc)));
        text.push_str(&format!(
            "    #[pyo3(signature = ({}), text_signature = {text_signature:?})]\n",
            signature.join(", ")
        ));
        if operation.parameters.len() > 5 {
            text.push_str("    #[allow(clippy::too_many_arguments)]\n");
        }
        let mut parameters = String::new();
        for parameter in operation.parameters {
            let ty = if parameter.is_optional() { "OptionalInput<'_, '_>" } else { "Input<'_, '_>" };
            parameters.push_str(&format!(", {}: {ty}", parameter.name));
        }
        text.push_str(&format!(
            "    fn {}(&self, py: Python<'_>{parameters}) -> PyResult<PyObject> {{\n",
            operation.name
        ));
        let (read_type, call) = read_and_call(operation);
        if read_type.is_empty() {
            text.push_str(&format!(
                "        crate::output::Output::output(self.run(py, || Ok(()), |oms, ()| oms.{}())?, py)\n",
                operation.name
            ));
        } else {
            let values: Vec<String> = operation
                .parameters
                .iter()
                .map(|parameter| {
                    if parameter.is_optional() {
                        parameter.name.to_string()
                    } else {
                        format!("Some({})", parameter.name)
                    }
                })
                .collect();
            text.push_str(&format!(
                "        let read = || crate::read::command::<{read_type}>(crate::generated::{}, &[{}]);\n",
                screaming(operation.name),
                values.join(", ")
            ));
            text.push_str(&format!(
                "        crate::output::Output::output(self.run(py, read, |oms, arguments| oms.{}({call}))?, py)\n",
                operation.name
            ));
        }
        text.push_str("    }\n");
    }
    text.push_str(MACRO_END);
    text
}

fn node_methods() -> String {
    let mut text = methods_file_head(
        false,
        "//! methods of `Oms` for every read and write operation (a Promise method\n\
         //! and its `…Sync` twin each), which `lib.rs` expands into its `#[napi]` block.",
        "lib.rs",
    );
    let mut first = true;
    for operation in bound() {
        if !first {
            text.push('\n');
        }
        first = false;
        let mut parameters = String::new();
        let mut positional = Vec::new();
        for parameter in operation.positional() {
            let ty = if parameter.is_optional() { "Option<Js>" } else { "Js" };
            parameters.push_str(&format!(", {}: {ty}", parameter.name));
            positional.push(if parameter.is_optional() {
                parameter.name.to_string()
            } else {
                format!("Some({})", parameter.name)
            });
        }
        let options = if operation.keywords().next().is_some() {
            let name = operation.node_options_name();
            let optional = operation.keywords().all(|parameter| parameter.is_optional());
            parameters.push_str(&format!(", {name}: {}", if optional { "Option<Js>" } else { "Js" }));
            if optional {
                name.to_string()
            } else {
                format!("Some({name})")
            }
        } else {
            "None".to_string()
        };
        let (read_type, call) = read_and_call(operation);
        let (read, pattern) = if read_type.is_empty() {
            ("Ok(())".to_string(), "(oms, ())")
        } else {
            (
                format!(
                    "crate::read::command::<{read_type}>(crate::generated::{}, &[{}], {options}, {:?})",
                    screaming(operation.name),
                    positional.join(", "),
                    operation.node_options_name()
                ),
                "(oms, arguments)",
            )
        };
        let ts = typescript_result(operation.result);
        let args_type = match operation.node_parameters().as_str() {
            "" => String::new(),
            parameters => format!("ts_args_type = {parameters:?}, "),
        };
        let result = qualified(operation.result);
        // `#[doc]`, not `///`: napi-rs reads the text of the literal, and a
        // comment passed through a macro becomes a raw string.
        text.push_str(&format!("    #[doc = {:?}]\n", format!(" {}", operation.doc)));
        text.push_str(&format!("    #[napi(catch_unwind, {args_type}ts_return_type = \"Promise<{ts}>\")]\n"));
        text.push_str(&format!("    pub fn {}(&self, env: Env{parameters}) -> Promise {{\n", operation.name));
        text.push_str(&format!(
            "        spawn(env, self.call({read}), move |{pattern}| oms.{}({call}).map(crate::output::Output::output))\n    }}\n\n",
            operation.name
        ));
        text.push_str(&format!("    #[napi(catch_unwind, {args_type}ts_return_type = {ts:?})]\n"));
        text.push_str(&format!(
            "    pub fn {}_sync(&self{parameters}) -> Returned<crate::output::Out<{result}>> {{\n",
            operation.name
        ));
        text.push_str(&format!(
            "        run(self.call({read}), |{pattern}| oms.{}({call}).map(crate::output::Output::output))\n    }}\n",
            operation.name
        ));
    }
    text.push_str(MACRO_END);
    text
}

fn typescript_result(rust: &str) -> String {
    match rust {
        "()" => "void".into(),
        "i64" | "u64" => "number".into(),
        "String" => "string".into(),
        "ReservationId" => "string".into(),
        "EventRecord" => "Event".into(),
        "Vec<(OrderStatus, u64)>" => "Partial<Record<import('./types').OrderStatus, number>>".into(),
        _ => match rust.strip_prefix("Vec<").and_then(|rest| rest.strip_suffix('>')) {
            Some(element) => format!("Array<{}>", typescript_result(element)),
            None => rust.into(),
        },
    }
}

fn python_result(rust: &str) -> String {
    match rust {
        "()" => "None".into(),
        "i64" | "u64" => "int".into(),
        "String" => "str".into(),
        "ReservationId" => "str".into(),
        "EventRecord" => "Event".into(),
        "Vec<(OrderStatus, u64)>" => "dict[OrderStatus, int]".into(),
        _ => match rust.strip_prefix("Vec<").and_then(|rest| rest.strip_suffix('>')) {
            Some(element) => format!("list[{}]", python_result(element)),
            None => rust.into(),
        },
    }
}

/// A parameter's annotation in Python; `amount` names the alias of money there.
fn python_type(ty: &str, amount: &str) -> String {
    if let Some(element) = ty.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
        return match Operation::RECORDS.iter().find(|record| record.name == element) {
            Some(record) => format!("Sequence[{}]", record.python),
            None => format!("Sequence[{}]", python_type(element, amount)),
        };
    }
    if let Some(record) = Operation::RECORDS.iter().find(|record| record.name == ty) {
        return record.python.into();
    }
    match ty {
        "{TaxClass: Amount}" => format!("Mapping[str, {amount}]"),
        "{Text: Text}" => "Mapping[str, str]".into(),
        "Amount" => amount.into(),
        "Flag" => "bool".into(),
        "LocationKind"
        | "ChannelKind"
        | "RoundingMode"
        | "RoundingLevel"
        | "SplitPolicy"
        | "PickupFallback"
        | "OrderStatus"
        | "PaymentKind"
        | "LineRejectionReason" => ty.into(),
        ty if is_integer(ty) => "int".into(),
        _ => "str".into(),
    }
}

/// The parameters of a Python `def` after `self`, annotated.
fn python_parameters(operation: &Operation, amount: &str) -> Vec<String> {
    let annotated = |parameter: &Parameter| {
        let ty = python_type(parameter.ty, amount);
        match parameter.default {
            None => format!("{}: {ty}", parameter.name),
            Some("None") => format!("{}: {ty} | None = None", parameter.name),
            Some(default) => format!("{}: {ty} = {}", parameter.name, default.replace('\'', "\"")),
        }
    };
    let mut parameters: Vec<String> = operation.positional().map(annotated).collect();
    if operation.keywords().next().is_some() {
        parameters.push("*".into());
        parameters.extend(operation.keywords().map(annotated));
    }
    parameters
}

/// `def name(self, …) -> result:`, on one line when it fits in 110 columns.
fn python_def(prefix: &str, operation: &Operation, amount: &str) -> String {
    let parameters = python_parameters(operation, amount);
    let result = python_result(operation.result);
    let mut all = vec!["self".to_string()];
    all.extend(parameters.iter().cloned());
    let line = format!("    {prefix}def {}({}) -> {result}:\n", operation.name, all.join(", "));
    if line.len() <= 111 {
        return line;
    }
    let mut text = format!("    {prefix}def {}(\n", operation.name);
    for parameter in all {
        text.push_str(&format!("        {parameter},\n"));
    }
    text.push_str(&format!("    ) -> {result}:\n"));
    text
}

const PY_START: &str = "    # generated: operations";
const PY_END: &str = "    # end: operations\n";

/// The docstring of a Python method: the row's doc, and what a list of records holds.
fn python_doc(operation: &Operation) -> String {
    let mut doc = operation.doc.to_string();
    for parameter in operation.parameters {
        let element = parameter.ty.strip_prefix('[').and_then(|rest| rest.strip_suffix(']'));
        if let Some(record) = Operation::RECORDS.iter().find(|record| Some(record.name) == element) {
            let keys: Vec<String> = record
                .fields
                .iter()
                .map(|field| format!("\"{}\"{}", field.name, if field.is_optional() { "?" } else { "" }))
                .collect();
            doc.push_str(&format!(
                "\n\n        Each of ``{}`` is a mapping ``{}`` ({{{}}}); ``{0}`` is a list, a tuple or another\n        \
                 sequence (not a generator or iterator).\n        ",
                parameter.name,
                record.python,
                keys.join(", ")
            ));
        } else if let Some(record) = Operation::RECORDS.iter().find(|record| record.name == parameter.ty) {
            let keys: Vec<String> = record
                .fields
                .iter()
                .map(|field| format!("\"{}\"{}", field.name, if field.is_optional() { "?" } else { "" }))
                .collect();
            doc.push_str(&format!(
                "\n\n        ``{}`` is a mapping ``{}`` ({{{}}}).\n        ",
                parameter.name,
                record.python,
                keys.join(", ")
            ));
        }
    }
    doc
}

fn python_stub() -> String {
    let mut text = format!("{PY_START} ({HEADER}; run `{REGENERATE}`)\n");
    for operation in bound() {
        text.push_str(&python_def("", operation, "_Amount"));
        text.push_str(&format!("        \"\"\"{}\"\"\"\n", python_doc(operation)));
    }
    text.push_str(PY_END);
    text
}

fn python_async() -> String {
    let mut text = format!("{PY_START} ({HEADER}; run `{REGENERATE}`)\n");
    for operation in bound() {
        text.push('\n');
        text.push_str(&python_def("async ", operation, "Amount"));
        text.push_str(&format!("        \"\"\"{}\"\"\"\n", python_doc(operation)));
        if operation.parameters.is_empty() {
            text.push_str(&format!("        return await self._run(self._shop.{})\n", operation.name));
        } else {
            let mut arguments = vec![format!("self._shop.{}", operation.name)];
            arguments.extend(operation.positional().map(|parameter| parameter.name.to_string()));
            arguments.extend(operation.keywords().map(|parameter| format!("{0}={0}", parameter.name)));
            text.push_str(&format!("        return await self._run(partial({}))\n", arguments.join(", ")));
        }
    }
    text.push_str(PY_END);
    text
}

/// A field of a TypeScript options interface: its Rust type (napi-rs writes
/// the TypeScript), and the TypeScript type when napi-rs cannot tell it.
fn typescript_field(ty: &str) -> (String, Option<String>) {
    if let Some(element) = ty.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
        return match Operation::RECORDS.iter().find(|record| record.name == element) {
            Some(record) => (format!("Vec<{}>", record.typescript), None),
            None => (format!("Vec<{}>", typescript_field(element).0), None),
        };
    }
    if let Some(record) = Operation::RECORDS.iter().find(|record| record.name == ty) {
        return (record.typescript.into(), None);
    }
    match ty {
        "{TaxClass: Amount}" | "{Text: Text}" => ("BTreeMap<String, String>".into(), None),
        "Flag" => ("bool".into(), None),
        "Distance" | "LineNumber" => ("u32".into(), None),
        ty if is_integer(ty) => ("i64".into(), None),
        "LocationKind"
        | "ChannelKind"
        | "RoundingMode"
        | "RoundingLevel"
        | "SplitPolicy"
        | "PickupFallback"
        | "OrderStatus"
        | "PaymentKind"
        | "LineRejectionReason" => ("String".into(), Some(format!("import('./types').{ty}"))),
        "Strategy" => ("String".into(), Some("import('./types').ShippingStrategy".into())),
        _ => ("String".into(), None),
    }
}

/// `a`, `a` and `b`, `a`, `b` and `c`.
fn listed(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn typescript_struct(doc: &str, name: &str, fields: &[&Parameter]) -> String {
    let mut text = format!("\n/// {doc}\n#[napi(object)]\npub struct {name} {{\n");
    for field in fields {
        if !field.doc.is_empty() {
            text.push_str(&format!("    /// {}\n", field.doc));
        }
        let (rust, typescript) = typescript_field(field.ty);
        if let Some(typescript) = typescript {
            text.push_str(&format!("    #[napi(ts_type = {typescript:?})]\n"));
        }
        let rust = if field.is_optional() { format!("Option<{rust}>") } else { rust };
        text.push_str(&format!("    pub {}: {rust},\n", field.name));
    }
    text.push_str("}\n");
    text
}

/// The TypeScript shapes of the options objects and the records in them.
fn node_shapes() -> String {
    let mut text = format!(
        "//! {HEADER}:\n//! do not edit; change the table and run `{REGENERATE}`.\n//!\n\
         //! The TypeScript shapes of the option objects, for `native.d.ts` only:\n\
         //! napi-rs writes an interface for each `#[napi(object)]` struct, which the\n\
         //! methods name. The binding never builds these structs: `read.rs` reads the\n\
         //! same keys from the JavaScript values, following the schemas of `generated.rs`.\n\n\
         // The structs exist for their generated declarations and are never built.\n\
         #![allow(dead_code)]\n\nuse std::collections::BTreeMap;\n\nuse napi_derive::napi;\n"
    );
    for record in Operation::RECORDS {
        let uses = |operation: &&Operation, ty: &str| operation.parameters.iter().any(|parameter| parameter.ty == ty);
        let lines: Vec<String> = bound()
            .filter(|operation| uses(operation, &format!("[{}]", record.name)))
            .map(|operation| format!("`{}`", operation.node_name()))
            .collect();
        let fields: Vec<&Parameter> = record.fields.iter().collect();
        let doc = if lines.is_empty() {
            let users: Vec<String> = bound()
                .filter(|operation| uses(operation, record.name))
                .map(|operation| format!("`{}`", operation.node_name()))
                .collect();
            format!("An {} of {}.", record.name.to_lowercase(), listed(&users))
        } else {
            format!("One line of {}.", listed(&lines))
        };
        text.push_str(&typescript_struct(&doc, record.typescript, &fields));
    }
    let mut done = BTreeSet::new();
    for operation in bound() {
        if operation.node_input.is_empty() || !done.insert(operation.node_input) {
            continue;
        }
        let sharing: Vec<&Operation> = bound().filter(|other| other.node_input == operation.node_input).collect();
        let fields: Vec<&Parameter> = operation.keywords().collect();
        for other in &sharing {
            let theirs: Vec<(&str, &str, bool)> =
                other.keywords().map(|field| (field.name, field.ty, field.is_optional())).collect();
            let ours: Vec<(&str, &str, bool)> =
                fields.iter().map(|field| (field.name, field.ty, field.is_optional())).collect();
            assert_eq!(
                ours, theirs,
                "{} and {} share {} but not its keys",
                operation.name, other.name, operation.node_input
            );
        }
        let names: Vec<String> = sharing.iter().map(|other| format!("`{}`", other.node_name())).collect();
        text.push_str(&typescript_struct(&format!("Options of {}.", listed(&names)), operation.node_input, &fields));
    }
    text
}

#[test]
fn the_node_option_shapes_are_generated_from_the_table() {
    check_generated("oms-node/src/shapes.rs", None, &node_shapes());
}

#[test]
fn the_python_methods_are_generated_from_the_table() {
    check_generated("oms-py/src/generated.rs", None, &python_methods());
}

#[test]
fn the_python_stubs_are_generated_from_the_table() {
    check_generated("oms-py/python/oms/_oms.pyi", Some((PY_START, PY_END)), &python_stub());
}

#[test]
fn the_async_python_methods_are_generated_from_the_table() {
    check_generated("oms-py/python/oms/_async.py", Some((PY_START, PY_END)), &python_async());
}

#[test]
fn the_node_methods_are_generated_from_the_table() {
    check_generated("oms-node/src/generated.rs", None, &node_methods());
}
