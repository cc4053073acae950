// The add-in manifest for a build: manifest.xml is written for the dev server (https://localhost:3000/);
// a production build points every URL at the host the add-in is deployed to.
"use strict";

const DEV_URL = "https://localhost:3000/";
const GENERATED_NOTE = '<!-- Built by "npm run build": edit manifest.xml in the repository, not this copy. -->';

/**
 * Where a production build points the manifest: ADDIN_URL, else package.json "config.prodUrl" (a reserved
 * example.org name until the practice picks its host). Refuses anything Office would not load.
 */
function productionUrl(env = process.env, pkg = require("../package.json")) {
  const fromEnv = env.ADDIN_URL && env.ADDIN_URL.trim();
  const raw = fromEnv || (pkg.config && pkg.config.prodUrl);
  const source = fromEnv ? "ADDIN_URL" : 'package.json "config.prodUrl"';
  if (!raw) {
    throw new Error('No production URL: set ADDIN_URL or package.json "config.prodUrl".');
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${source} is not a URL: "${raw}"`);
  }
  if (url.protocol !== "https:") throw new Error(`${source} must be https (Office loads add-ins only over https): "${raw}"`);
  if (url.search || url.hash) throw new Error(`${source} must not have a query or fragment: "${raw}"`);
  if (!url.pathname.endsWith("/")) throw new Error(`${source} must end with "/" (the folder that holds taskpane.html): "${raw}"`);
  if (/^(localhost|127\.|\[::1\])/.test(url.host)) throw new Error(`${source} must not be a local address: "${raw}"`);
  // RFC 2606 / 6761 names cannot be deployed to; say so on every build that uses one.
  const placeholder = /(^|\.)(example\.(com|org|net)|example|test|invalid)$/.test(url.hostname);
  return { url: url.href, source, placeholder };
}

/**
 * The production manifest: the developers' comments dropped (they describe the dev setup), then every
 * occurrence of the dev URL (not only the first, as String.replace with a string would) replaced by
 * `prodUrl`, then the dev origin where it stands alone (AppDomain takes an origin, no slash) by the
 * production origin. Throws if any "localhost" survives.
 */
function productionManifest(xml, prodUrl) {
  const origin = new URL(prodUrl).origin;
  const out = xml
    .replace(/<!--[\s\S]*?-->\s*/g, "")
    .replace(/^(<\?xml[^>]*\?>\s*)/, (decl) => `${decl}${GENERATED_NOTE}\n`)
    .split(DEV_URL)
    .join(prodUrl)
    .split(DEV_URL.slice(0, -1))
    .join(origin);
  const left = out.match(/.{0,40}localhost.{0,40}/);
  if (left) throw new Error(`manifest.xml still names localhost after URL replacement: ${left[0]}`);
  return out;
}

module.exports = { DEV_URL, productionUrl, productionManifest };
