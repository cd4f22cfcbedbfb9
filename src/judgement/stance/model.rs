//! The stance model: a hashed IDF table, a relatedness classifier and a three-way stance
//! classifier, both linear over standardised and binned dense features (plus hashed sparse
//! features for the stance), and their compact binary file format.
//!
//! File layout (little endian): magic `CSTM`, version u32, the IDF table, the relatedness
//! model, the relatedness threshold (f32), the stance model, three class offsets (f32).
//! A linear model is: classes u32, dense u32, hash bits u32, per dense feature mean, scale
//! (f32) and a list of cut points (u32 count, f32s), the dense weights (f32, per class:
//! bias, raw weights, one weight per cut), then per class a scale (f32) and `2^bits` i8
//! hashed weights.

use super::features::{Idf, PairFeatures};

const MAGIC: &[u8; 4] = b"CSTM";
const VERSION: u32 = 1;

/// IDF per hashed stem bucket, in 4-bit levels.
#[derive(Clone, Debug, PartialEq)]
pub struct IdfTable {
    pub bits: u32,
    pub base: f32,
    pub step: f32,
    /// Two 4-bit levels per byte, low nibble first.
    pub levels: Vec<u8>,
}

impl Idf for IdfTable {
    fn idf(&self, h: u64) -> f32 {
        let bucket = (h & ((1u64 << self.bits) - 1)) as usize;
        let level =
            self.levels
                .get(bucket / 2)
                .map_or(15, |b| if bucket % 2 == 0 { b & 15 } else { b >> 4 });
        self.base + self.step * f32::from(level)
    }
}

/// A linear classifier over dense features (standardised, plus thermometer-coded cut
/// points) and hashed sparse features.
#[derive(Clone, Debug, PartialEq)]
pub struct Linear {
    pub classes: usize,
    pub dense: usize,
    pub hash_bits: u32,
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
    pub cuts: Vec<Vec<f32>>,
    /// Per class: bias, `dense` raw weights, then one weight per cut point (all features).
    pub w_dense: Vec<f32>,
    /// Per class: `2^hash_bits` weights, to be multiplied by `hash_scale[class]`.
    pub w_hash: Vec<i8>,
    pub hash_scale: Vec<f32>,
}

/// Largest standardised value a dense feature may take.
const CLAMP: f32 = 5.0;

impl Linear {
    /// A model of this shape with no weights yet.
    pub fn unweighted(
        classes: usize,
        dense: usize,
        hash_bits: u32,
        mean: Vec<f32>,
        scale: Vec<f32>,
        cuts: Vec<Vec<f32>>,
    ) -> Linear {
        Linear {
            classes,
            dense,
            hash_bits,
            mean,
            scale,
            cuts,
            w_dense: Vec::new(),
            w_hash: Vec::new(),
            hash_scale: Vec::new(),
        }
    }

    /// Number of dense parameters per class.
    pub fn dense_width(&self) -> usize {
        1 + self.dense + self.cuts.iter().map(Vec::len).sum::<usize>()
    }

    /// The active dense parameters of an input: (index within a class row, value).
    pub fn dense_input(&self, x: &[f32], out: &mut Vec<(usize, f32)>) {
        out.clear();
        out.push((0, 1.0));
        let mut offset = 1 + self.dense;
        for (i, cuts) in self.cuts.iter().enumerate().take(self.dense) {
            let v = x.get(i).copied().unwrap_or(0.0);
            let m = self.mean.get(i).copied().unwrap_or(0.0);
            let s = self.scale.get(i).copied().unwrap_or(1.0);
            let z = ((v - m) * s).clamp(-CLAMP, CLAMP);
            out.push((1 + i, if z.is_finite() { z } else { 0.0 }));
            for (j, &c) in cuts.iter().enumerate() {
                if v > c {
                    out.push((offset + j, 1.0));
                }
            }
            offset += cuts.len();
        }
    }

    /// The active hashed buckets of an input.
    pub fn hash_input(&self, hashed: &[(u64, f32)], out: &mut Vec<(usize, f32)>) {
        out.clear();
        if self.hash_bits == 0 {
            return;
        }
        let mask = (1u64 << self.hash_bits) - 1;
        out.extend(hashed.iter().map(|&(h, v)| ((h & mask) as usize, v)));
    }

    /// The class scores (logits) of an input.
    pub fn scores(&self, x: &[f32], hashed: &[(u64, f32)]) -> Vec<f32> {
        let mut dense = Vec::new();
        let mut sparse = Vec::new();
        self.dense_input(x, &mut dense);
        self.hash_input(hashed, &mut sparse);
        let width = self.dense_width();
        let hw = if self.hash_bits == 0 {
            0
        } else {
            1usize << self.hash_bits
        };
        (0..self.classes)
            .map(|k| {
                let mut s = 0.0;
                for &(i, v) in &dense {
                    s += self.w_dense.get(k * width + i).copied().unwrap_or(0.0) * v;
                }
                let scale = self.hash_scale.get(k).copied().unwrap_or(0.0);
                for &(i, v) in &sparse {
                    s += f32::from(self.w_hash.get(k * hw + i).copied().unwrap_or(0)) * scale * v;
                }
                s
            })
            .collect()
    }
}

/// The whole stance model.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub idf: IdfTable,
    pub rel: Linear,
    /// Probability of "related" at or above which a pair is related.
    pub rel_threshold: f32,
    pub stance: Linear,
    /// Added to the stance log-probabilities (agree, disagree, discuss) before the arg max.
    pub offsets: [f32; 3],
}

/// Numerically safe softmax.
pub fn softmax(scores: &[f32]) -> Vec<f32> {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = scores.iter().map(|s| (s - max).exp()).collect();
    let sum: f32 = exps.iter().sum();
    exps.iter()
        .map(|e| if sum > 0.0 { e / sum } else { 0.0 })
        .collect()
}

impl Model {
    /// Probability that the pair is related.
    pub fn p_related(&self, f: &PairFeatures) -> f32 {
        let s = self.rel.scores(&f.rel, &[]);
        softmax(&s).get(1).copied().unwrap_or(0.0)
    }

    /// Stance probabilities among related pairs (agree, disagree, discuss).
    pub fn p_stance(&self, f: &PairFeatures) -> [f32; 3] {
        let p = softmax(&self.stance.scores(&f.stance, &f.hashed));
        [0, 1, 2].map(|i| p.get(i).copied().unwrap_or(0.0))
    }

    /// The decision among related pairs: index of agree, disagree or discuss.
    pub fn decide(&self, p: &[f32; 3]) -> usize {
        decide(p, &self.offsets)
    }

    /// Serialise.
    #[cfg(any(test, feature = "tools"))]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        w.0.extend_from_slice(MAGIC);
        w.u32(VERSION);
        w.u32(self.idf.bits);
        w.f32(self.idf.base);
        w.f32(self.idf.step);
        w.u32(self.idf.levels.len() as u32);
        w.0.extend_from_slice(&self.idf.levels);
        w.linear(&self.rel);
        w.f32(self.rel_threshold);
        w.linear(&self.stance);
        for o in self.offsets {
            w.f32(o);
        }
        w.0
    }

    /// Parse; `None` for a malformed file.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader(bytes);
        if r.take(4)? != MAGIC || r.u32()? != VERSION {
            return None;
        }
        let bits = r.u32()?;
        if !(1..=24).contains(&bits) {
            return None;
        }
        let base = r.f32()?;
        let step = r.f32()?;
        let n = r.u32()? as usize;
        if n != (1usize << bits) / 2 {
            return None;
        }
        let levels = r.take(n)?.to_vec();
        let idf = IdfTable {
            bits,
            base,
            step,
            levels,
        };
        let rel = r.linear()?;
        let rel_threshold = r.f32()?;
        let stance = r.linear()?;
        let offsets = [r.f32()?, r.f32()?, r.f32()?];
        if !r.0.is_empty() || rel.classes != 2 || stance.classes != 3 {
            return None;
        }
        Some(Model {
            idf,
            rel,
            rel_threshold,
            stance,
            offsets,
        })
    }
}

/// Arg max of log-probabilities plus offsets (first wins ties).
pub fn decide(p: &[f32; 3], offsets: &[f32; 3]) -> usize {
    let mut best = 0;
    let mut best_v = f32::NEG_INFINITY;
    for (i, (&pi, &o)) in p.iter().zip(offsets).enumerate() {
        let v = pi.max(1e-12).ln() + o;
        if v > best_v {
            best_v = v;
            best = i;
        }
    }
    best
}

#[cfg(any(test, feature = "tools"))]
struct Writer(Vec<u8>);

#[cfg(any(test, feature = "tools"))]
impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn linear(&mut self, m: &Linear) {
        self.u32(m.classes as u32);
        self.u32(m.dense as u32);
        self.u32(m.hash_bits);
        for i in 0..m.dense {
            self.f32(m.mean.get(i).copied().unwrap_or(0.0));
            self.f32(m.scale.get(i).copied().unwrap_or(1.0));
            let cuts = m.cuts.get(i).map_or(&[][..], Vec::as_slice);
            self.u32(cuts.len() as u32);
            for &c in cuts {
                self.f32(c);
            }
        }
        for &w in &m.w_dense {
            self.f32(w);
        }
        if m.hash_bits > 0 {
            for k in 0..m.classes {
                self.f32(m.hash_scale.get(k).copied().unwrap_or(0.0));
            }
            self.0.extend(m.w_hash.iter().map(|&w| w as u8));
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Option<f32> {
        self.u32().map(f32::from_bits)
    }
    fn linear(&mut self) -> Option<Linear> {
        let classes = self.u32()? as usize;
        let dense = self.u32()? as usize;
        let hash_bits = self.u32()?;
        if !(1..=16).contains(&classes) || dense > 1024 || hash_bits > 20 {
            return None;
        }
        let (mut mean, mut scale, mut cuts) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..dense {
            mean.push(self.f32()?);
            scale.push(self.f32()?);
            let n = self.u32()? as usize;
            if n > 256 {
                return None;
            }
            cuts.push((0..n).map(|_| self.f32()).collect::<Option<Vec<f32>>>()?);
        }
        let mut m = Linear::unweighted(classes, dense, hash_bits, mean, scale, cuts);
        let n = m.dense_width() * classes;
        m.w_dense = (0..n).map(|_| self.f32()).collect::<Option<Vec<f32>>>()?;
        if hash_bits > 0 {
            m.hash_scale = (0..classes)
                .map(|_| self.f32())
                .collect::<Option<Vec<f32>>>()?;
            let n = classes << hash_bits;
            m.w_hash = self.take(n)?.iter().map(|&b| b as i8).collect();
        }
        Some(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let lin = |classes: usize, hash_bits: u32| Linear {
            classes,
            dense: 2,
            hash_bits,
            mean: vec![0.5, 1.0],
            scale: vec![2.0, 1.0],
            cuts: vec![vec![0.25, 0.75], vec![]],
            w_dense: (0..classes * 5).map(|i| i as f32 * 0.1 - 0.3).collect(),
            w_hash: if hash_bits > 0 {
                (0..classes << hash_bits)
                    .map(|i| (i as i8).wrapping_mul(7))
                    .collect()
            } else {
                vec![]
            },
            hash_scale: if hash_bits > 0 {
                vec![0.01; classes]
            } else {
                vec![]
            },
        };
        Model {
            idf: IdfTable {
                bits: 4,
                base: 1.0,
                step: 0.5,
                levels: vec![0x21; 8],
            },
            rel: lin(2, 0),
            rel_threshold: 0.4,
            stance: lin(3, 3),
            offsets: [0.1, 0.2, -0.3],
        }
    }

    #[test]
    fn round_trip() {
        let m = tiny();
        let bytes = m.to_bytes();
        assert_eq!(Model::from_bytes(&bytes), Some(m));
    }

    #[test]
    fn truncated_or_corrupt_files_are_rejected() {
        let bytes = tiny().to_bytes();
        for n in [0, 3, 4, 8, 20, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(Model::from_bytes(&bytes[..n]), None, "truncated at {n}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Model::from_bytes(&longer), None);
        let mut bad = bytes;
        bad[0] = b'X';
        assert_eq!(Model::from_bytes(&bad), None);
    }

    #[test]
    fn idf_levels_table() {
        let t = IdfTable {
            bits: 2,
            base: 1.0,
            step: 0.5,
            levels: vec![0x31, 0xF0],
        };
        let cases = [(0u64, 1.5), (1, 2.5), (2, 1.0), (3, 8.5), (4, 1.5)];
        for (h, want) in cases {
            assert_eq!(t.idf(h), want, "{h}");
        }
    }

    #[test]
    fn decide_table() {
        let cases = [
            ([0.5, 0.2, 0.3], [0.0, 0.0, 0.0], 0),
            ([0.2, 0.3, 0.5], [0.0, 0.0, 0.0], 2),
            ([0.3, 0.2, 0.5], [1.0, 0.0, 0.0], 0),
            ([0.3, 0.2, 0.5], [0.0, 1.0, 0.0], 1),
        ];
        for (p, o, want) in cases {
            assert_eq!(decide(&p, &o), want, "{p:?} {o:?}");
        }
    }
}
