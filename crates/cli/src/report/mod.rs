//! The reports of `corroborate check`: text for a terminal ([`text`]), JSON for programs
//! ([`json`]), and one self-contained HTML file a journalist can hand on ([`html`]).
//!
//! The text and HTML reports say what was compared before anything else ([`Run`]), and speak
//! the page's vocabulary: the same glyphs and words for verdicts and relations as the shell
//! (`www/ui.js`; a test holds them equal).

pub mod html;
pub mod json;
pub mod text;

use corroborate::{Relation, Verdict};

/// A source the page was compared with.
#[derive(Clone, Debug, Default)]
pub struct Compared {
    /// The source's id.
    pub id: String,
    /// Its outlet, when known.
    pub outlet: Option<String>,
    /// Its title, when known.
    pub title: Option<String>,
    /// Its URL, when known.
    pub url: Option<String>,
}

impl Compared {
    /// How the reports name it: the outlet, else the id.
    pub fn name(&self) -> &str {
        self.outlet.as_deref().unwrap_or(&self.id)
    }
}

/// What one run of `check` compared, for the reports' headers.
#[derive(Clone, Debug, Default)]
pub struct Run {
    /// The page's file, as given.
    pub page: String,
    /// The page's title, when it has one.
    pub title: Option<String>,
    /// How many claims the page has.
    pub claims: usize,
    /// The sources compared with it, in the corpus's order.
    pub sources: Vec<Compared>,
    /// The ids of the sources left out as the page itself.
    pub skipped: Vec<String>,
    /// When the run was made: UTC, RFC 3339 to the second.
    pub date: String,
    /// The version of corroborate.
    pub version: String,
}

impl Run {
    /// "15 claims against 3 sources: The Harbour Herald, Coastline News, Northern Wire".
    pub fn compared(&self) -> String {
        let names: Vec<&str> = self.sources.iter().map(Compared::name).collect();
        format!(
            "{} against {}: {}",
            plural(self.claims, "claim"),
            plural(self.sources.len(), "source"),
            names.join(", ")
        )
    }
}

/// What the score means, said once per report.
pub const SCORE_NOTE: &str = "score: how much of the claim's weighted wording a source's \
    sentence shares, from 0 to 1. It picks the sentence; the relation is decided word by word.";

/// "1 claim", "3 claims".
pub fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// A verdict's glyph, as the page marks it.
pub fn verdict_glyph(v: Verdict) -> &'static str {
    match v {
        Verdict::Confirmed => "✓",
        Verdict::Contradicted => "✗",
        Verdict::Disputed => "±",
        Verdict::Related => "≈",
        Verdict::Unique => "◇",
    }
}

/// A verdict in the reports' words.
pub fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Confirmed => "confirmed",
        Verdict::Contradicted => "contradicted",
        Verdict::Disputed => "disputed",
        Verdict::Related => "related only",
        Verdict::Unique => "unique to this page",
    }
}

/// A relation's glyph, as the page's panel shows it.
pub fn relation_glyph(r: Relation) -> &'static str {
    match r {
        Relation::Confirms => "✓",
        Relation::Contradicts => "✗",
        Relation::Related | Relation::Unrelated => "≈",
    }
}

/// The UTC date and time of now, or of `SOURCE_DATE_EPOCH` (seconds) when it is set, so that a
/// report can be made reproducibly.
pub fn now() -> String {
    let at = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map(|s| std::time::UNIX_EPOCH + std::time::Duration::from_secs(s))
        .unwrap_or_else(std::time::SystemTime::now);
    humantime::format_rfc3339_seconds(at).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shell's glyphs (`GLYPH` in www/ui.js) are the reports' glyphs.
    #[test]
    fn glyphs_are_the_shells() {
        let ui = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/ui.js"))
            .expect("www/ui.js");
        let start = ui
            .find("export const GLYPH = {")
            .expect("GLYPH in www/ui.js");
        let table = &ui[start..start + ui[start..].find('}').expect("the table ends")];
        let verdicts = [
            ("confirmed", Verdict::Confirmed),
            ("contradicted", Verdict::Contradicted),
            ("disputed", Verdict::Disputed),
            ("related", Verdict::Related),
            ("unique", Verdict::Unique),
        ];
        for (name, v) in verdicts {
            let entry = format!("{name}: '{}'", verdict_glyph(v));
            assert!(table.contains(&entry), "{entry} not in {table}");
        }
        for (name, r) in [
            ("confirms", Relation::Confirms),
            ("contradicts", Relation::Contradicts),
        ] {
            let entry = format!("{name}: '{}'", relation_glyph(r));
            assert!(table.contains(&entry), "{entry} not in {table}");
        }
    }

    #[test]
    fn compared_names_outlets_and_counts() {
        let run = Run {
            claims: 1,
            sources: vec![
                Compared {
                    id: "a".into(),
                    outlet: Some("The Post".into()),
                    ..Default::default()
                },
                Compared {
                    id: "b".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        assert_eq!(run.compared(), "1 claim against 2 sources: The Post, b");
    }

    #[test]
    fn source_date_epoch_makes_the_date() {
        // The variable is read at the call; other tests of this binary do not read it.
        std::env::set_var("SOURCE_DATE_EPOCH", "1764633600");
        assert_eq!(now(), "2025-12-02T00:00:00Z");
        std::env::remove_var("SOURCE_DATE_EPOCH");
    }
}
