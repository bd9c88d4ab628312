//! GitHub Actions workflow commands: one annotation per finding.
//!
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE`,
//! with `warning` for warnings and `notice` for infos. The runner's grammar
//! needs escaping (ruff does none): in the message `%`, CR and LF; in
//! property values also `:` and `,`. When a span covers several lines,
//! `col` and `endColumn` are left out, as ruff does since its #22108: the
//! runner otherwise misplaces or drops the annotation.

use super::located::Finding;
use crate::diagnostic::Severity;

/// Renders one workflow command per finding, each ending in a newline.
/// The message carries the help on a second line when there is one.
pub fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let r = &f.location.range;
        let mut props = vec![("file", f.location.path.clone()), ("line", r.start_line.to_string())];
        if !r.is_multiline() {
            props.push(("col", r.start_column.to_string()));
        }
        props.push(("endLine", r.end_line.to_string()));
        if !r.is_multiline() {
            props.push(("endColumn", r.end_column.to_string()));
        }
        props.push(("title", format!("argcheck ({})", f.rule)));
        let props: Vec<String> = props
            .into_iter()
            .map(|(k, v)| format!("{k}={}", escape_property(&v)))
            .collect();
        let mut message = f.message.clone();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!("::{command} {}::{}\n", props.join(","), escape_data(&message)));
    }
    out
}

/// Escapes a command's data (after `::`): `%`, CR, LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_percent_first() {
        assert_eq!(escape_data("50%\r\n:,"), "50%25%0D%0A:,");
        assert_eq!(escape_property("a:b,c%0A"), "a%3Ab%2Cc%250A");
    }
}
