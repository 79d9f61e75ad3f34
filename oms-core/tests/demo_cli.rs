//! The demo program as a person runs it: help, progress, and never deleting
//! a file it did not write. `cargo test` builds the examples before it runs
//! the tests, so the demo binary sits beside the test binaries.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn demo(arguments: &[&str]) -> Output {
    let deps = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    let binary: PathBuf = deps.parent().unwrap().join("examples").join(format!("demo{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.exists(), "{} is built by cargo test", binary.display());
    Command::new(binary).args(arguments).output().unwrap()
}

#[test]
fn help_exits_zero_and_says_how_to_use_it() {
    let output = demo(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("--orders N"));
    let wrong = demo(&["--frobnicate"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("--help"));
}

#[test]
fn a_file_the_demo_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.db");
    std::fs::write(&notes, "my only copy of something important").unwrap();
    let shop = dir.path().join("shop.db");
    {
        let oms = oms_core::Oms::open(shop.to_str().unwrap()).unwrap();
        let location = oms_core::LocationId::new("till-1").unwrap();
        oms.upsert_location(oms_core::UpsertLocation::new(location, oms_core::LocationKind::Store, "FR")).unwrap();
    }
    for path in [&notes, &shop] {
        let before = std::fs::read(path).unwrap();
        let output = demo(&["--orders", "1", "--db", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{}", path.display());
        assert!(String::from_utf8_lossy(&output.stderr).contains("refusing to replace"));
        assert!(std::fs::read(path).unwrap() == before, "{} is untouched", path.display());
    }
}

#[test]
fn the_demo_shows_set_up_progress_and_may_replace_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    for run in 0..2 {
        let output = demo(&["--orders", "20", "--db", db]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "run {run}: {stderr}");
        assert!(stderr.contains("setting up: 300/300 products"), "{stderr}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("Trading day: 20 checkouts"), "{stdout}");
        assert!(stdout.contains("shipments by status:") && stdout.contains("payments by status:"), "{stdout}");
        assert!(stdout.contains("orders completed "), "{stdout}");
        assert!(stdout.contains("the ledger sums to every bucket everywhere: yes"), "{stdout}");
        for document in ["demo.pick-list.html", "demo.packing-slip.html", "demo.label.zpl"] {
            let written = std::fs::read_to_string(dir.path().join(document)).unwrap();
            assert!(!written.is_empty(), "{document} is written beside the database");
        }
        let label = std::fs::read_to_string(dir.path().join("demo.label.zpl")).unwrap();
        assert!(label.starts_with("^XA") && label.trim_end().ends_with("^XZ"), "{label}");
    }
}
