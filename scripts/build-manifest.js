// The add-in manifest for a build: manifest.xml is written for the dev server (https://localhost:3000/);
// a production build points every URL at the host the add-in is deployed to.
"use strict";

const DEV_URL = "https://localhost:3000/";
const GENERATED_NOTE = '<!-- Built by "npm run build": edit manifest.xml in the repository, not this copy. -->';

// Host names that can never serve a deployed add-in: RFC 2606 / RFC 6761 reserved names.
const RESERVED_HOST = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$/;

/**
 * Where a production build points the manifest: ADDIN_URL, the https folder that will serve dist/. There is
 * no default: a production build without a real URL fails rather than writing a manifest that Excel would
 * load from nowhere. A reserved name (example.org, *.test, ...) is refused too, unless ADDIN_URL_IS_TEST=1
 * says the build is made by the tests (they build with such a name, into a temporary folder).
 * Refuses anything Office would not load.
 */
function productionUrl(env = process.env) {
  const raw = env.ADDIN_URL && env.ADDIN_URL.trim();
  const source = "ADDIN_URL";
  if (!raw) {
    throw new Error(
      "No production URL: run `ADDIN_URL=https://your-host/infusion-planner/ npm run build` with the https folder " +
        "that will serve dist/ (`npm run build:dev` builds for the dev server at https://localhost:3000/).",
    );
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
  if (RESERVED_HOST.test(url.hostname) && env.ADDIN_URL_IS_TEST !== "1") {
    throw new Error(`${source} names a reserved example host that cannot serve the add-in: "${raw}" (set the real https folder)`);
  }
  return { url: url.href, source };
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
