//! `cargo xtask`: the index of corroborate's tasks. With no arguments it lists them, one line
//! each; `cargo xtask NAME [ARGS...]` runs the task with the arguments passed on. Each task is
//! one of the scripts in `scripts/` (or a cargo command), so that the scripts stay the single
//! place where a task is defined and this index cannot drift from what they do.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// What a task runs.
enum Run {
    /// A script of the repository, by its path from the root.
    Script(&'static str),
    /// A cargo subcommand with its fixed arguments.
    Cargo(&'static [&'static str]),
}

struct Task {
    name: &'static str,
    run: Run,
    about: &'static str,
}

const TASKS: &[Task] = &[
    Task {
        name: "setup",
        run: Run::Script("scripts/setup"),
        about: "install what is missing (--wasm, --browsers, --fuzz, --all)",
    },
    Task {
        name: "build",
        run: Run::Script("scripts/build"),
        about: "the WebAssembly module, every target, within its size budget",
    },
    Task {
        name: "demo",
        run: Run::Script("scripts/demo"),
        about: "set up, build and serve the demo page (--cli: in the terminal)",
    },
    Task {
        name: "test",
        run: Run::Script("scripts/test"),
        about: "set up, then every test (what CI runs)",
    },
    Task {
        name: "bench",
        run: Run::Cargo(&["bench"]),
        about: "the native criterion benchmarks (benches/*.rs)",
    },
    Task {
        name: "bench-browser",
        run: Run::Script("scripts/bench-browser"),
        about: "time to painted markers in headless Chromium",
    },
    Task {
        name: "dist",
        run: Run::Script("scripts/dist"),
        about: "the extension, the embed files and the npm package, in dist/",
    },
    Task {
        name: "fuzz",
        run: Run::Script("scripts/fuzz"),
        about: "every cargo-fuzz target for SECONDS (needs setup --fuzz)",
    },
    Task {
        name: "e2e",
        run: Run::Script("scripts/e2e"),
        about: "end to end in browsers: demo, seed page, embedding, the extension",
    },
    Task {
        name: "web-test",
        run: Run::Script("scripts/web-test"),
        about: "the wasm-bindgen tests in headless Chromium and Firefox",
    },
    Task {
        name: "extension",
        run: Run::Script("scripts/extension"),
        about: "the browser extension, zipped, with web-ext lint",
    },
    Task {
        name: "package",
        run: Run::Script("scripts/package"),
        about: "the npm package, packed into dist/",
    },
    Task {
        name: "npm-test",
        run: Run::Script("tests/npm/run.sh"),
        about: "the npm package from its tarball: Node, tsc, Vite",
    },
];

/// The repository root: this crate lives in its `xtask/` folder.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ has a parent folder")
        .to_path_buf()
}

fn runs(t: &Task) -> String {
    match t.run {
        Run::Script(path) => path.to_string(),
        Run::Cargo(args) => format!("cargo {}", args.join(" ")),
    }
}

fn list() {
    println!("cargo xtask TASK [ARGS...]: the tasks of corroborate (ARGS go to the task)\n");
    let name = TASKS.iter().map(|t| t.name.len()).max().unwrap_or(0);
    let what = TASKS.iter().map(|t| runs(t).len()).max().unwrap_or(0);
    for t in TASKS {
        println!("  {:name$}  {:what$}  {}", t.name, runs(t), t.about);
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(name) = args.next() else {
        list();
        return ExitCode::SUCCESS;
    };
    if matches!(name.as_str(), "help" | "-h" | "--help" | "list") {
        list();
        return ExitCode::SUCCESS;
    }
    let Some(task) = TASKS.iter().find(|t| t.name == name) else {
        eprintln!("xtask: no task named {name:?}\n");
        list();
        return ExitCode::from(2);
    };
    let root = root();
    let mut command = match task.run {
        // Through bash, so that a checkout without the executable bits still runs.
        Run::Script(path) => {
            let mut c = Command::new("bash");
            c.arg(root.join(path));
            c
        }
        Run::Cargo(fixed) => {
            // The cargo that runs this xtask, not whichever is first on PATH.
            let mut c = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
            c.args(fixed);
            c
        }
    };
    command.args(args).current_dir(&root);
    match command.status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        // A task killed by a signal has no code: report a plain failure.
        Ok(status) => ExitCode::from(u8::try_from(status.code().unwrap_or(1)).unwrap_or(1)),
        Err(e) => {
            eprintln!("xtask: could not run {name}: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every script the index names is in the repository, and no name is listed twice.
    #[test]
    fn every_task_runs_something_that_exists() {
        let root = root();
        for t in TASKS {
            if let Run::Script(path) = t.run {
                assert!(
                    root.join(path).is_file(),
                    "task {}: {path} is missing",
                    t.name
                );
            }
            let same = TASKS.iter().filter(|u| u.name == t.name).count();
            assert_eq!(same, 1, "task {} is listed {same} times", t.name);
        }
    }
}
