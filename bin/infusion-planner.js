#!/usr/bin/env node
// The `infusion-planner` command: runs the compiled command line, lib/cli/main.js (built by
// `npm run build:cli`, which `npm install` runs through the "prepare" script). That module exports run(),
// which reads process.argv and sets the exit code.
"use strict";

const path = require("path");
const main = path.join(__dirname, "..", "lib", "cli", "main.js");

try {
  require.resolve(main);
} catch {
  console.error(`infusion-planner is not built (${path.relative(process.cwd(), main) || main} is missing): run \`npm run build:cli\`.`);
  process.exit(1);
}
const cli = require(main);
if (typeof cli.run !== "function") {
  console.error(`infusion-planner: ${main} does not export run(); rebuild with \`npm run build:cli\`.`);
  process.exit(1);
}
cli.run();
