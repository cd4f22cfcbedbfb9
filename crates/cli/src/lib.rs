//! corroborate's native tools, built on the core (`corroborate`) and never shipped to the
//! browser: the readers of source files ([`read`], [`html`]), of pages and sources at web
//! addresses ([`fetch`]) and of feeds' items ([`feed`]), index folders ([`index`]), the FNC-1 loader and evaluator
//! and the minimal-pair generator ([`fnc1`]), the stance model's trainer ([`train`]) and the
//! WordNet table's builder ([`lexicon`]). The `corroborate` binary (`src/main.rs`) is the
//! command line over them.

#![forbid(unsafe_code)]

pub mod feed;
pub mod fetch;
pub mod fnc1;
pub mod html;
pub mod index;
pub mod lexicon;
pub mod progress;
pub mod read;
pub mod report;
pub mod train;
