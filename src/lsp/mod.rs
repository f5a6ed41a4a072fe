//! `pact lsp`: a Language Server Protocol server for scenario, overlay and
//! mod files, over stdio.
//!
//! It checks what is in the editor with the loader and checks `pact validate`
//! runs (the open documents' texts stand in for the files on disk, see
//! [`crate::scenario::parse::with_unsaved`]), so its diagnostics have the same
//! codes, messages and places. Hover and completion read the format reference
//! `pact schema` prints (derived from the scenario types); navigation reads
//! ids with a forgiving tokenizer that works on a file cut in half.
//!
//! - `transport`: stdio framing that survives bad input;
//! - `server`: lifecycle and dispatch;
//! - `workspace`: open documents and the checks of the scenarios they belong to;
//! - `syntax`, `ids`: tokens, brackets and the ids written in a file;
//! - `reference`: the format reference at a place;
//! - `diagnostics`, `hover`, `complete`, `navigate`: the features;
//! - `text`, `uri`: positions and file names in the protocol's terms.

mod complete;
mod diagnostics;
mod hover;
pub mod ids;
mod navigate;
pub mod reference;
mod server;
pub mod syntax;
pub mod text;
mod transport;
pub mod uri;
mod workspace;

pub use server::run_stdio;
