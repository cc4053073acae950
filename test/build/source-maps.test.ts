/**
 * The production build ships no source maps (issue 16, item 9): dist/ had a 6 MB taskpane.js.map (9 MB of
 * maps in all), the add-in's whole source, served to every client. Development builds keep them.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { paneDist } from '../taskpane/harness';

const ROOT = path.join(__dirname, '../..');

jest.setTimeout(300_000);

type ConfigOf = (env: unknown, argv: unknown) => Promise<{ devtool: unknown }>;

describe('source maps', () => {
  it('are off in the production webpack configuration and on in development', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const configOf = require(path.join(ROOT, 'webpack.config.js')) as ConfigOf;
    expect((await configOf({}, { mode: 'production' })).devtool).toBe(false);
    expect((await configOf({}, { mode: 'development' })).devtool).toBe('source-map');
  });

  it('are not in the production build, nor referenced from its scripts', async () => {
    const dist = await paneDist();
    const files = readdirSync(dist);
    expect(files.filter((name) => name.endsWith('.map'))).toEqual([]);
    const scripts = files.filter((name) => name.endsWith('.js'));
    expect(scripts).toContain('taskpane.js');
    expect(scripts.filter((name) => readFileSync(path.join(dist, name), 'utf8').includes('sourceMappingURL'))).toEqual([]);
  });
});
