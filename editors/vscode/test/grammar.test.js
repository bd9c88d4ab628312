// Checks the TextMate grammars: both are valid JSON, and vscode-textmate
// (the engine VS Code uses, with its Oniguruma build) tokenises a sample
// .arg text and an arg block inside Markdown with the expected scopes.
// Run: npm test (after npm ci).

"use strict";
const fs = require("fs");
const path = require("path");
const assert = require("assert");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const root = path.join(__dirname, "..");
const grammarPath = path.join(root, "syntaxes", "arg.tmLanguage.json");
const injectionPath = path.join(root, "syntaxes", "arg-markdown-injection.tmLanguage.json");

// 1. Valid JSON, and the package points at them.
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
for (const g of pkg.contributes.grammars) {
  JSON.parse(fs.readFileSync(path.join(root, g.path), "utf8"));
}
JSON.parse(fs.readFileSync(path.join(root, "language-configuration.json"), "utf8"));

const wasm = fs.readFileSync(path.join(require.resolve("vscode-oniguruma"), "..", "onig.wasm")).buffer;

async function main() {
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const read = (p) => vsctm.parseRawGrammar(fs.readFileSync(p, "utf8"), p);
      if (scopeName === "source.arg") return read(grammarPath);
      if (scopeName === "markdown.arg.codeblock") return read(injectionPath);
      if (scopeName === "text.html.markdown") {
        // A stand-in for VS Code's Markdown grammar: the injection is what
        // is tested.
        return vsctm.parseRawGrammar(
          JSON.stringify({ scopeName: "text.html.markdown", patterns: [{ match: ".+", name: "meta.paragraph.markdown" }] }),
          "markdown.json"
        );
      }
      return null;
    },
    getInjections: (scopeName) => (scopeName === "text.html.markdown" ? ["markdown.arg.codeblock"] : undefined),
  });

  // Tokens of a text: [{text, scopes}] per line.
  async function tokenize(scope, text) {
    const grammar = await registry.loadGrammar(scope);
    assert.ok(grammar, `grammar ${scope} loads`);
    let state = vsctm.INITIAL;
    const out = [];
    for (const line of text.split("\n")) {
      const r = grammar.tokenizeLine(line, state);
      for (const t of r.tokens) {
        out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
      }
      state = r.ruleStack;
    }
    return out;
  }

  function scopeOf(tokens, text, nth = 0) {
    const hits = tokens.filter((t) => t.text === text);
    assert.ok(hits.length > nth, `token ${JSON.stringify(text)} not found in ${JSON.stringify(tokens.map((t) => t.text))}`);
    return hits[nth].scopes;
  }

  function expectScope(tokens, text, scope, nth = 0) {
    const scopes = scopeOf(tokens, text, nth);
    assert.ok(
      scopes.some((s) => s.startsWith(scope)),
      `${JSON.stringify(text)}: expected ${scope}, got ${scopes.join(" ")}`
    );
  }

  const sample = [
    "# A comment",
    'use "sources.yaml"',
    'claim isk-base "The base lies in Pakistan \\"mostly\\"" # trailing',
    "  because: no-afghan-base, pakistan-logistics",
    '  cite: partaw 3 "para. 17" 2017-02-27',
    "  confidence: likely",
    "  expect: in, very-likely",
    "  allow: single-source",
    "  rates: isk CC, ttp II",
    '  note: "a note that goes',
    '    on over two lines"',
    'source partaw "Murid Partaw"',
    "  reliability: B",
    "  url: https://x.org/page#part",
    "  kind: expert",
  ].join("\n");
  const t = await tokenize("source.arg", sample);
  expectScope(t, " A comment", "comment.line.number-sign.arg");
  expectScope(t, "#", "punctuation.definition.comment.arg");
  expectScope(t, "sources.yaml", "string.quoted.double.arg");
  expectScope(t, "The base lies in Pakistan ", "string.quoted.double.arg");
  expectScope(t, "use", "keyword.control.import.arg");
  expectScope(t, "claim", "keyword.other.item.claim.arg");
  expectScope(t, "isk-base", "entity.name.type.claim.arg");
  expectScope(t, "\\\"", "constant.character.escape.arg");
  expectScope(t, " trailing", "comment.line.number-sign.arg");
  expectScope(t, "because", "support.type.property-name.arg");
  expectScope(t, "no-afghan-base", "variable.other.reference.arg");
  expectScope(t, "partaw", "variable.other.reference.arg");
  expectScope(t, "3", "constant.numeric.credibility.arg");
  expectScope(t, "para. 17", "string.quoted.double.arg");
  expectScope(t, "2017-02-27", "constant.numeric.date.arg");
  expectScope(t, "likely", "constant.language.confidence.arg");
  expectScope(t, "in", "constant.language.fact.arg");
  expectScope(t, "very-likely", "constant.language.confidence.arg");
  expectScope(t, "single-source", "support.function.rule.arg");
  expectScope(t, "CC", "constant.other.rating.arg");
  expectScope(t, "II", "constant.other.rating.arg");
  expectScope(t, '    on over two lines', "string.quoted.double.arg");
  expectScope(t, "partaw", "entity.name.type.source.arg", 1);
  expectScope(t, "B", "constant.other.reliability.arg");
  expectScope(t, "https://x.org/page#part", "markup.underline.link.arg");

  const md = ["# Title", "", "```arg", 'claim c "C"', "  because: p # why", "```", "", "claim not-code"].join("\n");
  const m = await tokenize("text.html.markdown", md);
  expectScope(m, "claim", "keyword.other.item.claim.arg");
  expectScope(m, "claim", "meta.embedded.block.arg");
  expectScope(m, "p", "variable.other.reference.arg");
  expectScope(m, " why", "comment.line.number-sign.arg");
  const after = m.filter((x) => x.text.includes("not-code"));
  assert.ok(after.length > 0 && after.every((x) => !x.scopes.some((s) => s.endsWith(".arg"))), "the block ends at its fence");

  console.log("grammar tests: 2 passed, 0 failed");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
