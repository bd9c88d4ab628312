//! Text → syntax tree.
//!
//! The parser never fails: it returns every item it could read together with
//! every syntax error it met, recovering at the next line (inside an item)
//! or at the next column-0 keyword (after a broken item header).

pub mod ast;
pub mod keys;
pub mod lexer;

pub mod parser;

pub use ast::*;
pub use parser::parse;
pub mod argdown;
pub mod markdown_cmark;
