#!/usr/bin/env node
// Renders the add-in icons from the SVG sources beside this script, with headless Chromium
// (Debian's `chromium`, driven by playwright-core) so the PNGs are anti-aliased the way a browser draws them.
// The PNGs are committed; run `node assets/render-icons.js` only after changing an SVG.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");
/* global document -- used only inside page.waitForFunction, which runs in the browser */

const icons = [
  { source: "icon-16.svg", size: 16 }, // simplified drawing for the ribbon's small size
  { source: "icon.svg", size: 32 },
  { source: "icon.svg", size: 64 },
  { source: "icon.svg", size: 80 },
];

async function main() {
  const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  const browser = await chromium.launch({ executablePath });
  try {
    for (const { source, size } of icons) {
      const svg = fs.readFileSync(path.join(__dirname, source), "utf8");
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      await page.waitForFunction(() => document.images[0].complete);
      const out = path.join(__dirname, `icon-${size}.png`);
      await page.screenshot({ path: out, omitBackground: true });
      await page.close();
      console.log(`assets/icon-${size}.png from assets/${source}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
