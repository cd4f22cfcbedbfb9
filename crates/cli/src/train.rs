//! Training of the stance model (native only): IDF table, relatedness and stance classifiers
//! fitted with AdaGrad on the softmax loss, decision thresholds tuned on out-of-fold
//! predictions (folds split by story: a story's headlines and bodies are all on one side).
//!
//! Deterministic: fixed seeds, an own PRNG, fixed iteration orders, and sums in input order.

use corroborate::tools::features::{self, Body, Doc};
use corroborate::tools::model::{decide, softmax, IdfTable, Linear, Model};
use std::collections::BTreeMap;

/// One training pair. `gold`: 0 agree, 1 disagree, 2 discuss, 3 unrelated.
pub(crate) struct Example<'a> {
    pub claim: &'a str,
    pub body: &'a str,
    pub body_id: u32,
    pub gold: usize,
    /// The relation (label index) the source's sentences alone give the claim
    /// ([`corroborate::tools::sentence_relation`]), which `settle` combines with the model's.
    pub sentence: usize,
    /// Whether the model's contradiction stands ([`corroborate::tools::contradiction_stands`]).
    pub stands: bool,
    /// Number of sentences of the body.
    pub sentences: usize,
    /// A generated minimal pair (see `crate::fnc1::minimal_pairs`): fitted on by the stance
    /// classifier only, with weight `Config::synthetic_weight`; never scored or tuned on.
    pub synthetic: bool,
}

/// Hyper-parameters.
#[derive(Clone, Debug)]
pub(crate) struct Config {
    pub idf_bits: u32,
    pub hash_bits: u32,
    /// Highest IDF level (levels 0..=this, at most 15: four bits each).
    pub idf_levels: u8,
    /// Largest magnitude of a quantised hashed weight (at most 127): a class's largest
    /// weight maps to it. Few levels compress well (gzip) and lose nothing measurable.
    pub hash_levels: u8,
    pub folds: usize,
    pub seed: u64,
    pub rel: Fit,
    pub stance: Fit,
    /// Exponent of the inverse class frequency used as class weight for the stance.
    pub class_weight_power: f32,
    /// Weight of a generated minimal pair in the stance fit (a real pair weighs 1).
    pub synthetic_weight: f32,
    /// Weight of the disagree F1 in the tuning objective (relative score + macro-F1 + this
    /// times the disagree F1).
    pub disagree_weight: f64,
}

/// Hyper-parameters of one classifier fit.
#[derive(Clone, Debug)]
pub(crate) struct Fit {
    pub epochs: usize,
    pub rate: f32,
    pub l2_dense: f32,
    pub l2_hash: f32,
    pub bins: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            idf_bits: 13,
            hash_bits: 13,
            idf_levels: 7,
            hash_levels: 7,
            folds: 5,
            seed: 0x5eed_cafe,
            rel: Fit {
                epochs: 12,
                rate: 0.05,
                l2_dense: 1e-5,
                l2_hash: 0.0,
                bins: 16,
            },
            stance: Fit {
                epochs: 12,
                rate: 0.05,
                l2_dense: 1e-4,
                l2_hash: 3e-4,
                bins: 8,
            },
            class_weight_power: 0.5,
            synthetic_weight: 0.0,
            disagree_weight: 0.0,
        }
    }
}

/// splitmix64: a tiny, fixed PRNG.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        features::mix(self.0)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// The prepared data: unique claims and bodies, and per-example features.
struct Data {
    /// Per example: relatedness features, stance features, pair hashed features.
    feats: Vec<features::PairFeatures>,
    /// Per example: index of its body in `body_hashed`.
    body_of: Vec<usize>,
    /// Per unique body: its hashed features.
    body_hashed: Vec<Vec<(u64, f32)>>,
    gold: Vec<usize>,
    /// Per example: a generated minimal pair.
    synthetic: Vec<bool>,
}

impl Data {
    fn hashed(&self, i: usize) -> Vec<(u64, f32)> {
        let mut h = self
            .feats
            .get(i)
            .map(|f| f.hashed.clone())
            .unwrap_or_default();
        if let Some(b) = self.body_of.get(i).and_then(|&b| self.body_hashed.get(b)) {
            h.extend_from_slice(b);
        }
        h
    }
}

/// Build the hashed IDF table from the unique texts.
fn build_idf(docs: &[&Doc], bits: u32, max_level: u8) -> IdfTable {
    let size = 1usize << bits;
    let mask = (size - 1) as u64;
    let mut df = vec![0u32; size];
    for d in docs {
        let mut buckets: Vec<usize> = d.toks.iter().map(|t| (t.h & mask) as usize).collect();
        buckets.sort_unstable();
        buckets.dedup();
        for b in buckets {
            if let Some(c) = df.get_mut(b) {
                *c += 1;
            }
        }
    }
    let n = docs.len() as f32;
    let base = 1.0f32;
    let top = (n + 1.0).ln() + 1.0;
    let max_level = f32::from(max_level.clamp(1, 15));
    let step = (top - base) / max_level;
    let level = |df: u32| -> u8 {
        let idf = ((n + 1.0) / (df as f32 + 1.0)).ln() + 1.0;
        ((idf - base) / step).round().clamp(0.0, max_level) as u8
    };
    let levels = df
        .chunks(2)
        .map(|c| match c {
            [a, b] => level(*a) | (level(*b) << 4),
            [a] => level(*a),
            _ => 0,
        })
        .collect();
    IdfTable {
        bits,
        base,
        step,
        levels,
    }
}

/// A training row: dense features and hashed features.
struct Row<'a> {
    dense: &'a [f32],
    hashed: Vec<(u64, f32)>,
    label: usize,
    weight: f32,
}

/// Active parameters of an input: (index, value).
type Active = Vec<(usize, f32)>;

/// Fit a linear model. Rows are visited in a shuffled order fixed by `seed`.
fn fit(
    rows: &[Row],
    classes: usize,
    hash_bits: u32,
    class_weights: &[f32],
    p: &Fit,
    levels: u8,
    seed: u64,
) -> Linear {
    let dense = rows.first().map_or(0, |r| r.dense.len());
    // Standardisation and cut points.
    let mut mean = vec![0f32; dense];
    let mut scale = vec![1f32; dense];
    let mut cuts = vec![Vec::new(); dense];
    for j in 0..dense {
        let mut v: Vec<f32> = rows
            .iter()
            .map(|r| r.dense.get(j).copied().unwrap_or(0.0))
            .collect();
        let n = v.len().max(1) as f64;
        let m = v.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
        let var = v.iter().map(|&x| (f64::from(x) - m).powi(2)).sum::<f64>() / n;
        mean[j] = m as f32;
        scale[j] = if var > 1e-12 {
            (1.0 / var.sqrt()) as f32
        } else {
            0.0
        };
        v.sort_by(f32::total_cmp);
        let max = v.last().copied().unwrap_or(0.0);
        let mut c: Vec<f32> = (1..p.bins)
            .filter_map(|q| v.get(q * v.len() / p.bins).copied())
            .filter(|&x| x < max)
            .collect();
        c.dedup();
        cuts[j] = c;
    }
    let mut model = Linear::unweighted(classes, dense, hash_bits, mean, scale, cuts);
    let width = model.dense_width();
    let hw = if hash_bits == 0 {
        0
    } else {
        1usize << hash_bits
    };
    let mut wd = vec![0f32; classes * width];
    let mut gd = vec![1e-6f32; classes * width];
    let mut wh = vec![0f32; classes * hw];
    let mut gh = vec![1e-6f32; classes * hw];
    let inputs: Vec<(Active, Active)> = rows
        .iter()
        .map(|r| {
            let mut d = Vec::new();
            let mut h = Vec::new();
            model.dense_input(r.dense, &mut d);
            model.hash_input(&r.hashed, &mut h);
            (d, h)
        })
        .collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut rng = Rng(seed);
    let mut scores = vec![0f32; classes];
    for epoch in 0..p.epochs {
        rng.shuffle(&mut order);
        let rate = p.rate / (1.0 + epoch as f32 * 0.1);
        for &i in &order {
            let (Some(row), Some((d, h))) = (rows.get(i), inputs.get(i)) else {
                continue;
            };
            for (k, s) in scores.iter_mut().enumerate() {
                let mut v = 0.0;
                for &(j, x) in d {
                    v += wd[k * width + j] * x;
                }
                for &(j, x) in h {
                    v += wh[k * hw + j] * x;
                }
                *s = v;
            }
            let probs = softmax(&scores);
            let cw = row.weight * class_weights.get(row.label).copied().unwrap_or(1.0);
            for (k, pk) in probs.iter().enumerate() {
                let err = cw * (pk - if k == row.label { 1.0 } else { 0.0 });
                for &(j, x) in d {
                    let idx = k * width + j;
                    let g = err * x + p.l2_dense * wd[idx];
                    gd[idx] += g * g;
                    wd[idx] -= rate * g / gd[idx].sqrt();
                }
                for &(j, x) in h {
                    let idx = k * hw + j;
                    let g = err * x + p.l2_hash * wh[idx];
                    gh[idx] += g * g;
                    wh[idx] -= rate * g / gh[idx].sqrt();
                }
            }
        }
    }
    model.w_dense = wd;
    if hw > 0 {
        for k in 0..classes {
            let row = wh.get(k * hw..(k + 1) * hw).unwrap_or(&[]);
            let levels = f32::from(levels.clamp(1, 127));
            let max = row.iter().fold(0f32, |a, &w| a.max(w.abs()));
            let s = if max > 0.0 { max / levels } else { 1.0 };
            model.hash_scale.push(s);
            model.w_hash.extend(
                row.iter()
                    .map(|&w| (w / s).round().clamp(-levels, levels) as i8),
            );
        }
    }
    model
}

/// Fit both classifiers on the examples `train` and return the model (thresholds neutral).
fn fit_model(data: &Data, idf: &IdfTable, train: &[usize], cfg: &Config) -> Model {
    let rel_rows: Vec<Row> = train
        .iter()
        .filter(|&&i| !data.synthetic.get(i).copied().unwrap_or(true))
        .filter_map(|&i| {
            Some(Row {
                dense: &data.feats.get(i)?.rel,
                hashed: Vec::new(),
                label: usize::from(*data.gold.get(i)? != 3),
                weight: 1.0,
            })
        })
        .collect();
    let rel = fit(&rel_rows, 2, 0, &[1.0, 1.0], &cfg.rel, 127, cfg.seed);
    let st_rows: Vec<Row> = train
        .iter()
        .filter(|&&i| data.gold.get(i).is_some_and(|&g| g < 3))
        .filter(|&&i| cfg.synthetic_weight > 0.0 || !data.synthetic.get(i).copied().unwrap_or(true))
        .filter_map(|&i| {
            let synthetic = *data.synthetic.get(i)?;
            Some(Row {
                dense: &data.feats.get(i)?.stance,
                hashed: data.hashed(i),
                label: *data.gold.get(i)?,
                weight: if synthetic { cfg.synthetic_weight } else { 1.0 },
            })
        })
        .collect();
    let mut counts = [0f32; 3];
    for r in &st_rows {
        if let Some(c) = counts.get_mut(r.label) {
            *c += r.weight;
        }
    }
    let total: f32 = counts.iter().sum();
    let weights: Vec<f32> = counts
        .iter()
        .map(|&c| {
            if c > 0.0 {
                (total / (3.0 * c)).powf(cfg.class_weight_power)
            } else {
                1.0
            }
        })
        .collect();
    let stance = fit(
        &st_rows,
        3,
        cfg.hash_bits,
        &weights,
        &cfg.stance,
        cfg.hash_levels,
        cfg.seed ^ 0x51,
    );
    Model {
        idf: idf.clone(),
        rel,
        rel_threshold: 0.5,
        stance,
        offsets: [0.0; 3],
    }
}

/// FNC-1 score pieces of predictions, for tuning: (relative score in 0..1, macro-F1,
/// disagree F1).
fn score(gold: &[usize], pred: &[usize]) -> (f64, f64, f64) {
    let mut cm = [[0usize; 4]; 4];
    let (mut s, mut max) = (0.0, 0.0);
    for (&g, &p) in gold.iter().zip(pred) {
        if g == p {
            s += if g == 3 { 0.25 } else { 0.75 };
        }
        if g != 3 && p != 3 {
            s += 0.25;
        }
        max += if g == 3 { 0.25 } else { 1.0 };
        if let Some(c) = cm.get_mut(g).and_then(|r| r.get_mut(p)) {
            *c += 1;
        }
    }
    let mut f1 = [0.0; 4];
    for (c, f) in f1.iter_mut().enumerate() {
        let tp = cm[c][c] as f64;
        let pred_n: usize = cm.iter().map(|r| r[c]).sum();
        let gold_n: usize = cm[c].iter().sum();
        let denom = (pred_n + gold_n) as f64;
        if denom > 0.0 {
            *f = 2.0 * tp / denom;
        }
    }
    (
        if max > 0.0 { s / max } else { 0.0 },
        f1.iter().sum::<f64>() / 4.0,
        f1[1],
    )
}

/// The tuning objective: relative score and macro-F1, equally weighted, plus the disagree F1
/// with weight `disagree`.
fn objective(gold: &[usize], pred: &[usize], disagree: f64) -> f64 {
    let (rel, f1, f1_disagree) = score(gold, pred);
    rel + f1 + disagree * f1_disagree
}

/// How the model's label becomes the final one: through `settle` with the sentences'
/// relation, as `stance_prepared` does (see [`Settled`]).
struct Settled<'a> {
    sentence: &'a [usize],
    stands: &'a [bool],
    headline: &'a [bool],
    sentences: &'a [usize],
}

impl Settled<'_> {
    fn label(&self, i: usize, model: usize) -> usize {
        use corroborate::Relation;
        const R: [Relation; 4] = [
            Relation::Confirms,
            Relation::Contradicts,
            Relation::Related,
            Relation::Unrelated,
        ];
        let stands = self.stands.get(i).copied().unwrap_or(true);
        let model = if model == 1 && !stands { 2 } else { model };
        let sentence = self.sentence.get(i).copied().unwrap_or(3);
        let headline = self.headline.get(i).copied().unwrap_or(true);
        let article =
            self.sentences.get(i).copied().unwrap_or(0) > corroborate::tools::ARTICLE_SENTENCES;
        let r = corroborate::tools::settle(
            R.get(sentence).copied().unwrap_or(Relation::Unrelated),
            R.get(model).copied().unwrap_or(Relation::Unrelated),
            headline,
            article,
        );
        R.iter().position(|&x| x == r).unwrap_or(3)
    }
}

fn predict(
    p_rel: &[f32],
    p_st: &[[f32; 3]],
    threshold: f32,
    offsets: &[f32; 3],
    settled: &Settled,
) -> Vec<usize> {
    p_rel
        .iter()
        .zip(p_st)
        .enumerate()
        .map(|(i, (&r, p))| {
            let m = if r < threshold { 3 } else { decide(p, offsets) };
            settled.label(i, m)
        })
        .collect()
}

/// Tune the relatedness threshold and the stance offsets on out-of-fold probabilities, for
/// the labels after `settle`.
fn tune(
    gold: &[usize],
    p_rel: &[f32],
    p_st: &[[f32; 3]],
    settled: &Settled,
    disagree: f64,
) -> (f32, [f32; 3]) {
    let mut threshold = 0.5f32;
    let mut offsets = [0f32; 3];
    let grid_t: Vec<f32> = (4..=36).map(|i| i as f32 * 0.025).collect();
    let grid_o: Vec<f32> = (-20..=20).map(|i| i as f32 * 0.1).collect();
    for _round in 0..3 {
        let mut best = (f64::NEG_INFINITY, threshold);
        for &t in &grid_t {
            let v = objective(gold, &predict(p_rel, p_st, t, &offsets, settled), disagree);
            if v > best.0 {
                best = (v, t);
            }
        }
        threshold = best.1;
        // offsets of agree and disagree relative to discuss
        for k in [0usize, 1] {
            let mut best = (f64::NEG_INFINITY, offsets[k]);
            for &o in &grid_o {
                let mut trial = offsets;
                trial[k] = o;
                let v = objective(
                    gold,
                    &predict(p_rel, p_st, threshold, &trial, settled),
                    disagree,
                );
                if v > best.0 {
                    best = (v, o);
                }
            }
            offsets[k] = best.1;
        }
    }
    (threshold, offsets)
}

/// Story groups: union of headlines and bodies linked by related pairs. Returns the group of
/// each example (by its body), numbered in first-seen order.
fn groups(examples: &[Example]) -> Vec<usize> {
    let mut nodes: BTreeMap<(u8, &str, u32), usize> = BTreeMap::new();
    let mut parent: Vec<usize> = Vec::new();
    fn node<'a>(
        nodes: &mut BTreeMap<(u8, &'a str, u32), usize>,
        parent: &mut Vec<usize>,
        key: (u8, &'a str, u32),
    ) -> usize {
        *nodes.entry(key).or_insert_with(|| {
            parent.push(parent.len());
            parent.len() - 1
        })
    }
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while let Some(&p) = parent.get(x) {
            if p == x {
                break;
            }
            let gp = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(x) {
                *slot = gp;
            }
            x = p;
        }
        x
    }
    let mut body_node = Vec::with_capacity(examples.len());
    for e in examples {
        let b = node(&mut nodes, &mut parent, (0, "", e.body_id));
        let h = node(&mut nodes, &mut parent, (1, e.claim, 0));
        body_node.push(b);
        if e.gold != 3 {
            let (rb, rh) = (find(&mut parent, b), find(&mut parent, h));
            if let Some(slot) = parent.get_mut(rb) {
                *slot = rh;
            }
        }
    }
    let mut numbering: BTreeMap<usize, usize> = BTreeMap::new();
    body_node
        .into_iter()
        .map(|b| {
            let root = find(&mut parent, b);
            let next = numbering.len();
            *numbering.entry(root).or_insert(next)
        })
        .collect()
}

/// Train the model on `examples`. Returns the model file's bytes and the out-of-fold
/// predictions (label indices, after `settle`) of every real (not generated) example, in
/// order, made with the tuned thresholds.
pub(crate) fn train(examples: &[Example], log: &mut dyn FnMut(&str)) -> (Vec<u8>, Vec<usize>) {
    train_with(examples, &Config::default(), log)
}

pub(crate) fn train_with(
    examples: &[Example],
    cfg: &Config,
    log: &mut dyn FnMut(&str),
) -> (Vec<u8>, Vec<usize>) {
    // Unique bodies and claims, in first-seen order.
    let mut body_index: BTreeMap<u32, usize> = BTreeMap::new();
    let mut bodies: Vec<Doc> = Vec::new();
    let mut claim_index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut claims: Vec<Doc> = Vec::new();
    let mut body_of = Vec::with_capacity(examples.len());
    let mut claim_of = Vec::with_capacity(examples.len());
    // The IDF table counts the real texts only (a generated headline repeats its original).
    let mut real_claims: Vec<bool> = Vec::new();
    for e in examples {
        let b = *body_index.entry(e.body_id).or_insert_with(|| {
            bodies.push(Doc::new(e.body));
            bodies.len() - 1
        });
        let c = *claim_index.entry(e.claim).or_insert_with(|| {
            claims.push(Doc::single(e.claim));
            real_claims.push(false);
            claims.len() - 1
        });
        if !e.synthetic {
            if let Some(r) = real_claims.get_mut(c) {
                *r = true;
            }
        }
        body_of.push(b);
        claim_of.push(c);
    }
    log(&format!(
        "{} pairs, {} bodies, {} headlines",
        examples.len(),
        bodies.len(),
        claims.len()
    ));
    let all_docs: Vec<&Doc> = bodies
        .iter()
        .chain(
            claims
                .iter()
                .zip(&real_claims)
                .filter(|(_, &r)| r)
                .map(|(c, _)| c),
        )
        .collect();
    let idf = build_idf(&all_docs, cfg.idf_bits, cfg.idf_levels);
    let bodies: Vec<Body> = bodies.into_iter().map(|d| Body::new(d, &idf)).collect();
    let empty_doc = Doc::default();
    let empty = Body::new(Doc::default(), &idf);
    let feats: Vec<features::PairFeatures> = body_of
        .iter()
        .zip(&claim_of)
        .map(|(&b, &c)| {
            features::extract(
                claims.get(c).unwrap_or(&empty_doc),
                bodies.get(b).unwrap_or(&empty),
                &idf,
            )
        })
        .collect();
    let body_hashed: Vec<Vec<(u64, f32)>> = bodies.iter().map(|b| b.hashed.clone()).collect();
    let data = Data {
        feats,
        body_of,
        body_hashed,
        gold: examples.iter().map(|e| e.gold).collect(),
        synthetic: examples.iter().map(|e| e.synthetic).collect(),
    };
    log("features extracted");

    // Out-of-fold probabilities.
    let group = groups(examples);
    let n_groups = group.iter().copied().max().map_or(0, |m| m + 1);
    let mut group_fold: Vec<usize> = (0..n_groups).map(|g| g % cfg.folds.max(1)).collect();
    Rng(cfg.seed ^ 0xf01d).shuffle(&mut group_fold);
    let fold: Vec<usize> = group
        .iter()
        .map(|&g| group_fold.get(g).copied().unwrap_or(0))
        .collect();
    let mut p_rel = vec![0f32; examples.len()];
    let mut p_st = vec![[0f32; 3]; examples.len()];
    for f in 0..cfg.folds {
        let train: Vec<usize> = (0..examples.len()).filter(|&i| fold[i] != f).collect();
        let model = fit_model(&data, &idf, &train, cfg);
        for i in (0..examples.len()).filter(|&i| fold[i] == f) {
            let Some(pf) = data.feats.get(i) else {
                continue;
            };
            p_rel[i] = model.p_related(pf);
            let hashed = data.hashed(i);
            p_st[i] = {
                let p = softmax(&model.stance.scores(&pf.stance, &hashed));
                [p[0], p[1], p[2]]
            };
        }
        log(&format!("fold {f} done"));
    }
    // Tuned and scored on the real pairs only.
    let real: Vec<usize> = (0..examples.len())
        .filter(|&i| !data.synthetic.get(i).copied().unwrap_or(true))
        .collect();
    let pick = |v: &[f32]| -> Vec<f32> { real.iter().filter_map(|&i| v.get(i).copied()).collect() };
    let real_gold: Vec<usize> = real
        .iter()
        .filter_map(|&i| data.gold.get(i).copied())
        .collect();
    let real_rel = pick(&p_rel);
    let real_st: Vec<[f32; 3]> = real.iter().filter_map(|&i| p_st.get(i).copied()).collect();
    let sentence: Vec<usize> = real
        .iter()
        .filter_map(|&i| examples.get(i).map(|e| e.sentence))
        .collect();
    let stands: Vec<bool> = real
        .iter()
        .filter_map(|&i| examples.get(i).map(|e| e.stands))
        .collect();
    let headline: Vec<bool> = real
        .iter()
        .filter_map(|&i| {
            examples
                .get(i)
                .map(|e| corroborate::tools::is_headline(e.claim))
        })
        .collect();
    let sentences: Vec<usize> = real
        .iter()
        .filter_map(|&i| examples.get(i).map(|e| e.sentences))
        .collect();
    let settled = Settled {
        sentences: &sentences,
        sentence: &sentence,
        stands: &stands,
        headline: &headline,
    };
    let (threshold, offsets) = tune(
        &real_gold,
        &real_rel,
        &real_st,
        &settled,
        cfg.disagree_weight,
    );
    let oof = predict(&real_rel, &real_st, threshold, &offsets, &settled);
    let (rel, f1, f1_disagree) = score(&real_gold, &oof);
    log(&format!(
        "tuned: threshold {threshold:.3}, offsets {offsets:?}; out-of-fold (settled) relative {:.2}%, macro-F1 {f1:.4}, disagree F1 {f1_disagree:.4}",
        rel * 100.0
    ));

    let all: Vec<usize> = (0..examples.len()).collect();
    let mut model = fit_model(&data, &idf, &all, cfg);
    model.rel_threshold = threshold;
    model.offsets = offsets;
    let bytes = model.to_bytes();
    log(&format!("model: {} bytes", bytes.len()));
    (bytes, oof)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffle_is_fixed() {
        let mut a: Vec<u32> = (0..10).collect();
        let mut b = a.clone();
        Rng(7).shuffle(&mut a);
        Rng(7).shuffle(&mut b);
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..10).collect::<Vec<u32>>());
    }

    #[test]
    fn score_table() {
        let cases: &[(&[usize], &[usize], f64)] = &[
            (&[3, 0], &[3, 0], 1.0),
            (&[3, 0], &[3, 2], 0.5 / 1.25),
            (&[3, 0], &[0, 3], 0.0),
        ];
        for (gold, pred, want) in cases {
            assert!(
                (score(gold, pred).0 - want).abs() < 1e-12,
                "{gold:?} {pred:?}"
            );
        }
    }

    #[test]
    fn groups_follow_related_links() {
        let ex = |claim, body_id, gold| Example {
            claim,
            body: "",
            body_id,
            gold,
            sentence: 3,
            stands: true,
            sentences: 0,
            synthetic: false,
        };
        let examples = [
            ex("a", 1, 0),
            ex("a", 2, 2),
            ex("b", 3, 1),
            ex("b", 1, 3),
            ex("c", 2, 3),
        ];
        assert_eq!(groups(&examples), [0, 0, 1, 0, 0]);
    }
}
