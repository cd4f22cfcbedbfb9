//! The stored index's readers: `Manifest::from_json`, `decode_shard` and `Lazy::add` for every
//! kind of shard.
//!
//! Invariants: no panic; every error is typed (`Index`), one line, and a shard's error names
//! the shard. The input is tried as a manifest, and as a shard of each kind both as it is and
//! with its header's kind, length and checksum (and so its name) made to match its payload, so
//! that each payload's parser is reached, not only the checksum test.

#![no_main]

use corroborate::store::{decode_shard, Kind, Lazy, Manifest, ShardRef, FORMAT, VERSION};
use corroborate::ErrorKind;
use corroborate_fuzz::text_of;
use libfuzzer_sys::fuzz_target;

const KINDS: [(Kind, u8); 7] = [
    (Kind::Sources, 1),
    (Kind::Stats, 2),
    (Kind::Routes, 3),
    (Kind::Held, 4),
    (Kind::Keys, 5),
    (Kind::Stories, 6),
    (Kind::Rare, 7),
];

fn check_error(e: &corroborate::Error, file: &str) {
    assert_eq!(e.kind(), ErrorKind::Index, "{e:?}");
    assert!(!e.message().contains('\n'), "{e:?}");
    assert!(e.message().contains(file), "{e:?}");
}

fuzz_target!(|data: &[u8]| {
    if let Err(e) = Manifest::from_json(&text_of(data)) {
        assert_eq!(e.kind(), ErrorKind::Index, "{e:?}");
        assert!(!e.message().contains('\n'), "{e:?}");
    }
    let count = data.get(20).map_or(0, |&b| u32::from(b & 0x7f));
    for (kind, byte) in KINDS {
        let mut bytes = data.to_vec();
        let mut sum = 0;
        if bytes.len() >= 20 {
            let payload = &data[20..];
            sum = corroborate::store::hash64(payload);
            bytes[6] = byte;
            bytes[8..12].copy_from_slice(&(payload.len() as u32).to_le_bytes());
            bytes[12..20].copy_from_slice(&sum.to_le_bytes());
        }
        for (input, sum) in [(data, 0), (&bytes[..], sum)] {
            let shard = ShardRef {
                file: format!("s/{sum:016x}.bin"),
                kind,
                part: 0,
                stories: count,
                sources: count,
                bytes: input.len() as u64,
            };
            if kind == Kind::Sources {
                match decode_shard(&shard, input) {
                    Ok(sources) => assert_eq!(sources.len() as u32, count),
                    Err(e) => check_error(&e, &shard.file),
                }
            }
            let manifest = Manifest {
                format: FORMAT.to_string(),
                version: VERSION,
                sources: count,
                stories: count,
                entries: 1000,
                terms: 64,
                shards: vec![shard.clone()],
            };
            let mut lazy = Lazy::new(manifest);
            if let Err(e) = lazy.add(&shard.file, input) {
                check_error(&e, &shard.file);
            }
        }
    }
});
