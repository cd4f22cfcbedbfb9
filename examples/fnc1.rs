//! Development driver for the FNC-1 stance model.
//!
//! ```text
//! cargo run --release --example fnc1 -- train ../shared/data/fnc1 [-o model/stance.bin]
//! cargo run --release --example fnc1 -- eval ../shared/data/fnc1
//! ```
//!
//! `train` fits the model on the train split, prints the out-of-fold (held-out, split by
//! story) report and writes the model file. `eval` scores the built-in model on the
//! competition test split. After `train`, rebuild for `eval` to see the new model (it is
//! compiled in).

use corroborate::fnc1::{self, Split};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(cmd), Some(dir)) = (args.first(), args.get(1)) else {
        return Err("usage: fnc1 train|eval DIR [-o FILE]".into());
    };
    let dir = PathBuf::from(dir);
    let out = match args.get(2).map(String::as_str) {
        Some("-o") => PathBuf::from(args.get(3).ok_or("-o needs a file")?),
        _ => PathBuf::from("model/stance.bin"),
    };
    match cmd.as_str() {
        "train" => {
            let t = Instant::now();
            let pairs = fnc1::load(&dir, Split::Train)?;
            let (bytes, report) = fnc1::train_pairs(&pairs, &mut |line| {
                eprintln!("[{:7.1}s] {line}", t.elapsed().as_secs_f64());
            });
            println!("OUT-OF-FOLD (train, split by story):\n{report}");
            std::fs::write(&out, &bytes)?;
            println!(
                "wrote {} ({} bytes) in {:.1}s",
                out.display(),
                bytes.len(),
                t.elapsed().as_secs_f64()
            );
        }
        "eval" => {
            let pairs = fnc1::load(&dir, Split::Test)?;
            let t = Instant::now();
            let report = fnc1::evaluate(&pairs, corroborate::stance);
            println!("COMPETITION TEST:\n{report}");
            println!(
                "stance on {} pairs in {:.2}s",
                pairs.len(),
                t.elapsed().as_secs_f64()
            );
            let t = Instant::now();
            let cached = fnc1::evaluate_stance(&pairs);
            println!(
                "evaluate_stance (bodies prepared once) in {:.2}s, same report: {}",
                t.elapsed().as_secs_f64(),
                cached == report
            );
        }
        other => return Err(format!("unknown command {other:?}: use train or eval").into()),
    }
    Ok(())
}
