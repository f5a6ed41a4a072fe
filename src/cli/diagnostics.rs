//! Rendering of scenario diagnostics for people (miette: file, line, caret, hint)
//! and for machines (JSON records).

use pact::scenario::{Diagnostic, Severity, Source};
use std::fmt;

/// A file's text under its name, borrowed: miette's own `NamedSource` would
/// copy the whole file for every diagnostic.
struct Named<'a> {
    name: &'a str,
    text: &'a str,
}

impl miette::SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// A diagnostic with its source, in the shape miette renders.
struct Rendered<'a> {
    d: &'a Diagnostic,
    src: Option<Named<'a>>,
    offset: usize,
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
            self.d.len,
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
        let r = Rendered {
            d,
            offset: src.map_or(0, |s| s.offset(d.line, d.column)),
            src: src.map(|s| Named {
                name: &s.path,
                text: &s.text,
            }),
        };
        if src.is_none() {
            // No source to show: the one-line form still gives file:line:column.
            out.push_str(&format!("{d}\n"));
            continue;
        }
        let _ = handler.render_report(&mut out, &r);
    }
    out
}
