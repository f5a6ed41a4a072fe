//! Just enough of a RON tokenizer to find values serde cannot place: a
//! float that is NaN or infinite. Strings, characters and comments are
//! skipped so that `"NaN"` in a name or `inf` inside `infantry` is no match.

/// Byte offset and text of the first NaN or infinite number, if any.
pub fn first_non_finite(text: &str) -> Option<(usize, &str)> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(next) = skip_literal(b, i) {
            i = next;
            continue;
        }
        match b[i] {
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let end = ident_end(b, i);
                if matches!(&text[i..end], "NaN" | "inf") {
                    let start = sign_before(b, i);
                    return Some((start, &text[start..end]));
                }
                i = end;
            }
            c if c.is_ascii_digit() => {
                let end = number_end(b, i);
                let literal: String = text[i..end].chars().filter(|&c| c != '_').collect();
                if literal
                    .parse::<f64>()
                    .is_ok_and(|v| v.is_infinite() || v.is_nan())
                {
                    let start = sign_before(b, i);
                    return Some((start, &text[start..end]));
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    None
}

/// The index past a comment, string or character literal starting at `i`, if one does.
#[inline(always)]
fn skip_literal(b: &[u8], i: usize) -> Option<usize> {
    // Most bytes start nothing: answered here, in the caller's loop.
    if matches!(b[i], b'/' | b'"' | b'\'' | b'r') {
        skip_literal_from(b, i)
    } else {
        None
    }
}

fn skip_literal_from(b: &[u8], i: usize) -> Option<usize> {
    Some(match b[i] {
        b'/' if b.get(i + 1) == Some(&b'/') => skip_line(b, i),
        b'/' if b.get(i + 1) == Some(&b'*') => skip_block(b, i),
        b'"' => skip_string(b, i),
        b'\'' => skip_char(b, i),
        b'r' if is_raw_string(b, i) => skip_raw_string(b, i),
        _ => return None,
    })
}

/// Each byte outside comments, strings and characters, with the bracket
/// depth before it: what the depth-aware searches below walk.
fn code(b: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let (mut i, mut depth) = (0, 0usize);
    std::iter::from_fn(move || {
        while i < b.len() {
            if let Some(next) = skip_literal(b, i) {
                i = next;
                continue;
            }
            let at = (i, depth);
            match b[i] {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            i += 1;
            return Some(at);
        }
        None
    })
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Whether `key:` is a field of the outermost object (depth 1), outside
/// strings and comments: how an overlay too broken to read is still known.
pub fn has_top_level_key(text: &str, key: &str) -> bool {
    let b = text.as_bytes();
    code(b).any(|(i, depth)| {
        let starts =
            (b[i].is_ascii_alphabetic() || b[i] == b'_') && (i == 0 || !is_ident(b[i - 1]));
        if depth != 1 || !starts {
            return false;
        }
        let end = ident_end(b, i);
        let colon = b[end..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b':');
        colon && &text[i..end] == key
    })
}

/// Byte offset of the first bracket that opens level `max + 1` (outside
/// strings and comments), if the text nests that deep.
pub fn too_deep(text: &str, max: usize) -> Option<usize> {
    let b = text.as_bytes();
    code(b)
        .find(|&(i, depth)| matches!(b[i], b'(' | b'[' | b'{') && depth >= max)
        .map(|(i, _)| i)
}

fn sign_before(b: &[u8], i: usize) -> usize {
    if i > 0 && matches!(b[i - 1], b'-' | b'+') {
        i - 1
    } else {
        i
    }
}

fn skip_line(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| i + p + 1)
}

/// RON block comments nest: the end of the one starting at `i`, or of the text.
pub(crate) fn skip_block(b: &[u8], mut i: usize) -> usize {
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
pub(crate) fn is_raw_string(b: &[u8], i: usize) -> bool {
    let prev_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
    let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
    !prev_ident && b.get(i + 1 + hashes) == Some(&b'"')
}

/// The end of the raw string `r#"…"#` starting at `i` (the `r`), or of the text if it never closes.
pub(crate) fn skip_raw_string(b: &[u8], i: usize) -> usize {
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

fn ident_end(b: &[u8], i: usize) -> usize {
    i + b[i..].iter().take_while(|&&c| is_ident(c)).count()
}

/// A decimal literal: digits, `_`, `.`, and an exponent with its sign. Hex,
/// octal and binary integers stop at their letters, which is harmless here.
fn number_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'0'..=b'9' | b'_' | b'.' => i += 1,
            b'e' | b'E' => {
                i += 1;
                if matches!(b.get(i), Some(b'+' | b'-')) {
                    i += 1;
                }
            }
            _ => break,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nan_and_infinities_but_not_words_or_strings() {
        assert_eq!(first_non_finite("(a: NaN)"), Some((4, "NaN")));
        assert_eq!(first_non_finite("(a: -inf)"), Some((4, "-inf")));
        assert_eq!(first_non_finite("(a: 1e400)"), Some((4, "1e400")));
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
    }

    #[test]
    fn never_panics_on_cut_input() {
        for s in ["\"", "r#\"", "'", "'\\", "/*", "1e", "1e+", "r"] {
            let _ = first_non_finite(s);
        }
    }
}
