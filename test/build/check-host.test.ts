/**
 * `npm run check-host -- URL` against two hosts this test starts on 127.0.0.1: one serving the add-in as a
 * deployment should (https with a certificate the check is told to trust, the right types, CORS on
 * functions.json, no framing ban), and one as a careless static host does (plain http, functions.json as
 * text/plain without CORS, the page refusing frames, a script of the wrong type under nosniff, a missing
 * icon, a page cached for a year). The command's report and exit status are checked line by line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestFiles } = require('../../scripts/check-host.js') as { manifestFiles(): string[] };

/** What each host serves: the file's bytes, and its headers. */
type Handler = (file: string) => { status: number; headers: Record<string, string>; body: Buffer } | null;

const body = (file: string): Buffer => (file.endsWith('.png') ? readFileSync(path.join(ROOT, file)) : Buffer.from(`/* ${file} */`));

const good: Handler = (file) => {
  const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.json') ? 'application/json' : 'image/png';
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
  if (file === 'functions.json') headers['Access-Control-Allow-Origin'] = '*';
  return { status: 200, headers, body: body(file) };
};

const bad: Handler = (file) => {
  if (file === 'assets/icon-80.png') return null;
  if (file === 'functions.json') return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: body(file) };
  if (file === 'functions.js') return { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'X-Content-Type-Options': 'nosniff' }, body: body(file) };
  if (file === 'taskpane.html') return { status: 200, headers: { 'Content-Type': 'text/html', 'X-Frame-Options': 'DENY', 'Cache-Control': 'public, max-age=31536000, immutable' }, body: body(file) };
  return good(file);
};

function handle(handler: Handler) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const file = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/addin\//, '');
    const answer = handler(file);
    if (!answer) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(answer.status, answer.headers).end(answer.body);
  };
}

const listen = (server: Server): Promise<number> => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** Runs the command as `npm run check-host -- URL` runs it; returns its exit status and lines. */
async function checkHost(url: string, env: Record<string, string> = {}): Promise<{ status: number | null; lines: string[] }> {
  // spawnSync would block this process's event loop, and with it the servers: run the child asynchronously.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'check-host.js'), url], { env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (status) => resolve({ status, lines: out.trim().split('\n') }));
  });
}

let dir: string;
let httpsServer: Server;
let httpServer: Server;
let goodUrl: string;
let badUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'check-host-'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const selfsigned = require('selfsigned') as { generate(attrs: unknown, options: unknown): Promise<{ private: string; cert: string }> };
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    days: 2,
    keySize: 2048,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  writeFileSync(path.join(dir, 'ca.pem'), pems.cert);
  httpsServer = createHttpsServer({ key: pems.private, cert: pems.cert }, handle(good));
  httpServer = createHttpServer(handle(bad));
  goodUrl = `https://127.0.0.1:${await listen(httpsServer)}/addin/`;
  badUrl = `http://127.0.0.1:${await listen(httpServer)}/addin/`;
}, 60_000);

afterAll(async () => {
  await Promise.all([httpsServer, httpServer].map((s) => new Promise((resolve) => s?.close(resolve))));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run check-host', () => {
  it('checks every file the manifest names', () => {
    expect(manifestFiles()).toEqual(['assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png', 'functions.js', 'functions.json', 'support.html', 'taskpane.html']);
  });

  it('passes a host that serves the add-in as it needs (https, types, CORS on functions.json)', async () => {
    const { status, lines } = await checkHost(goodUrl, { NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem') });
    expect(lines).toContain('OK    (host)                 scheme: https');
    expect(lines).toContain('OK    functions.json         Access-Control-Allow-Origin: *');
    expect(lines).toContain('OK    functions.json         Content-Type: application/json');
    expect(lines).toContain('OK    functions.js           Content-Type: text/javascript');
    expect(lines).toContain('OK    taskpane.html          X-Frame-Options: (none)');
    expect(lines).toContain('OK    assets/icon-80.png     Content-Type: image/png');
    expect(lines.filter((l) => /^(FAIL|WARN)/.test(l))).toEqual([]);
    expect(lines[lines.length - 1]).toBe('check-host: the host serves what the add-in needs.');
    expect(status).toBe(0);
  }, 60_000);

  it('refuses a certificate it has no reason to trust', async () => {
    const { status, lines } = await checkHost(goodUrl);
    expect(status).toBe(1);
    expect(lines.some((l) => /^FAIL {2}taskpane\.html {10}request: .*(self-signed|self signed)/i.test(l))).toBe(true);
  }, 60_000);

  it('reports each header a careless host gets wrong, and fails', async () => {
    const { status, lines } = await checkHost(badUrl);
    expect(lines).toContain('WARN  (host)                 scheme: http on this machine (a deployment must be https)');
    expect(lines).toContain('FAIL  functions.json         Content-Type: text/plain (expected application/json)');
    expect(lines).toContain('FAIL  functions.json         Access-Control-Allow-Origin: missing (Excel on the web cannot read the custom functions\' metadata)');
    expect(lines).toContain('FAIL  functions.js           Content-Type: application/octet-stream (expected text/javascript)');
    expect(lines).toContain('FAIL  functions.js           X-Content-Type-Options: nosniff with the wrong Content-Type: the browser refuses the file');
    expect(lines).toContain('FAIL  taskpane.html          X-Frame-Options: DENY (Excel on the web shows the task pane in a frame)');
    expect(lines).toContain('WARN  taskpane.html          Cache-Control: public, max-age=31536000, immutable (users keep the old file that long after an update)');
    expect(lines).toContain('FAIL  assets/icon-80.png     status: 404 (expected 200)');
    expect(lines[lines.length - 1]).toBe('check-host: 6 problems (FAIL above).');
    expect(status).toBe(1);
  }, 60_000);

  it('says how to use it when the URL is missing', () => {
    const noUrl = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-host.js')], { encoding: 'utf8' });
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toMatch(/^Usage: npm run check-host -- https:\/\//);
  });
});
