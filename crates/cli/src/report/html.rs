//! The HTML report: one self-contained file a journalist can hand to an editor. It opens from
//! `file://` with no network (a Content-Security-Policy of `default-src 'none'` says so to the
//! browser), and holds the article with its claims marked in the page's looks, each claim's
//! evidence (the popover's content: sources, relation, the sentence with the differing words,
//! the reasons, a link), the counts, the claims × sources grid, the run's facts, and a print
//! stylesheet. Every piece of text from the page or the sources is escaped: it stays text.

use super::{plural, relation_glyph, verdict_glyph, verdict_words, Run, SCORE_NOTE};
use corroborate::{DiffKind, OutputClaim, OutputEvidence, Relation, Summary, Verdict};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

/// The verdicts' looks, as the page paints them (`LOOK` in www/paint.js; a test holds them
/// equal): the line style, then the line colour, the background, each for light and dark.
const LOOK: [(&str, [&str; 5]); 5] = [
    (
        "confirmed",
        ["solid", "#1a7f37", "#3fb950", "transparent", "transparent"],
    ),
    (
        "contradicted",
        ["wavy", "#c0182b", "#ff7b72", "#c0182b14", "#ff7b7224"],
    ),
    (
        "disputed",
        ["double", "#9a5b00", "#e3b341", "#9a5b0012", "#e3b3411f"],
    ),
    (
        "related",
        ["dotted", "#0b61c9", "#79c0ff", "transparent", "transparent"],
    ),
    (
        "unique",
        ["dashed", "#6e7781", "#9ea7b3", "transparent", "transparent"],
    ),
];

/// Function words: a diff run made only of these is churn, kept quiet as in the popover
/// (`FUNCTION_WORDS` in www/ui.js; a test holds them equal).
const FUNCTION_WORDS: [&str; 28] = [
    "the", "a", "an", "was", "were", "is", "are", "be", "been", "when", "as", "of", "to", "in",
    "on", "at", "by", "for", "with", "and", "that", "which", "it", "its", "this", "has", "have",
    "had",
];

/// The page's text escaped for HTML: `&`, `<`, `>`, `"` and `'`.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A name from a source (outlet, title, id) isolated from the text around it, so that its
/// direction controls cannot reorder the line.
fn name(s: &str) -> String {
    format!("<bdi>{}</bdi>", esc(s))
}

/// An http(s) URL, or nothing: a `javascript:` or `data:` URL from a source is never a link.
fn http_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(u)
}

/// The verdict's sentence, as the popover says it.
fn verdict_sentence(c: &OutputClaim, sources: usize) -> String {
    let by = |r: Relation| c.evidence.iter().filter(|e| e.relation == r).count();
    match c.verdict {
        Verdict::Confirmed => format!("Confirmed by {}", plural(by(Relation::Confirms), "source")),
        Verdict::Contradicted => format!(
            "Contradicted by {}",
            plural(by(Relation::Contradicts), "source")
        ),
        Verdict::Disputed => {
            let (yes, no) = (by(Relation::Confirms), by(Relation::Contradicts));
            let verb =
                |n: usize, one: &str, many: &str| if n == 1 { one } else { many }.to_string();
            if yes > 0 {
                format!(
                    "Disputed: {} {}, {no} {}",
                    plural(yes, "source"),
                    verb(yes, "confirms", "confirm"),
                    verb(no, "contradicts", "contradict")
                )
            } else {
                // No source confirms the whole claim, but another states the fact in question
                // as this page does (see corroborate's verdict rules).
                format!(
                    "Disputed: {} {} it, another states its fact as this page does",
                    plural(no, "source"),
                    verb(no, "contradicts", "contradict")
                )
            }
        }
        Verdict::Related => format!(
            "Related: {} of it without confirming it",
            match by(Relation::Related) {
                1 => "1 source speaks".to_string(),
                n => format!("{n} sources speak"),
            }
        ),
        Verdict::Unique => format!(
            "Unique to this page: none of {} reports it",
            plural(sources, "source")
        ),
    }
}

/// The words of a run, lower case.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A run made only of function words ("was", "of the").
fn quiet(text: &str) -> bool {
    let words = words_of(text);
    !words.is_empty() && words.iter().all(|w| FUNCTION_WORDS.contains(&w.as_str()))
}

/// A run of words of `outer` is `inner`.
fn within(inner: &[String], outer: &[String]) -> bool {
    !inner.is_empty()
        && outer.len() >= inner.len()
        && outer.windows(inner.len()).any(|w| w == inner)
}

/// The run holds the words a reason names on one side, or (unless it is only function words)
/// is part of them.
fn named(run: &str, reason_words: &str) -> bool {
    let (run_words, words) = (words_of(run), words_of(reason_words));
    within(&words, &run_words) || (!quiet(run) && within(&run_words, &words))
}

/// The byte offset in `s` of UTF-16 offset `u` (the end when past it).
fn byte_at(s: &str, u: usize) -> usize {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        if units >= u {
            return i;
        }
        units += c.len_utf16();
    }
    s.len()
}

/// The source's sentence with its own words marked (`ins`) and the page's differing words
/// struck through (`del`) where they stand, as the popover shows it: short replaced runs and
/// the words a reason names; runs of function words only are kept quiet.
fn sentence(e: &OutputEvidence) -> String {
    let mut out = String::new();
    let is_named = |side: fn(&corroborate::Reason) -> &str, words: &str| {
        e.reasons
            .iter()
            .any(|r| !side(&r.reason).is_empty() && named(words, side(&r.reason)))
    };
    let mark = |tag: &str, words: &str, key: bool, title: &str| {
        let class = if key {
            " class=\"key\""
        } else if quiet(words) {
            " class=\"quiet\""
        } else {
            ""
        };
        format!("<{tag}{class} title=\"{title}\">{}</{tag}>", esc(words))
    };
    let space = |out: &mut String| {
        if !out.is_empty() && !out.ends_with(char::is_whitespace) {
            out.push(' ');
        }
    };
    let text = e.text.as_str();
    let mut pos = 0;
    for d in &e.diff {
        if d.op == DiffKind::Removed {
            let words = d.text.trim();
            let long = words.split_whitespace().count() > 3;
            if words.is_empty() || (long && !is_named(|r| r.page.as_str(), words)) {
                continue;
            }
            space(&mut out);
            let key = is_named(|r| r.page.as_str(), words);
            out.push_str(&mark("del", words, key, "only on this page"));
            out.push(' ');
            continue;
        }
        let (Some(s), Some(t)) = (d.source_start_utf16, d.source_end_utf16) else {
            space(&mut out);
            out.push_str(&esc(&d.text));
            continue;
        };
        let (s, t) = (byte_at(text, s), byte_at(text, t));
        if s > pos {
            out.push_str(&esc(text.get(pos..s).unwrap_or("")));
        }
        let words = text.get(s..t.max(s)).unwrap_or("");
        if d.op == DiffKind::Added {
            let core = words.trim();
            let lead = &words[..words.len() - words.trim_start().len()];
            let tail = &words[words.trim_end().len()..];
            let key = is_named(|r| r.source.as_str(), core);
            out.push_str(lead);
            out.push_str(&mark("ins", core, key, "only in the source"));
            out.push_str(tail);
        } else {
            out.push_str(&esc(words));
        }
        pos = pos.max(t);
    }
    out.push_str(&esc(text.get(pos..).unwrap_or("")));
    out
}

/// The stylesheet: the page's looks per verdict (light and dark), the evidence, the grid, and
/// print rules (links spelled out, no page break inside a claim's evidence).
fn style() -> String {
    let mut light = String::new();
    let mut dark = String::new();
    for (v, [line, c, cd, bg, bgd]) in LOOK {
        let rule = |color: &str, back: &str| {
            format!(
                ".claim[data-verdict={v}]{{text-decoration:underline {line} {color};\
                 text-decoration-thickness:2px;text-decoration-skip-ink:none;\
                 text-underline-offset:3px;background-color:{back}}}\
                 .glyph[data-verdict={v}]{{color:{color}}}"
            )
        };
        light.push_str(&rule(c, bg));
        dark.push_str(&rule(cd, bgd));
    }
    format!(
        ":root{{color-scheme:light dark;--text:#1f2328;--back:#ffffff;--muted:#57606a;\
         --line:#d0d7de;--added:#dafbe1;--removed:#ffebe9;--link:#0550ae}}\
         @media (prefers-color-scheme:dark){{:root{{--text:#e6edf3;--back:#0d1117;\
         --muted:#9ea7b3;--line:#30363d;--added:#1f6f3b66;--removed:#8e1a1a66;--link:#79c0ff}}\
         {dark}}}\
         body{{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:2rem auto;\
         padding:0 1rem;color:var(--text);background:var(--back)}}a{{color:var(--link)}}\
         h1{{font-size:1.5rem;margin-bottom:.25rem}}h2{{font-size:1.2rem;margin-top:2.5rem}}\
         .facts,.note{{color:var(--muted);font-size:.9rem}}\
         .article{{white-space:pre-wrap}}\
         .claim{{color:inherit}}{light}\
         .sr{{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);\
         white-space:nowrap}}\
         .claim:focus-visible,.claim:hover{{outline:2px solid currentColor;outline-offset:1px}}\
         ol.claims>li{{margin:1.25rem 0;padding-top:.5rem;border-top:1px solid var(--line)}}\
         .evidence{{margin:.5rem 0 .5rem 1rem}}\
         .evidence h4{{margin:.25rem 0;font-size:1rem}}\
         blockquote{{margin:.25rem 0;padding-left:.75rem;border-left:3px solid var(--line)}}\
         ins{{background:var(--added);text-decoration:none}}\
         del{{background:var(--removed)}}\
         ins.quiet,del.quiet{{background:none;color:var(--muted);text-decoration:none}}\
         .key{{font-weight:600}}\
         .reasons{{margin:.25rem 0;padding-left:1.25rem}}\
         .reasons .contradicts{{font-weight:600}}\
         table{{border-collapse:collapse;font-size:.9rem}}\
         th,td{{border:1px solid var(--line);padding:.2rem .5rem;text-align:left}}\
         td.rel{{text-align:center}}\
         @media print{{body{{max-width:none;margin:0;font-size:11pt}}\
         a{{color:inherit}}a.src::after{{content:\" (\" attr(href) \")\";font-size:.85em}}\
         ol.claims>li{{break-inside:avoid}}.back{{display:none}}\
         h2{{break-after:avoid}}}}"
    )
}

/// Write the report. `claims` are the page's claims in order with their byte ranges in
/// `page`; `summary` their counts.
pub fn write(
    w: &mut impl Write,
    run: &Run,
    page: &str,
    claims: &[(Range<usize>, OutputClaim)],
    summary: &Summary,
) -> io::Result<()> {
    let mut h = String::with_capacity(page.len() * 4 + 8192);
    let title = run.title.as_deref().unwrap_or(&run.page);
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:\">\
         <meta name=\"generator\" content=\"corroborate {}\">\
         <title>Checked: {}</title><style>{}</style></head><body>\n",
        esc(&run.version),
        esc(title),
        style()
    );
    // The run's facts and the counts.
    let _ = write!(
        h,
        "<header><h1>Checked: {}</h1>\n<p class=\"facts\">{}. Checked from {} with \
         corroborate {} on <time datetime=\"{d}\">{d}</time>.</p>\n",
        name(title),
        esc(&run.compared()),
        name(&run.page),
        esc(&run.version),
        d = esc(&run.date),
    );
    for id in &run.skipped {
        let _ = writeln!(
            h,
            "<p class=\"facts\">Skipped {}: the page itself.</p>",
            name(id)
        );
    }
    if run.no_coverage() {
        let _ = writeln!(h, "<p class=\"facts\">{}</p>", esc(super::NO_COVERAGE_HINT));
    }
    let counts = [
        (Verdict::Confirmed, summary.confirmed),
        (Verdict::Contradicted, summary.contradicted),
        (Verdict::Disputed, summary.disputed),
        (Verdict::Related, summary.related),
        (Verdict::Unique, summary.unique),
    ];
    let _ = write!(
        h,
        "<p class=\"summary\">{}: ",
        plural(summary.claims, "claim")
    );
    for (i, (v, n)) in counts.iter().enumerate() {
        let _ = write!(
            h,
            "{}<span class=\"glyph\" data-verdict=\"{}\" aria-hidden=\"true\">{}</span> {n} {}",
            if i > 0 { ", " } else { "" },
            v.as_str(),
            verdict_glyph(*v),
            verdict_words(*v)
        );
    }
    h.push_str(".</p>\n<details><summary>How to read the marks</summary><ul>");
    for (v, line) in [
        (
            Verdict::Confirmed,
            "solid line: another outlet says the same thing",
        ),
        (
            Verdict::Contradicted,
            "wavy line: an outlet says something incompatible (the differing words are shown)",
        ),
        (
            Verdict::Disputed,
            "double line: some outlets confirm it, others contradict it",
        ),
        (
            Verdict::Related,
            "dotted line: outlets speak of it without confirming or contradicting it",
        ),
        (
            Verdict::Unique,
            "dashed line: no other outlet makes this claim",
        ),
    ] {
        let _ = write!(
            h,
            "<li><span class=\"claim\" data-verdict=\"{}\">{} {}</span>: {line}</li>",
            v.as_str(),
            verdict_glyph(v),
            verdict_words(v)
        );
    }
    let _ = writeln!(
        h,
        "</ul><p class=\"note\">In a source's sentence, <ins>its own words</ins> are marked and \
         <del>this page's differing words</del> struck through. {}</p></details></header>",
        esc(SCORE_NOTE)
    );

    // The article, its claims marked and linked to their evidence.
    h.push_str("<main><section aria-labelledby=\"article\"><h2 id=\"article\">The article</h2>\n<div class=\"article\">");
    let mut pos = 0;
    for (i, (span, c)) in claims.iter().enumerate() {
        if span.start < pos || span.end > page.len() {
            continue;
        }
        h.push_str(&esc(page.get(pos..span.start).unwrap_or("")));
        let _ = write!(
            h,
            "<a class=\"claim\" id=\"mark-{n}\" href=\"#claim-{n}\" data-verdict=\"{v}\" \
             title=\"{words}\">{}<span class=\"sr\"> ({words})</span></a>",
            esc(page.get(span.clone()).unwrap_or(&c.text)),
            n = i + 1,
            v = c.verdict.as_str(),
            words = verdict_words(c.verdict),
        );
        pos = span.end;
    }
    h.push_str(&esc(page.get(pos..).unwrap_or("")));
    h.push_str("</div></section>\n");

    // Each claim's evidence.
    h.push_str("<section aria-labelledby=\"evidence\"><h2 id=\"evidence\">Claims and evidence</h2>\n<ol class=\"claims\">");
    for (i, (_, c)) in claims.iter().enumerate() {
        let n = i + 1;
        let _ = write!(
            h,
            "<li id=\"claim-{n}\"><p><span class=\"glyph\" data-verdict=\"{v}\" aria-hidden=\"true\">{g}</span> \
             <strong>{}</strong>: {} <a class=\"back\" href=\"#mark-{n}\">back to the article</a></p>",
            esc(&verdict_sentence(c, run.sources.len())),
            esc(&c.text),
            v = c.verdict.as_str(),
            g = verdict_glyph(c.verdict),
        );
        for e in &c.evidence {
            let who = e.outlet.as_deref().unwrap_or(&e.source);
            let _ = write!(
                h,
                "<div class=\"evidence\"><h4><span aria-hidden=\"true\">{}</span> {} {}{}</h4>\
                 <blockquote>{}</blockquote>",
                relation_glyph(e.relation),
                name(who),
                e.relation.as_str(),
                if e.from_title { " (its headline)" } else { "" },
                sentence(e)
            );
            if !e.reasons.is_empty() {
                h.push_str("<ul class=\"reasons\">");
                for r in &e.reasons {
                    let _ = write!(
                        h,
                        "<li{}>{}</li>",
                        if r.reason.contradicts {
                            " class=\"contradicts\""
                        } else {
                            ""
                        },
                        esc(&r.message)
                    );
                }
                h.push_str("</ul>");
            }
            let title = e.title.as_deref().map(name).unwrap_or_default();
            match e.url.as_deref().and_then(http_url) {
                Some(url) => {
                    let _ = write!(
                        h,
                        "<p class=\"facts\">{title} <a class=\"src\" href=\"{}\" rel=\"noreferrer\">read the source</a></p>",
                        esc(url)
                    );
                }
                None if !title.is_empty() => {
                    let _ = write!(h, "<p class=\"facts\">{title}</p>");
                }
                None => {}
            }
            h.push_str("</div>");
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ol></section>\n");

    // The claims × sources grid.
    h.push_str("<section aria-labelledby=\"grid\"><h2 id=\"grid\">Claims × sources</h2>\n<table><thead><tr><th scope=\"col\">claim</th>");
    for s in &run.sources {
        let _ = write!(h, "<th scope=\"col\">{}</th>", name(s.name()));
    }
    h.push_str("</tr></thead><tbody>");
    for (i, (_, c)) in claims.iter().enumerate() {
        let _ = write!(
            h,
            "<tr><th scope=\"row\"><a href=\"#claim-{n}\"><span class=\"glyph\" data-verdict=\"{v}\">{g}</span> {n}</a></th>",
            n = i + 1,
            v = c.verdict.as_str(),
            g = verdict_glyph(c.verdict),
        );
        for s in &run.sources {
            match c.evidence.iter().find(|e| e.source == s.id) {
                Some(e) => {
                    let _ = write!(
                        h,
                        "<td class=\"rel\" title=\"{r}\">{} <span class=\"facts\">{r}</span></td>",
                        relation_glyph(e.relation),
                        r = e.relation.as_str()
                    );
                }
                None => h.push_str("<td class=\"rel\" title=\"does not speak of it\">–</td>"),
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></section></main>\n</body></html>\n");
    w.write_all(h.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(file: &str) -> String {
        std::fs::read_to_string(format!("{}/../../www/{file}", env!("CARGO_MANIFEST_DIR")))
            .expect("the shell's file")
    }

    /// The report's looks are the page's (`LOOK` in www/paint.js).
    #[test]
    fn looks_are_the_pages() {
        let paint = shell("paint.js");
        for (v, [line, c, cd, bg, bgd]) in LOOK {
            let entry = format!("{v}: ['{line}', '{c}', '{cd}', '{bg}', '{bgd}']");
            assert!(paint.contains(&entry), "{entry} not in www/paint.js");
        }
    }

    /// The quiet function words are the popover's (`FUNCTION_WORDS` in www/ui.js).
    #[test]
    fn function_words_are_the_popovers() {
        let ui = shell("ui.js");
        let start = ui
            .find("FUNCTION_WORDS = new Set([")
            .expect("FUNCTION_WORDS in www/ui.js");
        let list = &ui[start..start + ui[start..].find("])").expect("the list ends")];
        let theirs: Vec<&str> = list.split('\'').skip(1).step_by(2).collect();
        assert_eq!(theirs, FUNCTION_WORDS);
    }

    #[test]
    fn text_stays_text_and_only_http_links() {
        assert_eq!(
            esc("<img src=x onerror=alert(1)> & \"'"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;&#39;"
        );
        assert_eq!(
            http_url(" https://a.example/x "),
            Some("https://a.example/x")
        );
        assert_eq!(http_url("HTTP://a.example"), Some("HTTP://a.example"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//a.example",
            "ftp://a",
        ] {
            assert_eq!(http_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn utf16_offsets_map_to_bytes() {
        let s = "a😀é中";
        assert_eq!(byte_at(s, 0), 0);
        assert_eq!(byte_at(s, 1), 1);
        assert_eq!(byte_at(s, 3), 5);
        assert_eq!(byte_at(s, 4), 7);
        assert_eq!(byte_at(s, 5), 10);
        assert_eq!(byte_at(s, 99), s.len());
    }
}
