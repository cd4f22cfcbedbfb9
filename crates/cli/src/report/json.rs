//! The JSON report: [`corroborate::OutputReport`] as pretty-printed JSON, written claim by
//! claim.

use corroborate::{OutputClaim, StoryRef, Summary};
use std::io::{self, Write};

/// The report as pretty-printed JSON, as `serde_json::to_writer_pretty` writes an
/// [`corroborate::OutputReport`], byte for byte, one claim at a time.
pub fn write(
    w: &mut impl Write,
    story: Option<&StoryRef>,
    claims: impl Iterator<Item = OutputClaim>,
    summary: impl FnOnce() -> Summary,
) -> io::Result<()> {
    // Pretty JSON has no raw line breaks inside strings: re-indenting by lines is exact.
    fn indented(w: &mut impl Write, json: &str, indent: &str) -> io::Result<()> {
        for (i, line) in json.split('\n').enumerate() {
            if i > 0 {
                w.write_all(b"\n")?;
                w.write_all(indent.as_bytes())?;
            }
            w.write_all(line.as_bytes())?;
        }
        Ok(())
    }
    w.write_all(b"{\n  \"story\": ")?;
    indented(w, &serde_json::to_string_pretty(&story)?, "  ")?;
    w.write_all(b",\n  \"claims\": [")?;
    let mut any = false;
    for claim in claims {
        w.write_all(if any { b",\n    " } else { b"\n    " })?;
        any = true;
        indented(w, &serde_json::to_string_pretty(&claim)?, "    ")?;
    }
    w.write_all(if any {
        b"\n  ],\n  \"summary\": "
    } else {
        b"],\n  \"summary\": "
    })?;
    indented(w, &serde_json::to_string_pretty(&summary())?, "  ")?;
    w.write_all(b"\n}\n")
}
