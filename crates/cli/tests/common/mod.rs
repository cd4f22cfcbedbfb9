//! What the command-line tests share: a scratch folder.

#![allow(dead_code)]

use std::path::PathBuf;

/// A scratch folder under the system temp dir, removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// An empty folder named after `name` and this process.
    pub fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("corroborate-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// Write a file in the folder; returns its path.
    pub fn file(&self, name: &str, contents: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, contents).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
