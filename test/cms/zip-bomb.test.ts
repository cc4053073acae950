/**
 * Zip bombs (issue 16, item 7): an xlsx whose parts would inflate past 100 MB is refused from its declared
 * sizes before anything is inflated, and one that lies about its sizes is stopped while inflating, in the
 * command line's reader and in the task pane's import alike.
 */
import JSZip from 'jszip';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parsePaymentLimitFile } from '../../src/cms';
import { MAX_UNCOMPRESSED_BYTES } from '../../src/cms/zip-limits';
import { readCmsFile } from '../../src/taskpane/import-cms';
import { paymentLimitXlsx } from '../support/cms-xlsx';
import { asyncMessageOf } from './files';

const JAN_2026 = path.join(__dirname, '../../data/cms/asp-pricing-files/section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv');
const BOMB = 'xl/media/bomb.bin';
/** 101 MiB of zeros: 1 MiB past the limit, about 100 KB deflated. */
const BOMB_BYTES = MAX_UNCOMPRESSED_BYTES + 1024 * 1024;

let real: Uint8Array;
let bomb: Uint8Array;

beforeAll(async () => {
  real = await paymentLimitXlsx(readFileSync(JAN_2026, 'latin1'));
  const zip = await JSZip.loadAsync(real);
  zip.file(BOMB, new Uint8Array(BOMB_BYTES));
  bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}, 60_000);

/** The same archive with the bomb's declared uncompressed size (central directory and local header) set to `size`. */
function declaring(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const name = new TextEncoder().encode(BOMB);
  for (let at = 0; at + 46 < out.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x02014b50 && view.getUint16(at + 28, true) === name.length && out.subarray(at + 46, at + 46 + name.length).every((b, k) => b === name[k])) {
      view.setUint32(at + 24, size, true);
      view.setUint32(view.getUint32(at + 42, true) + 22, size, true);
    }
  }
  return out;
}

describe('a workbook that would inflate past 100 MB', () => {
  it('is small on disk (the crafted input)', () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
  });

  it('is refused from its declared sizes, at once', async () => {
    const started = Date.now();
    // 101 MiB of the bomb + the workbook's own parts (a few hundred KB) = 101.x MB; the limit is 100.0 MB.
    expect(await asyncMessageOf(() => parsePaymentLimitFile(bomb, 'bomb.xlsx'))).toMatch(
      /^payment limit file "bomb\.xlsx": the workbook would inflate to 101\.\d MB \(xl\/media\/bomb\.bin: 101\.0 MB\), more than the 100\.0 MB any CMS file needs \(a zip bomb\?\); not read$/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('is stopped while inflating when it declares less than it holds', async () => {
    const lying = declaring(bomb, 1000);
    const started = Date.now();
    expect(await asyncMessageOf(() => parsePaymentLimitFile(lying, 'bomb.xlsx'))).toBe(
      'payment limit file "bomb.xlsx": xl/media/bomb.bin inflates to more than the 1000 bytes it declares (a zip bomb?); not read',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('is refused by the task pane\'s import with the same message', async () => {
    const result = await readCmsFile({ name: 'bomb.xlsx', size: bomb.length, arrayBuffer: async () => bomb.slice().buffer });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/^payment limit file "bomb\.xlsx": the workbook would inflate to 101\.\d MB/);
  });

  it('leaves a real workbook readable', async () => {
    const quarter = await parsePaymentLimitFile(real, 'jan.xlsx');
    expect([quarter.quarter, quarter.rows.length]).toEqual(['2026Q1', 877]);
  });
});
