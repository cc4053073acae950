#!/usr/bin/env node
// Before `npm test`: the browser and workbook tests need Debian's chromium and LibreOffice Calc, the manifest
// check xmllint (libxml2-utils). Say so in one
// line, with the command that installs them, instead of failing minutes later inside a test.
'use strict';
const { existsSync } = require('node:fs');
const { delimiter, join } = require('node:path');

const onPath = (name) => (process.env.PATH || '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
const missing = [];
if (!existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium')) missing.push('chromium');
if (!onPath('soffice') && !onPath('libreoffice')) missing.push('libreoffice-calc-nogui');
if (!onPath('pdftoppm')) missing.push('poppler-utils');
if (!onPath('xmllint')) missing.push('libxml2-utils');
if (missing.length > 0) {
  console.error(`npm test: missing system packages ${missing.join(', ')}: install them with \`apt-get install -y ${missing.join(' ')}\` (as root), or run \`bash .ci/run\`, which installs them and runs the tests`);
  process.exit(1);
}
