//! Places in a text three ways: byte offsets (what Rust slices with),
//! 1-based line and character columns (what `pact validate` reports) and
//! LSP positions (0-based line, UTF-16 code units). Every conversion clamps:
//! a client's position past a line's end, inside a surrogate pair or past
//! the text's end lands on the nearest valid place, never a panic.

use lsp_types::{Position, Range};

/// Line starts of a text, for conversions.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// The text of a 0-based line, without its line break.
    fn line(&self, n: usize) -> (usize, &'a str) {
        let Some(&start) = self.starts.get(n) else {
            return (self.text.len(), "");
        };
        let end = self.starts.get(n + 1).copied().unwrap_or(self.text.len());
        let body = &self.text[start..end];
        (start, body.trim_end_matches(['\n', '\r']))
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let character: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(line as u32, character as u32)
    }

    /// The byte offset of an LSP position, clamped to its line and the text.
    pub fn offset(&self, p: Position) -> usize {
        let line = p.line as usize;
        if line >= self.starts.len() {
            return self.text.len();
        }
        let (start, body) = self.line(line);
        let mut units = 0usize;
        for (b, c) in body.char_indices() {
            if units >= p.character as usize {
                return start + b;
            }
            units += c.len_utf16();
        }
        start + body.len()
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end.max(start)))
    }

    /// Byte offset of a 1-based line and character column (as diagnostics give them).
    pub fn offset_of_column(&self, line: usize, column: usize) -> usize {
        let (start, body) = self.line(line.saturating_sub(1));
        if line == 0 || line > self.starts.len() {
            return if line == 0 { 0 } else { self.text.len() };
        }
        body.char_indices()
            .nth(column.saturating_sub(1))
            .map_or(start + body.len(), |(b, _)| start + b)
    }

    /// The range of `len` characters from a 1-based line and column, kept on that line.
    pub fn range_of_columns(&self, line: usize, column: usize, len: usize) -> Range {
        if line == 0 {
            return Range::default();
        }
        let start = self.offset_of_column(line, column);
        let (line_start, body) = self.line(line - 1);
        let line_end = line_start + body.len();
        let end = self.text[start.min(line_end)..line_end]
            .char_indices()
            .nth(len.max(1))
            .map_or(line_end, |(b, _)| start + b);
        self.range(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_positions_round_trip_and_clamp() {
        // `é` is one UTF-16 unit and two bytes; `𝔸` two units and four bytes.
        let text = "ab\né𝔸x\r\nlast";
        let l = Lines::new(text);
        assert_eq!(l.position(3), Position::new(1, 0));
        assert_eq!(l.position(5), Position::new(1, 1));
        assert_eq!(l.position(9), Position::new(1, 3));
        assert_eq!(l.offset(Position::new(1, 3)), 9);
        // Inside the surrogate pair: the character's end, not a panic.
        assert_eq!(l.offset(Position::new(1, 2)), 9);
        assert_eq!(l.offset(Position::new(1, 99)), 10);
        assert_eq!(l.offset(Position::new(99, 0)), text.len());
        assert_eq!(l.position(999), Position::new(2, 4));
        assert_eq!(l.offset_of_column(2, 3), 9);
        let r = l.range_of_columns(2, 2, 2);
        assert_eq!((r.start, r.end), (Position::new(1, 1), Position::new(1, 4)));
    }
}
