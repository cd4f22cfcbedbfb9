use corroborate::*;
fn main() {
    let dir = std::path::Path::new("../shared/data/fnc1");
    let pairs = fnc1::load(dir, fnc1::Split::Test).unwrap();
    let r = fnc1::evaluate(&pairs, |claim, body| {
        let base = stance(claim, body);
        if base == Relation::Unrelated {
            return base;
        }
        let e = Engine::new(Corpus {
            sources: vec![Source::new("b", body)],
        })
        .unwrap();
        let ev = e.evidence_for(claim);
        if ev.iter().any(|e| e.relation == Relation::Contradicts) && base != Relation::Contradicts {
            return Relation::Contradicts;
        }
        base
    });
    println!("{r}");
}
