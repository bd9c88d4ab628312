//! The `import-error` rule: a `use` file is missing, unreadable, outside the project root, or imports in a cycle.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `import-error`.
pub static RULE: Rule = Rule {
    name: "import-error",
    default: Severity::Error,
    summary: "a `use` file is missing, unreadable, outside the project root, or imports in a cycle",
    explanation: "Paths in `use` are relative to the importing file and must stay inside the project root (the nearest ancestor directory holding `argcheck.yaml`, else the directory argcheck was pointed at). The rest of the file is still checked.",
    example: "use \"../elsewhere.arg\"   # outside the project root\n",
};
