//! The concise report: one line per finding, `path:line:col: severity[rule] message`.

use super::located::Finding;

/// Renders one line per finding, each ending in a newline. Line breaks
/// inside a message become spaces so that every finding stays on one line.
pub fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            f.location.path,
            f.location.range.start_line,
            f.location.range.start_column,
            f.severity.as_str(),
            f.rule,
            one_line(&f.message)
        ));
    }
    out
}

/// `s` with every line break (`\r\n`, `\n`, `\r`) replaced by a space.
fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::render::located::{Location, TextRange};

    #[test]
    fn one_line_per_finding() {
        let f = Finding {
            rule: "unknown-reference",
            severity: Severity::Error,
            location: Location {
                path: "a/b.arg".into(),
                range: TextRange {
                    start_line: 3,
                    start_column: 7,
                    end_line: 3,
                    end_column: 9,
                },
            },
            message: "no `x`\r\nhere".into(),
            help: None,
            primary_label: None,
            labels: vec![],
        };
        assert_eq!(render(&[f]), "a/b.arg:3:7: error[unknown-reference] no `x` here\n");
        assert_eq!(render(&[]), "");
    }
}
