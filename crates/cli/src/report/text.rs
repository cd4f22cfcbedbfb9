//! The text report, for a person at a terminal: what was compared, then each claim with its
//! verdict and each source's sentence with the differing words marked, then the counts.

use super::{relation_glyph, verdict_glyph, verdict_words, Run, NO_COVERAGE_HINT, SCORE_NOTE};
use corroborate::{OutputClaim, Relation, Summary, Verdict};
use std::io::{self, Write};

/// Text from a page or a source made safe for a terminal: control characters (C0 but line
/// feed and tab, DEL, C1) are shown as their Unicode control pictures or as `<U+…>`, and the
/// bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) as
/// `<U+…>`, so that a source cannot move the cursor, retitle the window or reorder the line.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if !s.contains(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !bad(c) {
            out.push(c);
        } else if (c as u32) < 0x20 {
            // U+2400 CONTROL PICTURE FOR NULL onwards: ␛ for ESC.
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'));
        } else if c == '\u{7f}' {
            out.push('\u{2421}');
        } else {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// ANSI styles for the text report.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// A verdict's label (the page's glyph and words) and colour.
fn verdict_style(v: Verdict) -> (String, &'static str) {
    let code = match v {
        Verdict::Confirmed => "32",
        Verdict::Contradicted => "31;1",
        Verdict::Disputed => "35;1",
        Verdict::Related => "36",
        Verdict::Unique => "33",
    };
    (format!("{} {}", verdict_glyph(v), verdict_words(v)), code)
}

fn relation_style(r: Relation) -> (&'static str, &'static str) {
    match r {
        Relation::Confirms => ("confirms", "32"),
        Relation::Contradicts => ("contradicts", "31;1"),
        Relation::Related => ("related", "36"),
        Relation::Unrelated => ("unrelated", "2"),
    }
}

/// The glyph and colour of a reason in the text report: contradicting ones (a reversal or an
/// incompatible substitution among them) as a contradicted claim is, a word the source does not
/// back as a noted difference, a difference that the source backs ("40" backs "up to 40") faint.
fn reason_style(r: &corroborate::Reason) -> (&'static str, &'static str) {
    match r.class.map(|c| c.as_str()) {
        _ if r.contradicts => ("✗", "31;1"),
        Some("equivalent") => ("=", "2"),
        Some("unverifiable") => ("?", "33"),
        _ => ("~", "33"),
    }
}

/// The text report: what was compared and what the score means, then each claim as it is
/// checked, and the counts.
pub fn write(
    w: &mut impl Write,
    run: &Run,
    claims: impl Iterator<Item = OutputClaim>,
    summary: impl FnOnce() -> Summary,
    colour: bool,
) -> io::Result<()> {
    let st = Style { on: colour };
    writeln!(w, "{}: {}.", visible(&run.page), visible(&run.compared()))?;
    for id in &run.skipped {
        writeln!(w, "skipped: {} (the page itself)", visible(id))?;
    }
    if run.no_coverage() {
        // An answer, not an error: no claim is marked unique against sources on other stories.
        return writeln!(w, "{}", st.paint("2", NO_COVERAGE_HINT));
    }
    writeln!(w, "{}\n", st.paint("2", SCORE_NOTE))?;
    for (i, claim) in claims.enumerate() {
        let (label, code) = verdict_style(claim.verdict);
        writeln!(
            w,
            "{:>3}. {}  {}",
            i + 1,
            st.paint(code, &label),
            visible(&claim.text)
        )?;
        for e in &claim.evidence {
            let (rel, code) = relation_style(e.relation);
            let who = visible(e.outlet.as_deref().unwrap_or(&e.source));
            writeln!(
                w,
                "       {} {} {} (score {:.2}){}",
                st.paint(code, relation_glyph(e.relation)),
                st.paint(code, &format!("{rel:<11}")),
                who,
                e.score,
                if e.from_title { " (headline)" } else { "" }
            )?;
            let mut line = String::new();
            for d in &e.diff {
                let (open, close, code) = match d.op {
                    corroborate::DiffKind::Equal => {
                        let t = visible(&d.text);
                        // After a marked run (which ends in a space), no second space.
                        let t = if line.ends_with(' ') {
                            t.trim_start()
                        } else {
                            &t
                        };
                        line.push_str(t);
                        continue;
                    }
                    corroborate::DiffKind::Removed => ("[-", "-]", "9;31"),
                    corroborate::DiffKind::Added => ("{+", "+}", "4;32"),
                };
                let words = d.text.trim();
                if words.is_empty() {
                    continue;
                }
                let tail = &d.text[d.text.trim_end().len()..];
                let words = visible(words);
                // A marked run is a word group of its own: never glued to the text before it
                // ("evening.[-shortly" was "evening. [-shortly").
                if !line.is_empty() && !line.ends_with(char::is_whitespace) {
                    line.push(' ');
                }
                line.push_str(&st.paint(code, &format!("{open}{words}{close}")));
                line.push_str(if tail.is_empty() { " " } else { tail });
            }
            writeln!(w, "         {}", line.trim_end())?;
            for r in &e.reasons {
                let (glyph, code) = reason_style(&r.reason);
                writeln!(
                    w,
                    "         {} {}",
                    st.paint(code, glyph),
                    visible(&r.message)
                )?;
            }
        }
    }
    let s = summary();
    writeln!(
        w,
        "\n{} claims: {} confirmed, {} contradicted, {} disputed, {} related only, {} unique to this page",
        s.claims, s.confirmed, s.contradicted, s.disputed, s.related, s.unique
    )
}
