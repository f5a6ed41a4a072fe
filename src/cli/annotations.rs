//! `pact validate --format github`: workflow commands that GitHub Actions
//! shows as annotations on the offending lines of a pull request.

use super::sarif::full_message;
use pact::scenario::{Diagnostic, Severity};

/// One `::error ...::message` or `::warning ...::message` line per diagnostic.
pub fn github(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        if !d.file.is_empty() {
            props.push(format!("file={}", property(&d.file)));
        }
        if d.line > 0 {
            props.push(format!("line={}", d.line));
            props.push(format!("col={}", d.column.max(1)));
        }
        props.push(format!(
            "title={}",
            property(&format!("{} {}", d.code, d.name))
        ));
        out.push_str(&format!(
            "::{kind} {}::{}\n",
            props.join(","),
            data(&full_message(d))
        ));
    }
    out
}

/// A message, escaped as GitHub's toolkit does (`%`, CR and LF).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: also `:` and `,`, which would end it.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pact::scenario::codes;

    #[test]
    fn lines_escape_what_would_break_them() {
        let d = Diagnostic::new(codes::UNKNOWN_REGION, "100% wrong,\r\nreally: yes").at(
            "a,b:c.ron",
            3,
            7,
            4,
        );
        assert_eq!(
            github(&[d]),
            "::error file=a%2Cb%3Ac.ron,line=3,col=7,title=E012 unknown-region::100%25 wrong,%0D%0Areally: yes\n"
        );
    }
}
