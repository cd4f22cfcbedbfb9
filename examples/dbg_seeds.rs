use corroborate::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut files: Vec<_> = std::fs::read_dir("../shared/seeds")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let seeds: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect();
    let sources = seeds
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != n)
        .map(|(_, (id, t))| Source {
            id: id[..3].to_string(),
            text: t.clone(),
            ..Default::default()
        })
        .collect();
    let e = Engine::new(Corpus { sources }).unwrap();
    let r = e.check(&seeds[n].1).unwrap();
    for c in &r.claims {
        println!("[{}] {}", c.verdict.as_str(), c.text);
        for ev in &c.evidence {
            println!(
                "     {} {} {:.2} :: {}",
                ev.source,
                ev.relation.as_str(),
                ev.score,
                ev.text.chars().take(140).collect::<String>()
            );
            for rs in &ev.reasons {
                println!("        - {rs}");
            }
        }
    }
    println!("{:?}", r.summary);
}
