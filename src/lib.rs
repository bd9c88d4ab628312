//! argcheck: checks structured arguments the way a compiler checks code.
//!
//! The pipeline is the architecture:
//!
//! ```text
//! text ──parse──▶ syntax tree ──resolve──▶ argument graph ──analyze──▶ facts ──rules──▶ diagnostics ──render──▶ human | json
//! ```
//!
//! - [`syntax`]: nom-based parser; every node carries its byte span; never fails.
//! - [`graph`]: loading, imports, the YAML source registry, name resolution.
//! - [`analysis`]: grounding, ceilings, origins, support cycles, Dung labelling.
//! - [`rules`]: one file per rule and the registry.
//! - [`render`]: human (miette), JSON, and the `explain` tree.

#![warn(missing_docs)]

pub mod analysis;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod fmt;
pub mod graph;
pub mod import;
pub mod lsp;
pub mod render;
pub mod rules;
pub mod span;
pub mod suggest;
pub mod syntax;
pub mod terms;
pub mod timing;
pub mod yamlspan;
