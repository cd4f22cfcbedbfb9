//! Index folders on disk (`corroborate index`): written from a built index
//! ([`corroborate::store::build`]) and read back as a corpus, for `check --sources DIR` and
//! for building an index from others (adding a day of articles, merging batches).

use corroborate::store::{self, Built, Manifest, MANIFEST};
use corroborate::{Corpus, Error, ErrorKind, Result};
use std::path::{Path, PathBuf};

/// True when `path` is a folder holding an index manifest.
pub fn is_index(path: &Path) -> bool {
    path.is_dir() && path.join(MANIFEST).is_file()
}

/// Read the manifest of the index folder `dir`.
pub fn manifest(dir: &Path, max_bytes: u64) -> Result<Manifest> {
    let path = dir.join(MANIFEST);
    let bytes = crate::read::read_regular(&path, max_bytes)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        Error::new(
            ErrorKind::Index,
            format!("{}: is not UTF-8 text", path.display()),
        )
    })?;
    Manifest::from_json(text).map_err(|e| at(dir, &e))
}

fn at(dir: &Path, e: &Error) -> Error {
    Error::new(e.kind(), format!("{}: {e}", dir.display()))
}

/// The sources of the index folder `dir`, in the order it was built from, every shard checked
/// ([`store::read`]). A shard that is missing is an [`ErrorKind::Index`] error.
pub fn read(dir: &Path, max_bytes: u64) -> Result<Corpus> {
    let manifest = manifest(dir, max_bytes)?;
    store::read(&manifest, &mut |shard| {
        let path = dir.join(&shard.file);
        crate::read::read_regular(&path, max_bytes.saturating_add(64)).map_err(|e| {
            let missing = !path.exists();
            Error::new(
                ErrorKind::Index,
                if missing {
                    format!("index shard {} is missing", shard.file)
                } else {
                    e.to_string()
                },
            )
        })
    })
    .map_err(|e| at(dir, &e))
}

/// What writing an index changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Shards in the new manifest.
    pub shards: usize,
    /// Of them, those that were not in the folder already (written now).
    pub new: usize,
    /// Shards of sources (packs of stories) in the new manifest.
    pub packs: usize,
    /// Of them, those written now.
    pub new_packs: usize,
    /// Bytes of all the shards of the new manifest.
    pub bytes: u64,
    /// Bytes written now (new shards and the manifest).
    pub written: u64,
    /// Shard files removed because no manifest names them any more (with `prune`).
    pub pruned: usize,
}

/// Write `built` into the folder `dir` (made when missing): each shard not already there,
/// then the manifest (written to a temporary file and renamed, so that a reader never sees a
/// manifest naming a shard not yet written). A shard already in the folder with the same bytes
/// is not touched: its name is its checksum. With `prune`, shard files no manifest names any
/// more are removed (without it they stay, for readers that still hold the old manifest).
pub fn write(built: &Built, dir: &Path, prune: bool) -> Result<Written> {
    let io = |p: &Path, e: std::io::Error| {
        Error::new(ErrorKind::Io, format!("cannot write {}: {e}", p.display()))
    };
    let shards_dir = dir.join("s");
    std::fs::create_dir_all(&shards_dir).map_err(|e| io(&shards_dir, e))?;
    let mut w = Written {
        shards: built.shards.len(),
        ..Written::default()
    };
    for (shard, bytes) in &built.shards {
        let path = dir.join(&shard.file);
        w.bytes += bytes.len() as u64;
        let pack = shard.kind == store::Kind::Sources;
        w.packs += usize::from(pack);
        let same = std::fs::read(&path).is_ok_and(|old| old == *bytes);
        if same {
            continue;
        }
        write_atomic(&path, bytes).map_err(|e| io(&path, e))?;
        w.new += 1;
        w.new_packs += usize::from(pack);
        w.written += bytes.len() as u64;
    }
    let json = built.manifest.to_json();
    let path = dir.join(MANIFEST);
    write_atomic(&path, json.as_bytes()).map_err(|e| io(&path, e))?;
    w.written += json.len() as u64;
    if prune {
        let named: std::collections::HashSet<PathBuf> = built
            .shards
            .iter()
            .map(|(s, _)| dir.join(&s.file))
            .collect();
        let entries = std::fs::read_dir(&shards_dir).map_err(|e| io(&shards_dir, e))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let shard_name = store::checksum_of_name(&format!("s/{name}")).is_some();
            if shard_name && !named.contains(&path) {
                std::fs::remove_file(&path).map_err(|e| io(&path, e))?;
                w.pruned += 1;
            }
        }
    }
    Ok(w)
}

fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate::Source;

    fn corpus(n: usize) -> Corpus {
        Corpus {
            sources: (0..n)
                .map(|i| Source::new(format!("s{i}"), format!("Report {i} on the harbour.")))
                .collect(),
        }
    }

    #[test]
    fn a_written_index_reads_back_and_a_rewrite_touches_nothing() {
        let dir = std::env::temp_dir().join(format!("corroborate-index-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let built = store::build(&corpus(3)).unwrap();
        let first = write(&built, &dir, false).unwrap();
        assert_eq!(first.new, first.shards);
        assert!(is_index(&dir));
        assert_eq!(read(&dir, 1 << 20).unwrap(), corpus(3));
        let again = write(&built, &dir, true).unwrap();
        assert_eq!((again.new, again.pruned), (0, 0));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
