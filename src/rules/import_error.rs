//! The `import-error` rule: a `use` file is missing, unreadable, outside the project root, or imports in a cycle.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `import-error`.
pub static RULE: Rule = Rule {
    name: "import-error",
    default: Severity::Error,
    summary: "a `use` file is missing, unreadable, outside the project root, or imports in a cycle",
    explanation: "Paths in `use` are relative to the importing file and must stay inside the project root (the nearest ancestor directory holding `argcheck.yaml`, else the directory argcheck was pointed at). A missing or unreadable file, one outside the root, and imports in a cycle are reported at the `use` line; the rest of the file is still checked.",
    why: "An analysis must be able to say where all its material comes from (ICD 206). An import that fails leaves the sources and statements it should bring unresolved, and would otherwise surface only as a cascade of unknown references. Keeping imports inside the project root keeps a checked argument self-contained and reproducible on another machine.",
    example: "use \"sources.yml\"   # the registry is sources.yaml\n",
    fix: "use \"sources.yaml\"\n",
};
