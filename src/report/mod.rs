//! The report as the outside world sees it: offsets in UTF-16 code units, named as such.
//!
//! The core works in byte offsets. The CLI's JSON and the browser module both hand out
//! [`OutputReport`], built here with one [`Utf16Map`] per text, in one pass each.

use crate::alignment::{DiffKind, DiffSpan};
use crate::judgement::reason::Reason;
use crate::judgement::Relation;
use crate::text::Utf16Map;
use crate::verdict::{ClaimReport, Report, Summary, Verdict};
use serde::Serialize;
use std::collections::HashMap;

/// A diff span with its offsets in UTF-16 code units, relative to the sentence it belongs to.
#[derive(Clone, Debug, Serialize)]
pub struct OutputDiff {
    /// `equal`, `removed` (only the page has it) or `added` (only the source has it).
    pub op: DiffKind,
    /// The span's words.
    pub text: String,
    /// Start in the source's sentence (equal and added spans).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_start_utf16: Option<usize>,
    /// End in the source's sentence (equal and added spans).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_end_utf16: Option<usize>,
    /// Start in the page's claim (equal and removed spans).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_start_utf16: Option<usize>,
    /// End in the page's claim (equal and removed spans).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_end_utf16: Option<usize>,
}

/// A reason with a sentence of plain words for a reader.
#[derive(Clone, Debug, Serialize)]
pub struct OutputReason {
    /// The reason, as in the core.
    #[serde(flatten)]
    pub reason: Reason,
    /// Plain words: `role: this page says "Congressman"; the source says "Defense Secretary"`.
    pub message: String,
}

/// One source's evidence about a claim.
#[derive(Clone, Debug, Serialize)]
pub struct OutputEvidence {
    /// The source's id.
    pub source: String,
    /// The source's outlet, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The source's title, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The source's URL, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `confirms`, `contradicts` or `related`.
    pub relation: Relation,
    /// The source's sentence.
    pub text: String,
    /// Start of the sentence in the source's text, in UTF-16 code units.
    pub start_utf16: usize,
    /// End of the sentence in the source's text, in UTF-16 code units.
    pub end_utf16: usize,
    /// How closely the sentence matches the claim, 0 to 1.
    #[serde(serialize_with = "decimal")]
    pub score: f32,
    /// The share of the claim's weighted words that the sentence holds, 0 to 1.
    #[serde(serialize_with = "decimal")]
    pub coverage: f32,
    /// Typed differences, contradicting ones first.
    pub reasons: Vec<OutputReason>,
    /// Word-level diff of the claim and the sentence.
    pub diff: Vec<OutputDiff>,
    /// The sentence is the source's title (headline), not part of its text; its offsets are
    /// then 0, 0. Serialised only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_title: bool,
}

/// One claim of the page.
#[derive(Clone, Debug, Serialize)]
pub struct OutputClaim {
    /// The claim's text: `page.slice(start_utf16, end_utf16)` in JavaScript.
    pub text: String,
    /// Start of the claim in the page, in UTF-16 code units.
    pub start_utf16: usize,
    /// End of the claim in the page, in UTF-16 code units.
    pub end_utf16: usize,
    /// The verdict across all sources.
    pub verdict: Verdict,
    /// The sources that speak of it, strongest first.
    pub evidence: Vec<OutputEvidence>,
}

/// A whole report with UTF-16 offsets.
#[derive(Clone, Debug, Serialize)]
pub struct OutputReport {
    /// The page's story (`{id, label}`), or `null` when it matches no story among the sources.
    pub story: Option<crate::stories::StoryRef>,
    /// The page's claims, in order.
    pub claims: Vec<OutputClaim>,
    /// Counts per verdict.
    pub summary: Summary,
}

impl OutputReport {
    /// Convert a report on `page` to UTF-16 offsets. `source_of` looks a source up by id to
    /// add its outlet, title and URL, and to convert its sentence offsets.
    pub fn new<'s>(
        report: &Report,
        page: &str,
        source_of: impl Fn(&str) -> Option<&'s crate::Source>,
    ) -> OutputReport {
        let mut convert = OutputClaims::new(page, source_of);
        OutputReport {
            story: report.story.clone(),
            claims: report.claims.iter().map(|c| convert.claim(c)).collect(),
            summary: report.summary.clone(),
        }
    }
}

/// Converts the claims of a report on one page to UTF-16 offsets one at a time, for a caller
/// that writes each claim out as it goes (and so never holds the whole converted report);
/// [`OutputReport::new`] converts them all. The page's table is built once, and each source's
/// once, when it first gives evidence.
pub struct OutputClaims<'s, F> {
    page_map: Utf16Map,
    maps: HashMap<&'s str, Utf16Map>,
    source_of: F,
}

impl<'s, F: Fn(&str) -> Option<&'s crate::Source>> OutputClaims<'s, F> {
    /// A converter for claims of `page`; `source_of` looks a source up by id.
    pub fn new(page: &str, source_of: F) -> OutputClaims<'s, F> {
        OutputClaims {
            page_map: Utf16Map::new(page),
            maps: HashMap::new(),
            source_of,
        }
    }

    /// One claim with UTF-16 offsets.
    pub fn claim(&mut self, c: &ClaimReport) -> OutputClaim {
        let (start_utf16, end_utf16) = to_pair(&self.page_map, c.span.clone());
        let claim_map = Utf16Map::new(&c.text);
        let evidence = c
            .evidence
            .iter()
            .map(|e| {
                let source = (self.source_of)(&e.source);
                let (start_utf16, end_utf16) = match source {
                    Some(s) => {
                        let map = self
                            .maps
                            .entry(s.id.as_str())
                            .or_insert_with(|| Utf16Map::new(&s.text));
                        to_pair(map, e.span.clone())
                    }
                    None => (0, 0),
                };
                let sentence_map = Utf16Map::new(&e.text);
                OutputEvidence {
                    source: e.source.clone(),
                    outlet: source.and_then(|s| s.outlet.clone()),
                    title: source.and_then(|s| s.title.clone()),
                    url: source.and_then(|s| s.url.clone()),
                    relation: e.relation,
                    text: e.text.clone(),
                    start_utf16,
                    end_utf16,
                    score: e.score,
                    coverage: e.coverage,
                    reasons: e
                        .reasons
                        .iter()
                        .map(|r| OutputReason {
                            reason: r.clone(),
                            message: r.to_string(),
                        })
                        .collect(),
                    diff: e
                        .diff
                        .iter()
                        .map(|d| diff_utf16(d, &claim_map, &sentence_map))
                        .collect(),
                    from_title: e.from_title,
                }
            })
            .collect();
        OutputClaim {
            text: c.text.clone(),
            start_utf16,
            end_utf16,
            verdict: c.verdict,
            evidence,
        }
    }
}

fn to_pair(map: &Utf16Map, r: std::ops::Range<usize>) -> (usize, usize) {
    map.range(r).map_or((0, 0), |r| (r.start, r.end))
}

fn diff_utf16(d: &DiffSpan, claim: &Utf16Map, sentence: &Utf16Map) -> OutputDiff {
    let page = d.page.clone().and_then(|r| claim.range(r));
    let source = d.source.clone().and_then(|r| sentence.range(r));
    OutputDiff {
        op: d.op,
        text: d.text.clone(),
        source_start_utf16: source.as_ref().map(|r| r.start),
        source_end_utf16: source.as_ref().map(|r| r.end),
        claim_start_utf16: page.as_ref().map(|r| r.start),
        claim_end_utf16: page.as_ref().map(|r| r.end),
    }
}

/// A score (an `f32` in 0..1) as the `f64` of its shortest decimal form: JavaScript gets `0.45`
/// where the plain widening of the `f32` would give `0.44999998807907104`, and the JSON text is
/// the `f32`'s own shortest form, as before. The fewest decimals that round back to the same
/// `f32` are that form (for numbers under 1); no float parser or formatter is involved.
fn decimal<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    let wide = f64::from(*x);
    let mut scale = 1.0;
    for _ in 0..12 {
        let y = (wide * scale).round() / scale;
        if y as f32 == *x {
            return s.serialize_f64(y);
        }
        scale *= 10.0;
    }
    s.serialize_f64(wide)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize)]
    struct Score(#[serde(serialize_with = "super::decimal")] f32);

    #[test]
    fn scores_cross_as_their_shortest_decimal() {
        for (x, want) in [
            (0.45f32, "0.45"),
            (0.60586023, "0.60586023"),
            (0.6211078, "0.6211078"),
            (1.0, "1.0"),
            (0.0, "0.0"),
            (1e-9, "1e-9"),
        ] {
            let got = serde_json::to_string(&Score(x)).expect("serialises");
            assert_eq!(got, want, "{x}");
        }
    }
}
