//! The docs name files that exist: every path in backticks in the tables of `README.md` and
//! `ARCHITECTURE.md` (a table row starts with `|`) that looks like a path of this repository
//! (`src/...`, `crates/...`, `www/...`, `extension/...`, `npm/...`, `fuzz/...`, `model/...`,
//! `xtask/...`).

use std::path::Path;

const ROOTS: &[&str] = &[
    "src/",
    "crates/",
    "www/",
    "extension/",
    "npm/",
    "fuzz/",
    "model/",
];

/// The repository paths in backticks in the table rows of `text`.
fn table_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| l.trim_start().starts_with('|')) {
        for (i, quoted) in line.split('`').enumerate() {
            // Odd pieces are inside backticks; a path has no spaces.
            if i % 2 == 1 && !quoted.contains(' ') && ROOTS.iter().any(|r| quoted.starts_with(r)) {
                out.push(quoted.to_string());
            }
        }
    }
    out
}

#[test]
fn paths_in_the_readme_and_architecture_tables_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    let mut missing = Vec::new();
    for doc in ["README.md", "ARCHITECTURE.md"] {
        let text = std::fs::read_to_string(root.join(doc)).expect("the doc is there");
        let paths = table_paths(&text);
        assert!(!paths.is_empty(), "{doc}: no paths found in its tables");
        for p in paths {
            // `www/ui.js, www/present.js`-style cells are split by the backticks already.
            let p = p.trim_end_matches([',', '.']);
            checked += 1;
            if !root.join(p).exists() {
                missing.push(format!("{doc}: {p}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "paths named in the docs do not exist: {missing:#?}"
    );
    assert!(checked >= 20, "only {checked} paths checked");
}

#[test]
fn table_paths_reads_backticked_paths_of_table_rows_only() {
    let text = "Prose `src/nowhere.rs`.\n| a | `src/text/` and `www/ui.js` | `cargo test` |\n";
    assert_eq!(table_paths(text), ["src/text/", "www/ui.js"]);
}
