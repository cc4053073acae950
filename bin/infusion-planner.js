#!/usr/bin/env node
// The `infusion-planner` command: runs the compiled command line in lib/ (`npm run build:cli`, also run by
// `npm install` through the "prepare" script).
"use strict";

const path = require("path");
const main = path.join(__dirname, "..", "lib", "cli", "main.js");

let resolved;
try {
  resolved = require.resolve(main);
} catch {
  console.error(`infusion-planner is not built (${path.relative(process.cwd(), main) || main} is missing): run \`npm run build:cli\`.`);
  process.exit(1);
}
require(resolved);
