//! The reports of `corroborate check`: text for a terminal ([`text`]), JSON for programs
//! ([`json`]), and one self-contained HTML file a journalist can hand on ([`html`]).
//!
//! The text and HTML reports say what was compared before anything else ([`Run`]), and speak
//! the page's vocabulary: the same glyphs and words for verdicts and relations as the shell
//! (`www/ui.js`; a test holds them equal).

pub mod html;
pub mod json;
pub mod text;

use corroborate::{Relation, StoryRef, Verdict};

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
    /// The sources compared with it, in the corpus's order: those of its story, or all of
    /// them with `--all-sources`.
    pub sources: Vec<Compared>,
    /// The page's story among the sources, or `None` when it matches none.
    pub story: Option<StoryRef>,
    /// How many usable sources there were (the page itself left out).
    pub available: usize,
    /// Whether every source was compared (`--all-sources`), not only the story's.
    pub all_sources: bool,
    /// The ids of the sources left out as the page itself.
    pub skipped: Vec<String>,
    /// When the run was made: UTC, RFC 3339 to the second.
    pub date: String,
    /// The version of corroborate.
    pub version: String,
}

impl Run {
    /// "15 claims against 3 sources: The Harbour Herald, Coastline News, Northern Wire", then
    /// the story ("; story: Caldmoor · ferry · pier"), or, when the page matches no story, the
    /// no-coverage sentence alone ([`no_coverage`]).
    pub fn compared(&self) -> String {
        if self.no_coverage() {
            return no_coverage(self.available);
        }
        let names: Vec<&str> = self.sources.iter().map(Compared::name).collect();
        let mut out = format!(
            "{} against {}: {}",
            plural(self.claims, "claim"),
            plural(self.sources.len(), "source"),
            names.join(", ")
        );
        match &self.story {
            Some(story) => {
                out.push_str("; story: ");
                out.push_str(&story.label);
            }
            None if self.all_sources => out.push_str("; the page matches no story among them"),
            None => {}
        }
        if self.all_sources {
            out.push_str(" (--all-sources: every source compared)");
        }
        out
    }

    /// True when the page matches no story among the sources and nothing was compared.
    pub fn no_coverage(&self) -> bool {
        self.story.is_none() && !self.all_sources && self.available > 0
    }
}

/// "No coverage of this story among your 14 sources" ("1 source"): what a page that matches no
/// story among the sources gets instead of claims marked unique.
pub fn no_coverage(available: usize) -> String {
    format!(
        "No coverage of this story among your {}",
        plural(available, "source")
    )
}

/// What to do about it, said after [`no_coverage`].
pub const NO_COVERAGE_HINT: &str =
    "None of the sources is about what this page reports; add sources on its story, or check \
     with --all-sources to compare it with every source anyway.";

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
        let story = Run {
            story: Some(StoryRef {
                id: "auto:0000abcd".into(),
                label: "Caldmoor · ferry".into(),
            }),
            available: 3,
            ..run.clone()
        };
        assert_eq!(
            story.compared(),
            "1 claim against 2 sources: The Post, b; story: Caldmoor · ferry"
        );
        let all = Run {
            all_sources: true,
            ..story.clone()
        };
        assert!(all
            .compared()
            .ends_with("(--all-sources: every source compared)"));
        let none = Run {
            story: None,
            claims: 0,
            sources: Vec::new(),
            available: 1,
            ..run
        };
        assert!(none.no_coverage());
        assert_eq!(
            none.compared(),
            "No coverage of this story among your 1 source"
        );
        assert_eq!(
            no_coverage(14),
            "No coverage of this story among your 14 sources"
        );
    }

    #[test]
    fn source_date_epoch_makes_the_date() {
        // The variable is read at the call; other tests of this binary do not read it.
        std::env::set_var("SOURCE_DATE_EPOCH", "1764633600");
        assert_eq!(now(), "2025-12-02T00:00:00Z");
        std::env::remove_var("SOURCE_DATE_EPOCH");
    }
}
