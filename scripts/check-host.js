#!/usr/bin/env node
// `npm run check-host -- https://addins.your-practice.org/infusion-planner/`: fetches what Excel will fetch from
// the deployed add-in (taskpane.html, functions.js, functions.json, support.html and the icons the manifest
// names) and reports, file by file, each response header the add-in needs. Exit status 0 when nothing fails,
// 1 when something does, 2 on a bad command line. Reads nothing but the given host; sends nothing anywhere else.
//
// What is checked, and why (Microsoft's documentation):
// - https: "Office Add-ins must use HTTPS, not HTTP" (https://learn.microsoft.com/office/dev/add-ins/concepts/add-in-development-best-practices);
//   a loopback http:// URL is accepted with a warning, for trying the check on this machine.
// - 200 OK for every file the manifest names.
// - Content-Type: text/html for the page, a JavaScript type for functions.js, application/json for
//   functions.json, image/png for the icons (IIS serves no unknown extension at all; a wrong type breaks a
//   script under X-Content-Type-Options: nosniff).
// - Access-Control-Allow-Origin on functions.json: "Server settings on the server that hosts the JSON file must
//   have CORS enabled in order for custom functions to work correctly in Excel on the web" (the custom
//   functions overview, OfficeDev/office-js-docs-pr pull request 602); Excel on the web fetches it from its own
//   origin (https://excel.officeapps.live.com and others: office-js-docs-pr issues 1920 and 2956).
// - Framing: Excel on the web shows the task pane in an iframe; X-Frame-Options DENY/SAMEORIGIN or a
//   Content-Security-Policy frame-ancestors that leaves out Office's origins blocks it.
// - Cache-Control, reported: an update reaches users when their Office fetches the files again; a long
//   max-age on taskpane.html, functions.js or functions.json delays it (https://learn.microsoft.com/office/dev/add-ins/testing/clear-cache).
"use strict";

const fs = require("fs");
const http = require("http");
const https = require("https");
const path = require("path");
const { DEV_URL } = require("./build-manifest");

const ROOT = path.resolve(__dirname, "..");

/** The files the manifest names, relative to the add-in folder (from the repository's manifest.xml). */
function manifestFiles() {
  const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8").replace(/<!--[\s\S]*?-->/g, "");
  const files = new Set();
  for (const m of xml.matchAll(/DefaultValue="([^"]+)"/g)) {
    if (m[1].startsWith(DEV_URL)) files.add(m[1].slice(DEV_URL.length));
  }
  return [...files].sort();
}

const JS_TYPES = ["text/javascript", "application/javascript", "application/x-javascript"];
const EXPECTED_TYPES = { ".html": ["text/html"], ".js": JS_TYPES, ".json": ["application/json"], ".png": ["image/png"] };
/** Origins Excel on the web frames the task pane from (the Office web apps' domains). */
const OFFICE_FRAME_ORIGINS = /officeapps\.live\.com|office\.com|office365\.com|microsoft365\.com|cloud\.microsoft|sharepoint\.com/;
/** Files whose staleness delays an update: cached for more than a day is reported. */
const MAX_FRESH_SECONDS = 24 * 3600;

function get(url, timeoutMs) {
  return new Promise((resolve) => {
    const lib = url.protocol === "https:" ? https : http;
    const req = lib.get(url, { headers: { Origin: "https://excel.officeapps.live.com", "User-Agent": "infusion-planner check-host" } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on("error", (err) => resolve({ error: err.message }));
  });
}

/** The checks of one response: [level, what, detail] with level OK, WARN or FAIL. */
function checkResponse(file, res) {
  const out = [];
  const ext = path.extname(file);
  if (res.error) return [["FAIL", "request", res.error]];
  out.push(res.status === 200 ? ["OK", "status", "200"] : ["FAIL", "status", `${res.status} (expected 200)`]);
  if (res.status !== 200) return out;
  const h = res.headers;
  const type = (h["content-type"] || "").split(";")[0].trim().toLowerCase();
  const expected = EXPECTED_TYPES[ext];
  if (expected) {
    out.push(expected.includes(type) ? ["OK", "Content-Type", type] : ["FAIL", "Content-Type", `${type || "(none)"} (expected ${expected[0]})`]);
  }
  if (file === "functions.json") {
    const acao = h["access-control-allow-origin"];
    if (acao === "*") out.push(["OK", "Access-Control-Allow-Origin", "*"]);
    else if (acao) out.push(["WARN", "Access-Control-Allow-Origin", `${acao} (Excel on the web fetches from its own origin; "*" always works)`]);
    else out.push(["FAIL", "Access-Control-Allow-Origin", "missing (Excel on the web cannot read the custom functions' metadata)"]);
  }
  if (ext === ".html") {
    const xfo = (h["x-frame-options"] || "").toUpperCase();
    if (xfo === "DENY" || xfo === "SAMEORIGIN") out.push(["FAIL", "X-Frame-Options", `${xfo} (Excel on the web shows the task pane in a frame)`]);
    else out.push(["OK", "X-Frame-Options", xfo || "(none)"]);
    const csp = h["content-security-policy"] || "";
    const fa = /frame-ancestors([^;]*)/i.exec(csp);
    if (fa && !/\*(\s|$)/.test(fa[1]) && !OFFICE_FRAME_ORIGINS.test(fa[1])) {
      out.push(["FAIL", "Content-Security-Policy", `frame-ancestors${fa[1]} leaves out Office's origins`]);
    }
  }
  if (h["x-content-type-options"] === "nosniff" && expected && !expected.includes(type)) {
    out.push(["FAIL", "X-Content-Type-Options", "nosniff with the wrong Content-Type: the browser refuses the file"]);
  }
  if ([".html", ".js", ".json"].includes(ext)) {
    const cc = h["cache-control"] || "";
    const maxAge = /max-age=(\d+)/i.exec(cc);
    if (/immutable/i.test(cc) || (maxAge && Number(maxAge[1]) > MAX_FRESH_SECONDS)) {
      out.push(["WARN", "Cache-Control", `${cc} (users keep the old file that long after an update)`]);
    } else out.push(["OK", "Cache-Control", cc || "(none: the browser's heuristics)"]);
  }
  return out;
}

async function main(argv) {
  const raw = argv.find((a) => !a.startsWith("--"));
  if (!raw) {
    console.error("Usage: npm run check-host -- https://your-host/infusion-planner/   (the folder that serves dist/)");
    return 2;
  }
  let base;
  try {
    base = new URL(raw.endsWith("/") ? raw : `${raw}/`);
  } catch {
    console.error(`check-host: not a URL: ${raw}`);
    return 2;
  }
  const lines = [];
  let failed = 0;
  const report = (level, file, what, detail) => {
    if (level === "FAIL") failed++;
    lines.push(`${level.padEnd(4)}  ${file.padEnd(22)} ${what}: ${detail}`);
  };
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(base.hostname);
  if (base.protocol === "https:") report("OK", "(host)", "scheme", "https");
  else if (base.protocol === "http:" && loopback) report("WARN", "(host)", "scheme", "http on this machine (a deployment must be https)");
  else report("FAIL", "(host)", "scheme", `${base.protocol.replace(":", "")} (Office loads add-ins only over https)`);

  for (const file of manifestFiles()) {
    const res = await get(new URL(file, base), 15000);
    for (const [level, what, detail] of checkResponse(file, res)) report(level, file, what, detail);
  }
  console.log(`check-host ${base.href}`);
  for (const line of lines) console.log(line);
  console.log(failed === 0 ? "check-host: the host serves what the add-in needs." : `check-host: ${failed} problem${failed === 1 ? "" : "s"} (FAIL above).`);
  return failed === 0 ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`check-host failed: ${err instanceof Error ? err.message : err}`);
      process.exit(2);
    },
  );
}

module.exports = { checkResponse, manifestFiles };
