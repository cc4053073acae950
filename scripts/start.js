#!/usr/bin/env node
// `npm start`: development build of the add-in served over https://localhost:3000 (webpack-dev-server, dist/
// kept up to date on disk), then sideloaded into desktop Excel where office-addin-debugging can do that
// (Windows, macOS). Elsewhere (Linux has no desktop Excel) it serves and prints how to upload the manifest
// into Excel on the web. Runs in the foreground; Ctrl+C or `npm stop` (from another terminal) stops it.
//
// `npm stop` (`node scripts/start.js stop`): stops the server started by `npm start` and, on Windows and
// macOS, unregisters the sideloaded add-in.
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
// The development manifest in the repository (every URL https://localhost:3000/), as Microsoft's template
// sideloads it (`office-addin-debugging start manifest.xml`), never dist/manifest.xml, which a production
// build (`ADDIN_URL=... npm run build`) rewrites with the deployed host's URLs.
const MANIFEST = path.join(ROOT, "manifest.xml");
const { DEV_SERVER_PORT: PORT } = require("../webpack.config.js");
// One state file per checkout, outside the repository: the pid of the running `npm start`.
const STATE = path.join(
  os.tmpdir(),
  `infusion-planner-dev-server-${crypto.createHash("sha1").update(ROOT).digest("hex").slice(0, 8)}.json`,
);
const DESKTOP_SIDELOAD = process.platform === "win32" || process.platform === "darwin";

function say(line = "") {
  console.log(line);
}

function fail(lines) {
  console.error(["", ...[].concat(lines)].join("\n"));
  process.exit(1);
}

function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE, "utf8"));
  } catch {
    return undefined;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

function portInUse(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(true));
    probe.once("listening", () => probe.close(() => resolve(false)));
    probe.listen(port, "localhost");
  });
}

/**
 * The localhost certificate and key from office-addin-dev-certs (in ~/.office-addin-dev-certs), created on
 * first use. Trusting its CA needs administrator rights; if that fails the server still runs with the
 * certificate, and the user is told why Excel will refuse it and how to fix that.
 */
async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const files = require("office-addin-dev-certs/lib/defaults");
  const paths = { ca: files.caCertificatePath, cert: files.localhostCertificatePath, key: files.localhostKeyPath };

  const fresh = () => {
    try {
      const cert = new crypto.X509Certificate(fs.readFileSync(paths.cert));
      fs.accessSync(paths.key);
      fs.accessSync(paths.ca);
      return Date.parse(cert.validTo) > Date.now() + 24 * 3600 * 1000;
    } catch {
      return false;
    }
  };
  const trusted = () => {
    try {
      return devCerts.isCaCertificateInstalled();
    } catch {
      return false;
    }
  };

  let trustProblem;
  if (!fresh()) {
    say("Creating the localhost development certificate (office-addin-dev-certs)...");
    try {
      await devCerts.ensureCertificatesAreInstalled();
    } catch (err) {
      trustProblem = err instanceof Error ? err.message : String(err);
    }
  } else if (!trusted()) {
    try {
      await devCerts.installCaCertificate(paths.ca);
    } catch (err) {
      trustProblem = err instanceof Error ? err.message : String(err);
    }
  }

  if (!fresh()) {
    fail([
      "Could not create the localhost certificate that Office requires (add-ins load only over https).",
      `  Reason: ${trustProblem ?? "the certificate files are missing or expired"}`,
      `  Fix: make ${path.dirname(paths.ca)} writable (or remove it), run \`npx office-addin-dev-certs install\``,
      "  to see the full error, then `npm start` again.",
    ]);
  }
  if (trustProblem) {
    say("");
    say("WARNING: the localhost certificate exists but its CA is not trusted on this machine, so Excel and");
    say("browsers will refuse https://localhost:3000 until it is.");
    say(`  Reason: ${trustProblem.split("\n")[0]}`);
    say("  Fix, either:");
    say("   - trust it system-wide (needs administrator rights): sudo npx office-addin-dev-certs install");
    say(`   - or import ${paths.ca}`);
    say("     as a trusted certificate authority in the browser you use for Excel on the web");
    say("     (Chrome/Edge: Settings > Privacy and security > Security > Manage certificates >");
    say("     Authorities > Import; Firefox: Settings > Privacy & Security > Certificates > View Certificates >");
    say("     Authorities > Import), then restart the browser.");
  }
  return { ca: fs.readFileSync(paths.ca), cert: fs.readFileSync(paths.cert), key: fs.readFileSync(paths.key) };
}

function webSideloadSteps() {
  return [
    "",
    "To use the add-in in Excel on the web:",
    `  1. In the browser you will use, open https://localhost:${PORT}/taskpane.html and check it loads`,
    "     without a certificate warning (see above if it does not).",
    "  2. Open a workbook in Excel on the web (https://excel.cloud.microsoft, or office.com > Excel).",
    "  3. Open the add-ins dialog: Home > Add-ins > More Add-ins (older ribbons: Insert > Add-ins > My Add-ins).",
    "  4. Choose My Add-ins > Upload My Add-in (in some versions: Manage My Add-ins > Upload My Add-in).",
    `  5. Browse to ${MANIFEST} and choose Upload.`,
    "  6. Home > Infusion Planner opens the task pane; type =INFUSION. in a cell to see the functions.",
    "  Excel keeps the upload for this browser session; upload again after changing manifest.xml.",
  ];
}

async function sideloadDesktop() {
  const { startDebugging } = require("office-addin-debugging");
  say("Sideloading into desktop Excel (office-addin-debugging)...");
  try {
    // No dev-server command: this script already serves on PORT.
    await startDebugging(MANIFEST, { appType: "desktop", app: "excel", enableDebugging: false, enableLiveReload: false });
    return true;
  } catch (err) {
    say(`Could not sideload into desktop Excel: ${err instanceof Error ? err.message.split("\n").join(" ") : err}`);
    say("Upload the manifest by hand instead (Excel on Windows/Mac: Home > Add-ins > More Add-ins > My Add-ins >");
    say(`Upload My Add-in, then ${MANIFEST}), or use Excel on the web:`);
    return false;
  }
}

async function start() {
  const running = readState();
  if (running && isAlive(running.pid)) {
    fail(`The dev server is already running (process ${running.pid}, https://localhost:${running.port}/). Stop it with \`npm stop\`.`);
  }
  if (await portInUse(PORT)) {
    fail(`Port ${PORT} is in use by another program; the manifest expects the add-in at https://localhost:${PORT}/. Stop that program first.`);
  }

  const https = await httpsOptions();

  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const config = await require("../webpack.config.js")({}, { mode: "development" });
  config.devServer.server = { type: "https", options: https };

  say("");
  say("Building (development) and starting the dev server...");
  const compiler = webpack(config);
  const firstBuild = new Promise((resolve) => compiler.hooks.done.tap("npm-start", resolve));
  const server = new WebpackDevServer(config.devServer, compiler);
  await server.start();
  const stats = await firstBuild;
  fs.writeFileSync(STATE, JSON.stringify({ pid: process.pid, port: PORT, root: ROOT }));

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    say("\nStopping the dev server...");
    await server.stop();
    const state = readState();
    if (state && state.pid === process.pid) fs.rmSync(STATE, { force: true });
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  if (stats.hasErrors()) {
    say("");
    say("The build has errors (above). The server keeps running and rebuilds when you save a fix.");
  }

  say("");
  say(`Serving https://localhost:${PORT}/ (dist/ is rewritten on every change). Manifest: ${MANIFEST}`);
  let sideloaded = false;
  if (DESKTOP_SIDELOAD && !stats.hasErrors()) sideloaded = await sideloadDesktop();
  if (!sideloaded) {
    if (!DESKTOP_SIDELOAD) say(`There is no desktop Excel on ${process.platform} to sideload into.`);
    for (const line of webSideloadSteps()) say(line);
  }
  say("");
  say("Stop with Ctrl+C here, or `npm stop` from another terminal.");
}

async function stop() {
  const state = readState();
  if (DESKTOP_SIDELOAD && fs.existsSync(MANIFEST)) {
    try {
      const { stopDebugging } = require("office-addin-debugging");
      await stopDebugging(MANIFEST); // unregisters the sideloaded add-in
    } catch (err) {
      say(`Could not unregister the add-in from desktop Excel: ${err instanceof Error ? err.message : err}`);
    }
  }
  if (!state || !isAlive(state.pid)) {
    fs.rmSync(STATE, { force: true });
    say("No dev server started by `npm start` is running.");
    return;
  }
  process.kill(state.pid, "SIGTERM");
  for (let i = 0; i < 50 && isAlive(state.pid); i++) await new Promise((r) => setTimeout(r, 200));
  if (isAlive(state.pid)) fail(`The dev server (process ${state.pid}) did not stop; end it with: kill ${state.pid}`);
  fs.rmSync(STATE, { force: true });
  say(`Stopped the dev server (process ${state.pid}).`);
}

const command = process.argv[2];
if (require.main !== module) {
  module.exports = { MANIFEST }; // for the tests: what `npm start` sideloads
} else if (command === undefined) {
  start().catch((err) => fail(`npm start failed: ${err instanceof Error ? err.message : err}`));
} else if (command === "stop") {
  stop().catch((err) => fail(`npm stop failed: ${err instanceof Error ? err.message : err}`));
} else {
  fail(`Unknown command "${command}". Use \`npm start\` or \`npm stop\`.`);
}
