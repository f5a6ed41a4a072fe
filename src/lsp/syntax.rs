//! A forgiving reading of RON text for the editor: tokens, the nesting of
//! objects, lists and calls at any place, and every id written in the file
//! with its kind and whether it defines or uses the object. Unlike the loader
//! it never fails: a file cut in half or mistyped is read as far as it goes,
//! so completion and navigation work while the file is being written.

use super::ids::{Kind, Role};
pub use crate::scenario::lex::{Tok, Token, tokens};

/// The fields of a text's outermost object; none for a text over the
/// loader's size limit (which the loader refuses with its own diagnostic).
pub fn top_level_keys(text: &str) -> std::collections::BTreeSet<&str> {
    if text.len() > crate::scenario::parse::MAX_FILE_BYTES {
        return Default::default();
    }
    crate::scenario::lex::top_level_keys(text).collect()
}

/// The text inside a string token's quotes (to the end, if unterminated).
pub fn inner(text: &str, t: &Token) -> (usize, usize) {
    let s = &text[t.start..t.end];
    let hashes = match s.strip_prefix('r') {
        Some(rest) => rest.bytes().take_while(|&c| c == b'#').count(),
        None => 0,
    };
    let prefix = if s.starts_with('r') { 1 + hashes } else { 0 };
    let start = (t.start + prefix + 1).min(t.end);
    let closing = format!("\"{}", "#".repeat(hashes));
    let closed = t.end >= start + closing.len() && s.ends_with(&closing);
    let end = if closed { t.end - closing.len() } else { t.end };
    (start.min(end), end)
}

/// What opened a bracket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The text itself, around the outermost value.
    Root,
    /// The value of a field: `regions: [`.
    Key(String),
    /// A form: `spawn(`, `flag(`.
    Call(String),
    /// A list or tuple element, or a value with nothing before it.
    Elem,
}

/// An open bracket, and where reading is inside it.
#[derive(Clone, Debug)]
pub struct Frame {
    pub open: u8,
    pub owner: Owner,
    pub start: usize,
    /// The field whose value is being read (`key:` seen, no comma since).
    pub key: Option<String>,
    /// Elements (commas) seen: the place in a list or tuple.
    pub index: usize,
    /// Fields given so far.
    pub given: Vec<String>,
    /// Plain values read (strings unquoted, words, numbers), by field.
    pub fields: Vec<(String, String)>,
    /// Strings read with no field: a tuple's or list's elements.
    pub items: Vec<String>,
    /// The definition this object is, once its `id` is read.
    pub def: Option<usize>,
}

impl Frame {
    fn new(open: u8, owner: Owner, start: usize) -> Self {
        Frame {
            open,
            owner,
            start,
            key: None,
            index: 0,
            given: Vec::new(),
            fields: Vec::new(),
            items: Vec::new(),
            def: None,
        }
    }
}

/// An id written in the file.
#[derive(Clone, Debug)]
pub struct Occurrence {
    pub kind: Kind,
    pub id: String,
    /// The id's text, inside the quotes.
    pub start: usize,
    pub end: usize,
    pub role: Role,
}

/// An object defined in the file: its id's occurrence, its plain fields and its extent.
#[derive(Clone, Debug)]
pub struct Definition {
    pub occurrence: usize,
    pub fields: Vec<(String, String)>,
    pub start: usize,
    pub end: usize,
}

impl Definition {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every id of a file, and the objects it defines.
#[derive(Clone, Debug, Default)]
pub struct Index {
    pub occurrences: Vec<Occurrence>,
    pub definitions: Vec<Definition>,
}

impl Index {
    /// The ids of a text; none for a text over the loader's size limit
    /// (which the loader refuses with its own diagnostic).
    pub fn of(text: &str) -> Self {
        if text.len() > crate::scenario::parse::MAX_FILE_BYTES {
            return Index::default();
        }
        let toks = tokens(text);
        let mut w = Walker::new();
        for i in 0..toks.len() {
            w.feed(text, &toks, i);
        }
        w.finish(text.len())
    }

    /// The id at a byte offset (inside or just after it).
    pub fn at(&self, offset: usize) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .find(|o| o.start <= offset && offset <= o.end)
    }
}

/// Reads tokens in order, keeping the stack of open brackets.
pub struct Walker {
    pub stack: Vec<Frame>,
    pub index: Index,
    call: Option<String>,
}

impl Default for Walker {
    fn default() -> Self {
        Self::new()
    }
}

impl Walker {
    pub fn new() -> Self {
        Walker {
            stack: vec![Frame::new(0, Owner::Root, 0)],
            index: Index::default(),
            call: None,
        }
    }

    fn top(&mut self) -> &mut Frame {
        if self.stack.is_empty() {
            self.stack.push(Frame::new(0, Owner::Root, 0));
        }
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// Reads token `i` (looking at the next one to tell `key:` and `call(`).
    pub fn feed(&mut self, text: &str, toks: &[Token], i: usize) {
        let t = toks[i];
        let next = toks.get(i + 1).map(|n| n.tok);
        let word = &text[t.start..t.end];
        match t.tok {
            Tok::Ident if next == Some(Tok::Colon) => {
                let top = self.top();
                top.key = Some(word.to_string());
                top.given.push(word.to_string());
            }
            Tok::Ident if next == Some(Tok::Open(b'(')) => {
                // `Some(x)` and struct names (`Region(...)`) wrap a value: see through them.
                if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
                    self.call = Some(word.to_string());
                }
            }
            Tok::Open(c) => {
                let owner = match self.call.take() {
                    Some(name) => Owner::Call(name),
                    None => match &self.top().key {
                        Some(k) => Owner::Key(k.clone()),
                        None => Owner::Elem,
                    },
                };
                self.stack.push(Frame::new(c, owner, t.start));
            }
            Tok::Close(_) => {
                self.call = None;
                // The root frame stays: a stray closer closes nothing.
                if self.stack.len() > 1
                    && let Some(f) = self.stack.pop()
                {
                    self.close(f, t.end);
                }
            }
            Tok::Comma => {
                self.call = None;
                let top = self.top();
                top.key = None;
                top.index += 1;
            }
            Tok::Str => {
                let (s, e) = inner(text, &t);
                let value = text[s..e].to_string();
                // `remove: (links: ["a-b"])`: a link named by its two regions.
                if super::ids::link_key(&self.stack)
                    && let Some((a, b)) = value.split_once('-')
                    && !b.contains('-')
                {
                    for (id, start) in [(a, s), (b, s + a.len() + 1)] {
                        self.index.occurrences.push(Occurrence {
                            kind: Kind::Region,
                            id: id.to_string(),
                            start,
                            end: start + id.len(),
                            role: Role::Use,
                        });
                    }
                    self.value(value);
                    return;
                }
                let found = super::ids::classify(&self.stack).and_then(|(kind, role)| {
                    if kind == Kind::Option {
                        // Options are named within their decision: `decision/option`.
                        let d = super::ids::decision_of(&self.stack)?;
                        Some((kind, role, format!("{d}/{value}")))
                    } else {
                        Some((kind, role, value.clone()))
                    }
                });
                if let Some((kind, role, id)) = found {
                    let n = self.index.occurrences.len();
                    self.index.occurrences.push(Occurrence {
                        kind,
                        id,
                        start: s,
                        end: e,
                        role,
                    });
                    // The object a frame is: its id (names set in many places define none).
                    if role != Role::Use && !kind.is_name() && self.stack.len() > 1 {
                        let d = self.index.definitions.len();
                        let top = self.top();
                        if top.def.is_none() {
                            top.def = Some(d);
                            let start = top.start;
                            self.index.definitions.push(Definition {
                                occurrence: n,
                                fields: Vec::new(),
                                start,
                                end: text.len(),
                            });
                        }
                    }
                }
                if self.top().key.is_none() {
                    self.top().items.push(value.clone());
                }
                self.value(value);
            }
            Tok::Ident | Tok::Num => self.value(word.to_string()),
            Tok::Colon | Tok::Comment | Tok::Other => {}
        }
    }

    fn value(&mut self, v: String) {
        let top = self.top();
        if let Some(k) = top.key.clone() {
            top.fields.push((k, v));
        }
    }

    fn close(&mut self, f: Frame, end: usize) {
        if let Some(d) = f.def
            && let Some(def) = self.index.definitions.get_mut(d)
        {
            def.fields = f.fields;
            def.end = end;
        }
    }

    /// The index, closing whatever is still open at the end of the text.
    pub fn finish(mut self, len: usize) -> Index {
        while self.stack.len() > 1
            && let Some(f) = self.stack.pop()
        {
            self.close(f, len);
        }
        self.index
    }
}

/// Where a place in the text is, for hover and completion.
pub struct Cursor {
    /// The brackets open at the place (the root first).
    pub stack: Vec<Frame>,
    /// The token the place is in or just after, if any.
    pub token: Option<Token>,
    /// The token before that one.
    pub before: Option<Token>,
    /// The token after the place's token (to tell a field name by its colon).
    pub after: Option<Token>,
    /// Whether the place is inside a comment.
    pub in_comment: bool,
}

/// Reads the text up to `offset`: the brackets open there and the token it is in.
pub fn cursor(text: &str, offset: usize) -> Cursor {
    // What follows the place matters only as far as the next line (a colon
    // after a field name, a string's end): the rest of the file is not read.
    let offset = text.floor_char_boundary(offset.min(text.len()));
    let end = text[offset..]
        .match_indices('\n')
        .nth(1)
        .map_or(text.len(), |(i, _)| offset + i);
    let text = &text[..end];
    let (comments, toks): (Vec<Token>, Vec<Token>) =
        crate::scenario::lex::lex(text).partition(|t| t.tok == Tok::Comment);
    let in_comment = comments.iter().any(|c| c.start < offset && offset <= c.end);
    let mut w = Walker::new();
    let mut i = 0;
    while i < toks.len() && toks[i].end < offset {
        w.feed(text, &toks, i);
        i += 1;
    }
    let punct = |t: &Token| {
        matches!(
            t.tok,
            Tok::Open(_) | Tok::Close(_) | Tok::Comma | Tok::Colon
        )
    };
    let mut token = None;
    if let Some(t) = toks.get(i).copied() {
        if t.end == offset && punct(&t) {
            // Just after `(`, `,` or `:`: outside any token.
            w.feed(text, &toks, i);
            i += 1;
        } else if t.start < offset || (t.start == offset && !punct(&t)) {
            token = Some(t);
        }
    }
    let before = i.checked_sub(1).and_then(|j| toks.get(j)).copied();
    let after = toks.get(if token.is_some() { i + 1 } else { i }).copied();
    Cursor {
        stack: w.stack,
        token,
        before,
        after,
        in_comment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_with_their_kind_and_role() {
        let text = r#"(
            regions: [(id: "a", name: "A", terrain: plain, owner: "red")],
            formations: [(id: "f", type: "rifle", location: "a", men: 9000.0)],
            events: [(id: "e", effects: [rail_transfer(formation: "f", to: "a"),
                spawn((id: "g", location: "a"))], trigger: (from: "1941-01-01"))],
        )"#;
        let idx = Index::of(text);
        let found: Vec<(Kind, &str, Role)> = idx
            .occurrences
            .iter()
            .map(|o| (o.kind, o.id.as_str(), o.role))
            .collect();
        assert_eq!(
            found,
            vec![
                (Kind::Region, "a", Role::Define),
                (Kind::Faction, "red", Role::Use),
                (Kind::Formation, "f", Role::Define),
                (Kind::FormationType, "rifle", Role::Use),
                (Kind::Region, "a", Role::Use),
                (Kind::Event, "e", Role::Define),
                (Kind::Formation, "f", Role::Use),
                (Kind::Region, "a", Role::Use),
                (Kind::Formation, "g", Role::Define),
                (Kind::Region, "a", Role::Use),
            ]
        );
        let region = &idx.definitions[0];
        assert_eq!(region.field("terrain"), Some("plain"));
        assert_eq!(region.field("owner"), Some("red"));
    }

    #[test]
    fn removed_links_name_their_regions() {
        let text = r#"(remove: (links: ["paramushiro-south_kurils"]))"#;
        let idx = Index::of(text);
        let found: Vec<(&str, &str)> = idx
            .occurrences
            .iter()
            .map(|o| (o.id.as_str(), &text[o.start..o.end]))
            .collect();
        assert_eq!(
            found,
            vec![
                ("paramushiro", "paramushiro"),
                ("south_kurils", "south_kurils")
            ]
        );
    }

    #[test]
    fn options_are_named_within_their_decision() {
        let text = r#"(
            decisions: [(id: "d", historical: "yes", options: [(id: "yes"), (id: "no")])],
            events: [(id: "e", trigger: (when: chose(decision: "d", option: "no")))],
            choose: [("d", "yes")],
        )"#;
        let idx = Index::of(text);
        let options: Vec<(&str, Role)> = idx
            .occurrences
            .iter()
            .filter(|o| o.kind == Kind::Option)
            .map(|o| (o.id.as_str(), o.role))
            .collect();
        assert_eq!(
            options,
            vec![
                ("d/yes", Role::Use),
                ("d/yes", Role::Define),
                ("d/no", Role::Define),
                ("d/no", Role::Use),
                ("d/yes", Role::Use),
            ]
        );
    }

    #[test]
    fn random_text_never_panics() {
        // Pieces that open and close things, escapes, and wide characters.
        let pieces = [
            "(", ")", "[", "]", "{", "}", ":", ",", "\"", "'", "\\", "r#\"", "\"#", "/*", "*/",
            "//", "\n", " ", "id", "regions", "location", "spawn", "é", "𝔸", "–", "1.5", "-", "x",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..300 {
            let text = crate::lsp::tests::random_text(&mut seed, &pieces, 40);
            let idx = Index::of(&text);
            for o in &idx.occurrences {
                assert!(text.is_char_boundary(o.start) && text.is_char_boundary(o.end));
            }
            for at in (0..=text.len()).filter(|&a| text.is_char_boundary(a)) {
                let c = cursor(&text, at);
                if let Some(t) = c.token {
                    let _ = &text[t.start..t.end];
                    if t.tok == Tok::Str {
                        let (s, e) = inner(&text, &t);
                        let _ = &text[s..e];
                    }
                }
            }
        }
    }

    #[test]
    fn cut_and_odd_text_never_panics() {
        let text = "(regions: [(id: \"a\", name: \"é𝔸\", r#\"x\"#, 'c', /* x";
        for cut in 0..=text.len() {
            if text.is_char_boundary(cut) {
                let part = &text[..cut];
                let _ = Index::of(part);
                for at in 0..=part.len() {
                    let _ = cursor(part, at);
                }
            }
        }
        let text = "(a: 1, // b: \n c: 2)";
        assert!(cursor(text, text.find("b:").unwrap()).in_comment);
        assert!(!cursor(text, text.find("c:").unwrap()).in_comment);
        for s in [
            "\"", "r#\"", "'", "'\\", ")))", "]]((", "r", "-", "(a:", "(a:(",
        ] {
            let _ = Index::of(s);
            let _ = cursor(s, s.len());
        }
    }
}
