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
//! - `capabilities`: what the server offers;
//! - `diagnostics`, `hover`, `complete`, `navigate`, `fixes`: the features;
//! - `text`, `uri`: positions and file names in the protocol's terms.

mod capabilities;
mod complete;
mod diagnostics;
mod fixes;
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

#[cfg(test)]
mod tests {
    use super::reference::Reference;
    use super::workspace::{Doc, Root, Workspace};
    use std::path::PathBuf;
    use std::str::FromStr;

    /// `n` pieces drawn in turn by a linear congruential generator from `seed`
    /// (advanced): the random text the never-panics tests feed in.
    pub(super) fn random_text(seed: &mut u64, pieces: &[&str], n: usize) -> String {
        let mut text = String::new();
        for _ in 0..n {
            *seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            text.push_str(pieces[(*seed >> 33) as usize % pieces.len()]);
        }
        text
    }

    /// Random scenario-ish text, checked, hovered and completed at every place: no panic.
    #[test]
    fn features_never_panic_on_random_text() {
        let pieces = [
            "(",
            ")",
            "[",
            "]",
            ":",
            ",",
            "\"",
            "\"a\"",
            "'",
            "\\",
            "r#\"",
            "\n",
            " ",
            "id: ",
            "regions: [",
            "location: ",
            "terrain: ",
            "owner: ",
            "formations: [",
            "spawn(",
            "rail_transfer(",
            "to: ",
            "events: [",
            "effects: [",
            "when: ",
            "flag(",
            "é",
            "𝔸",
            "1.5",
            "add: (",
            "choose: [(",
            "options: [(",
            "historical: ",
            "chose(",
        ];
        let r = Reference::new();
        let path = PathBuf::from("/nonexistent/pact-lsp-fuzz/f.ron");
        let mut seed: u64 = 7;
        for _ in 0..120 {
            let text = random_text(&mut seed, &pieces, 30);
            let mut ws = Workspace::default();
            ws.open.insert(
                path.clone(),
                Doc {
                    uri: lsp_types::Uri::from_str("file:///nonexistent/pact-lsp-fuzz/f.ron")
                        .expect("a URI"),
                    text: text.clone(),
                },
            );
            let root = Root {
                file: path.clone(),
                mods: Vec::new(),
            };
            ws.check(&root);
            let _ = ws.diagnostics_of(&path);
            for at in (0..=text.len()).filter(|&a| text.is_char_boundary(a)) {
                let _ = super::hover::hover(&ws, &r, &path, &text, at);
                let _ = super::complete::complete(&ws, &r, &path, &text, at);
            }
        }
    }
}
