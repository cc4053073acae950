/**
 * The production build ships no source maps (issue 16, item 9): dist/ had a 6 MB taskpane.js.map (9 MB of
 * maps in all), the add-in's whole source, served to every client. Development builds keep them. The
 * production build itself is checked for maps in manifest.test.ts, which makes one (`npm test` builds the
 * development dist/).
 */
import * as path from 'path';

const ROOT = path.join(__dirname, '../..');

jest.setTimeout(300_000);

type ConfigOf = (env: unknown, argv: unknown) => Promise<{ devtool: unknown }>;

describe('source maps', () => {
  it('are off in the production webpack configuration and on in development', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const configOf = require(path.join(ROOT, 'webpack.config.js')) as ConfigOf;
    // A production configuration needs ADDIN_URL (a reserved test name, allowed by ADDIN_URL_IS_TEST).
    const saved = { url: process.env.ADDIN_URL, test: process.env.ADDIN_URL_IS_TEST };
    Object.assign(process.env, { ADDIN_URL: 'https://addin.test.example/', ADDIN_URL_IS_TEST: '1' });
    try {
      expect((await configOf({}, { mode: 'production' })).devtool).toBe(false);
    } finally {
      if (saved.url === undefined) delete process.env.ADDIN_URL;
      else process.env.ADDIN_URL = saved.url;
      if (saved.test === undefined) delete process.env.ADDIN_URL_IS_TEST;
      else process.env.ADDIN_URL_IS_TEST = saved.test;
    }
    expect((await configOf({}, { mode: 'development' })).devtool).toBe('source-map');
  });
});
