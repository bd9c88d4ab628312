//! The `unmapped-argdown` rule: an element of an Argdown map has no exact counterpart in the argument language.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unmapped-argdown`.
pub static RULE: Rule = Rule {
    name: "unmapped-argdown",
    default: Severity::Warning,
    summary: "an element of an Argdown map (`.argdown`) has no exact counterpart in the argument language",
    explanation: "`argcheck check map.argdown` and `argcheck import` read an Argdown map through the importer (docs/argdown.md has the mapping). Whatever the importer cannot map exactly is reported at the line and column where it is written: inline data with no counterpart (`{color: red}`), front matter that configures Argdown's own tools, an undercut (mapped as an attack on the conclusion), a relation to a reconstructed argument as a whole (mapped onto its conclusion), a statement that is only referenced and never given a text, and any text the Argdown parser would reject. The example and fix below are Argdown, not `.arg`.",
    why: "An import that silently drops part of a map would check a different argument than the one its author drew, and the author could not know which. Reporting every loss where it happens keeps the account honest: what argcheck says the map rests on is exactly what it read.",
    example: "[Ceasefire]: The ceasefire holds. {color: red}\n  + [Observers]: Observers report no shelling.\n",
    fix: "[Ceasefire]: The ceasefire holds.\n  + [Observers]: Observers report no shelling.\n",
};
