//! The `corroborate` command-line tool.

fn main() {}
