//! The one RON tokenizer: tokens with their byte spans, comments apart. It
//! never fails: a text cut in half is read as far as it goes, and unterminated
//! strings and comments run to its end. The loader asks it what serde cannot
//! tell (a NaN or an infinity where it is written, nesting too deep, whether
//! an overlay too broken to read names a base); the editor reads whole files
//! through it.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tok {
    Ident,
    Str,
    /// A number, with its sign if written (`-inf` is one).
    Num,
    Open(u8),
    Close(u8),
    Colon,
    Comma,
    Comment,
    Other,
}

/// A token and its byte span (a string's includes its quotes).
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
}

/// The tokens of a text, comments included, one at a time: a hostile
/// file's millions of tokens are never held at once.
pub fn lex(text: &str) -> impl Iterator<Item = Token> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        // Skip blanks, and bytes inside a character that an escape stepped into (`'\é`).
        while i < b.len() && (b[i].is_ascii_whitespace() || !text.is_char_boundary(i)) {
            i += 1;
        }
        let &c = b.get(i)?;
        let start = i;
        let tok = match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = b[i..]
                    .iter()
                    .position(|&x| x == b'\n')
                    .map_or(b.len(), |p| i + p);
                Tok::Comment
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = skip_block(b, i);
                Tok::Comment
            }
            b'"' => {
                i = skip_string(b, i);
                Tok::Str
            }
            b'r' if is_raw_string(b, i) => {
                i = skip_raw_string(b, i);
                Tok::Str
            }
            b'\'' => {
                i = skip_char(b, i);
                Tok::Other
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                i += b[i..].iter().take_while(|&&x| is_ident(x)).count();
                Tok::Ident
            }
            c if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.') => {
                i += 1;
                while let Some(&x) = b.get(i) {
                    let exponent_sign = matches!(x, b'+' | b'-') && matches!(b[i - 1], b'e' | b'E');
                    if !(is_ident(x) || x == b'.' || exponent_sign) {
                        break;
                    }
                    i += 1;
                }
                Tok::Num
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                Tok::Open(c)
            }
            b')' | b']' | b'}' => {
                i += 1;
                Tok::Close(c)
            }
            b':' => {
                i += 1;
                Tok::Colon
            }
            b',' => {
                i += 1;
                Tok::Comma
            }
            _ => {
                // One whole character, so spans stay on character boundaries.
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                Tok::Other
            }
        };
        // Ends fall on characters' boundaries, whatever an escape skipped.
        i = i.min(b.len());
        while !text.is_char_boundary(i) {
            i += 1;
        }
        Some(Token { tok, start, end: i })
    })
}

/// The tokens of a text, comments left out.
pub fn tokens(text: &str) -> Vec<Token> {
    code(text).collect()
}

fn code(text: &str) -> impl Iterator<Item = Token> + '_ {
    lex(text).filter(|t| t.tok != Tok::Comment)
}

/// Byte offset and text of the first NaN or infinite number, if any.
pub fn first_non_finite(text: &str) -> Option<(usize, &str)> {
    code(text).find_map(|t| {
        let s = &text[t.start..t.end];
        let unsigned = s.trim_start_matches(['-', '+']);
        let non_finite = match t.tok {
            Tok::Ident | Tok::Num if unsigned.starts_with(|c: char| c.is_ascii_alphabetic()) => {
                matches!(unsigned, "NaN" | "inf")
            }
            Tok::Num => s
                .replace('_', "")
                .parse::<f64>()
                .is_ok_and(|v| !v.is_finite()),
            _ => false,
        };
        non_finite.then_some((t.start, s))
    })
}

/// The fields of a text's outermost object, in order, outside strings and
/// comments: how an overlay too broken to read is still known.
pub fn top_level_keys(text: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0usize;
    let mut toks = code(text).peekable();
    std::iter::from_fn(move || {
        while let Some(t) = toks.next() {
            match t.tok {
                Tok::Open(_) => depth += 1,
                Tok::Close(_) => depth = depth.saturating_sub(1),
                Tok::Ident if depth == 1 && toks.peek().is_some_and(|n| n.tok == Tok::Colon) => {
                    return Some(&text[t.start..t.end]);
                }
                _ => {}
            }
        }
        None
    })
}

/// Whether `key:` is a field of the outermost object.
pub fn has_top_level_key(text: &str, key: &str) -> bool {
    top_level_keys(text).any(|k| k == key)
}

/// Byte offset of the first bracket that opens level `max + 1`, if the text nests that deep.
pub fn too_deep(text: &str, max: usize) -> Option<usize> {
    let mut depth = 0usize;
    code(text).find_map(|t| match t.tok {
        Tok::Open(_) => {
            depth += 1;
            (depth > max).then_some(t.start)
        }
        Tok::Close(_) => {
            depth = depth.saturating_sub(1);
            None
        }
        _ => None,
    })
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// RON block comments nest: the end of the one starting at `i`, or of the text.
fn skip_block(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn skip_char(b: &[u8], mut i: usize) -> usize {
    i += 1;
    if b.get(i) == Some(&b'\\') {
        i = (i + 2).min(b.len());
    }
    // At most a few bytes (one UTF-8 character) up to the closing quote.
    let end = (i + 5).min(b.len());
    b[i..end]
        .iter()
        .position(|&c| c == b'\'')
        .map_or(i, |p| i + p + 1)
}

/// Whether a raw string `r#"…"#` starts at `i` (an `r` not ending an identifier).
fn is_raw_string(b: &[u8], i: usize) -> bool {
    let prev_ident = i > 0 && is_ident(b[i - 1]);
    let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
    !prev_ident && b.get(i + 1 + hashes) == Some(&b'"')
}

/// The end of the raw string `r#"…"#` starting at `i` (the `r`), or of the text if it never closes.
fn skip_raw_string(b: &[u8], i: usize) -> usize {
    let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
    let mut j = i + 2 + hashes;
    while j < b.len() {
        if b[j] == b'"'
            && b[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == b'#')
                .count()
                == hashes
        {
            return j + 1 + hashes;
        }
        j += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nan_and_infinities_but_not_words_or_strings() {
        assert_eq!(first_non_finite("(a: NaN)"), Some((4, "NaN")));
        assert_eq!(first_non_finite("(a: -inf)"), Some((4, "-inf")));
        assert_eq!(first_non_finite("(a: 1e400)"), Some((4, "1e400")));
        assert_eq!(first_non_finite("(a: 1e+4_00)"), Some((4, "1e+4_00")));
        assert_eq!(first_non_finite("(a: -1.5e-400, b: 2E+3)"), None);
        assert_eq!(first_non_finite("(a: infantry, b: \"NaN\")"), None);
        assert_eq!(
            first_non_finite("// NaN\n/* inf /* x */ */ (a: 1.5e3)"),
            None
        );
        assert_eq!(
            first_non_finite("(a: r#\"inf\"#, c: '\"', d: NaN)"),
            Some((25, "NaN"))
        );
    }

    #[test]
    fn finds_top_level_keys_only() {
        assert!(has_top_level_key(
            "( base: \"x.ron\", meta: (a: 1))",
            "base"
        ));
        assert!(!has_top_level_key(
            "( meta: (base: 1), b: \"base:\")",
            "base"
        ));
        let keys: Vec<_> = top_level_keys("(a /* note */ : 1, // b: 2\n c: [d: 3])").collect();
        assert_eq!(keys, ["a", "c"]);
    }

    #[test]
    fn never_panics_on_cut_input() {
        for s in ["\"", "r#\"", "'", "'\\", "/*", "1e", "1e+", "r"] {
            let _ = first_non_finite(s);
        }
    }
}
