//! Rendering of scenario diagnostics for people (miette: file, line, caret, hint)
//! and for machines (JSON records).

use pact::scenario::{Diagnostic, Severity, Source};
use std::fmt;

/// The lines around a problem, as miette shows them, under the file's name.
/// Only the marked line and its neighbours are handed to miette, each cut to
/// [`SHOWN_CHARS`] around the marker: a one-line file of megabytes then prints
/// a screenful rather than megabytes (and miette itself panics on a line of
/// more than 65,535 columns).
struct Named<'a> {
    name: &'a str,
    text: String,
    /// 0-based number of the excerpt's first line in the file.
    first_line: usize,
    /// Whether the marked line was cut at its start: miette's own `[file:line:column]`
    /// header would count columns in the cut text, so it is left out (the label has the place).
    cut: bool,
}

/// Characters of a line shown around a marker; the rest is replaced by `…`.
const SHOWN_CHARS: usize = 160;

impl miette::SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let (data, span, line) = (inner.data(), *inner.span(), inner.line() + self.first_line);
        Ok(Box::new(if self.cut {
            miette::MietteSpanContents::new(data, span, line, inner.column(), inner.line_count())
        } else {
            miette::MietteSpanContents::new_named(
                self.name.to_string(),
                data,
                span,
                line,
                inner.column(),
                inner.line_count(),
            )
        }))
    }
}

/// The excerpt of `src` around 1-based `line` and `column`, with the byte
/// offset and length of the marker (`len` characters) in it.
fn excerpt<'a>(
    src: &'a Source,
    line: usize,
    column: usize,
    len: usize,
) -> (Named<'a>, usize, usize) {
    let text = &src.text;
    let first = line.saturating_sub(1).max(1);
    let (mut out, mut offset, mut marked, mut cut) = (String::new(), 0, 0, false);
    for l in first..=line + 1 {
        let start = src.offset(l, 1);
        if l > line && start >= text.len() {
            break;
        }
        let end = src.offset(l + 1, 1).max(start);
        let body = text[start..end].trim_end_matches(['\n', '\r']);
        // Characters kept: a window around the marker on its line, the start elsewhere.
        let col = if l == line {
            column.saturating_sub(1)
        } else {
            0
        };
        let from = col.saturating_sub(SHOWN_CHARS / 2);
        let mut chars = body.char_indices().skip(from);
        let from_byte = chars.next().map_or(body.len(), |(b, _)| b);
        let to_byte = body[from_byte..]
            .char_indices()
            .nth(SHOWN_CHARS)
            .map_or(body.len(), |(b, _)| from_byte + b);
        if !out.is_empty() {
            out.push('\n');
        }
        if from_byte > 0 {
            out.push('…');
        }
        if l == line {
            let shown = &body[from_byte..to_byte];
            let at = shown
                .char_indices()
                .nth(col - from)
                .map_or(shown.len(), |(b, _)| b);
            offset = out.len() + at;
            cut = from_byte > 0;
            marked = shown[at..]
                .char_indices()
                .nth(len.max(1))
                .map_or(shown.len() - at, |(b, _)| b);
        }
        out.push_str(&body[from_byte..to_byte]);
        if to_byte < body.len() {
            out.push('…');
        }
    }
    let named = Named {
        name: &src.path,
        text: out,
        first_line: first - 1,
        cut,
    };
    (named, offset, marked)
}

/// A diagnostic with its source, in the shape miette renders.
struct Rendered<'a> {
    d: &'a Diagnostic,
    src: Option<Named<'a>>,
    offset: usize,
    len: usize,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.d.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.d.message)?;
        if let Some(p) = &self.d.path {
            write!(f, " (at `{p}`)")?;
        }
        Ok(())
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!("{} {}", self.d.code, self.d.name)))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.d
            .hint
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.src.as_ref()?;
        let label = format!("{}:{}:{}", self.d.file, self.d.line, self.d.column);
        Some(Box::new(std::iter::once(miette::LabeledSpan::new(
            Some(label),
            self.offset,
            self.len,
        ))))
    }
}

/// Human-readable report of diagnostics, with the source line and a marker where known.
pub fn render(diags: &[Diagnostic], sources: &[Source], color: bool) -> String {
    let handler = if color {
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode())
    } else {
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
    };
    let mut out = String::new();
    for d in diags {
        let src = sources
            .iter()
            .find(|s| s.path == d.file)
            .filter(|_| d.line > 0);
        let Some(src) = src else {
            // No source to show: the one-line form still gives file:line:column.
            out.push_str(&format!("{d}\n"));
            continue;
        };
        let (named, offset, len) = excerpt(src, d.line, d.column, d.len);
        let r = Rendered {
            d,
            src: Some(named),
            offset,
            len,
        };
        let _ = handler.render_report(&mut out, &r);
    }
    out
}
