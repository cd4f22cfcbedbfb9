//! The stored index's readers: `Manifest::from_json` and `decode_shard`.
//!
//! Invariants: no panic; every error is typed (`Index`), one line, and a shard's error names
//! the shard. The input is tried as a manifest, as a shard as it is, and as a shard whose
//! header's checksum and name are made to match its payload (so that the payload's parser is
//! reached, not only the checksum test).

#![no_main]

use corroborate::store::{decode_shard, Manifest, ShardRef};
use corroborate::ErrorKind;
use corroborate_fuzz::text_of;
use libfuzzer_sys::fuzz_target;

fn shard_ref(sum: u64, sources: u32) -> ShardRef {
    ShardRef {
        file: format!("s/{sum:016x}.bin"),
        story: "fuzz".into(),
        sources,
        bytes: 0,
    }
}

fn decode(shard: &ShardRef, bytes: &[u8]) {
    match decode_shard(shard, bytes) {
        Ok(sources) => assert_eq!(sources.len() as u64, u64::from(shard.sources)),
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Index, "{e:?}");
            assert!(!e.message().contains('\n'), "{e:?}");
            assert!(e.message().contains(&shard.file), "{e:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Err(e) = Manifest::from_json(&text_of(data)) {
        assert_eq!(e.kind(), ErrorKind::Index, "{e:?}");
        assert!(!e.message().contains('\n'), "{e:?}");
    }
    let sources = data.get(20).map_or(0, |&b| u32::from(b & 0x7f));
    decode(&shard_ref(0, sources), data);
    if data.len() >= 20 {
        let mut fixed = data.to_vec();
        let payload = &data[20..];
        let sum = xxhash_rust::xxh3::xxh3_64(payload);
        fixed[8..12].copy_from_slice(&(payload.len() as u32).to_le_bytes());
        fixed[12..20].copy_from_slice(&sum.to_le_bytes());
        decode(&shard_ref(sum, sources), &fixed);
    }
});
