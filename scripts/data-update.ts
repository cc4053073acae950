/**
 * Regenerates the embedded reference data (`src/data/generated/*.ts`) from the files kept in `data/`.
 *
 *   npx tsx scripts/data-update.ts                 regenerate from everything under data/
 *   npx tsx scripts/data-update.ts FILE [FILE...]  add new CMS files (CSV or xlsx) first: each is recognised
 *                                                  by its content (payment limit file, NDC-HCPCS crosswalk,
 *                                                  PFS relative value file, catalog seed), copied byte for
 *                                                  byte into data/, replacing the file of the same quarter
 *                                                  (or fee schedule year), then everything is regenerated.
 *
 * The newest payment limit quarter becomes the full table (`payment-limits-<quarter>.ts`); every quarter
 * gives the catalog codes' rows to `price-history.ts`. Output is deterministic: the same data/ gives the
 * same files, byte for byte (test/data checks that the generated files are up to date).
 */
import { closeSync, cpSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { gzipSync } from 'zlib';
import type { CatalogDrug, PaymentLimitQuarter } from '../src/engine/reference';
import {
  crosswalkFromSheets,
  feeScheduleFromSheets,
  parseCatalogSeed,
  paymentLimitsFromSheets,
  readSheets,
  recogniseSheet,
  type CmsFileKind,
  type Crosswalk,
  type ParsedFeeSchedule,
  type Sheet,
} from '../src/cms';

const COMMAND = 'npx tsx scripts/data-update.ts';

/** Where each kind of file is kept, relative to the repository root. */
const KIND_DIR: Readonly<Record<CmsFileKind, string>> = {
  'payment-limit': 'data/cms/asp-pricing-files',
  crosswalk: 'data/cms/ndc-hcpcs-crosswalk',
  'pfs-rvu': 'data/cms/pfs-rvu',
  'catalog-seed': 'data/reference',
};

/** The administration codes the fee schedule keeps (DOMAIN.md 2.3): 96360-96417. */
const ADMIN_CODE_FIRST = 96360;
const ADMIN_CODE_LAST = 96417;

/** A source file: its path relative to the repository root (with forward slashes) and its bytes. */
export interface SourceFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** A generated module: its name inside src/data/generated and its text. */
export interface GeneratedFile {
  readonly name: string;
  readonly content: string;
}

/** One source file, recognised and parsed. */
export type ParsedSource =
  | { readonly kind: 'payment-limit'; readonly path: string; readonly quarter: PaymentLimitQuarter }
  | { readonly kind: 'crosswalk'; readonly path: string; readonly crosswalk: Crosswalk }
  | { readonly kind: 'pfs-rvu'; readonly path: string; readonly schedule: ParsedFeeSchedule }
  | { readonly kind: 'catalog-seed'; readonly path: string; readonly catalog: readonly CatalogDrug[] };

export interface Generation {
  readonly files: readonly GeneratedFile[];
  /** Things a maintainer should look at (a catalog code without a price, vial sizes that differ). */
  readonly warnings: readonly string[];
}

/** Refusal of the set of sources as a whole (two files for one quarter, no seed, ...). */
export class DataUpdateError extends Error {
  override readonly name = 'DataUpdateError';
}

// ---------------------------------------------------------------------------------------------------------
// Reading sources

/** Recognises a file by its content and parses it. */
export async function parseSource(file: SourceFile): Promise<ParsedSource> {
  const name = path.posix.basename(file.path);
  const sheets: Sheet[] = await readSheets(file.bytes, name, 'unknown');
  const kind = sheets.map(recogniseSheet).find((found) => found !== null)?.kind;
  switch (kind) {
    case 'payment-limit':
      return { kind, path: file.path, quarter: paymentLimitsFromSheets(sheets, name) };
    case 'crosswalk':
      return { kind, path: file.path, crosswalk: crosswalkFromSheets(sheets, name) };
    case 'pfs-rvu':
      return { kind, path: file.path, schedule: feeScheduleFromSheets(sheets, name) };
    case 'catalog-seed':
      return { kind, path: file.path, catalog: parseCatalogSeed(file.bytes, name) };
    case undefined:
      throw new DataUpdateError(
        `${file.path}: not a file this script knows (a CMS payment limit file, NDC-HCPCS crosswalk, PFS relative value file, or the drug catalog seed)`,
      );
  }
}

/** What a source replaces: two files with the same key cannot both be in data/. */
export function sourceKey(source: ParsedSource): string {
  switch (source.kind) {
    case 'payment-limit':
      return `payment limit file for ${source.quarter.quarter}`;
    case 'crosswalk':
      return `NDC-HCPCS crosswalk for ${source.crosswalk.quarter}`;
    case 'pfs-rvu':
      return `PFS relative value file for CY${source.schedule.year}`;
    case 'catalog-seed':
      return 'drug catalog seed';
  }
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

/** Every CSV or xlsx file under root/data, sorted by path. */
export function readDataDir(root: string): SourceFile[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(csv|xlsx)$/i.test(entry)) found.push(full);
    }
  };
  walk(path.join(root, 'data'));
  return found
    .map((full) => ({ path: toPosix(path.relative(root, full)), bytes: new Uint8Array(readFileSync(full)) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------
// Writing TypeScript literals

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A value as a compact TypeScript literal (strings in JSON quoting, keys bare where they can be). */
function literal(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot embed the number ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{ ${entries.map(([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${literal(v)}`).join(', ')} }`;
  }
  throw new Error(`cannot embed a ${typeof value}`);
}

/**
 * A line of a generated module's head comment. Text from a file reaches it only serialised (JSON quoting by
 * the callers) and is checked by the parsers; this is the last guard: a line can neither end the comment
 * ("*" "/" becomes "*\\/") nor start a new line of source.
 */
function commentLine(line: string): string {
  return line.replace(/\*\//g, '*\\/').replace(/[\r\n\u2028\u2029]/g, ' ');
}

function header(lines: readonly string[]): string {
  return [
    '/*',
    ` * GENERATED by \`${COMMAND}\`: do not edit by hand; change the files in data/ and run it again.`,
    ...lines.map((line) => (line === '' ? ' *' : ` * ${commentLine(line)}`)),
    ' */',
    '',
  ].join('\n');
}

function tuple(row: PaymentLimitQuarter['rows'][number]): string {
  return literal([row.hcpcs, row.description, row.dosage, row.paymentLimit, row.coinsurancePercent, row.notes]);
}

function compactQuarter(quarter: PaymentLimitQuarter, rows: PaymentLimitQuarter['rows'], indent: string): string {
  const meta = literal({
    quarter: quarter.quarter,
    effective: quarter.effective,
    effectiveFrom: quarter.effectiveFrom,
    effectiveTo: quarter.effectiveTo,
    source: quarter.source,
  });
  return [`${indent}${meta.slice(0, -2)},`, `${indent}  rows: [`, ...rows.map((row) => `${indent}    ${tuple(row)},`), `${indent}  ] }`].join('\n');
}

function moduleName(quarter: string): string {
  return `paymentLimits${quarter}`;
}

// ---------------------------------------------------------------------------------------------------------
// Generation

function pick<T extends ParsedSource['kind']>(sources: readonly ParsedSource[], kind: T): Extract<ParsedSource, { kind: T }>[] {
  return sources.filter((source): source is Extract<ParsedSource, { kind: T }> => source.kind === kind);
}

function refuseDuplicates(sources: readonly ParsedSource[]): void {
  const byKey = new Map<string, string>();
  for (const source of sources) {
    const key = sourceKey(source);
    const other = byKey.get(key);
    if (other !== undefined) throw new DataUpdateError(`two files give the ${key}: ${other} and ${source.path}; keep one`);
    byKey.set(key, source.path);
  }
}

function catalogModule(seed: Extract<ParsedSource, { kind: 'catalog-seed' }>): string {
  return [
    header([
      `Source: ${seed.path} (the project's drug catalog seed: label dosing, regimens, chair times;`,
      'vial sizes in billing units from the January 2026 ASP NDC-HCPCS crosswalk).',
      `${seed.catalog.length} products, in the seed's order. Every figure is a default the user can change.`,
    ]),
    "import type { CatalogDrug } from '../../engine/reference';",
    '',
    'export const catalog = [',
    ...seed.catalog.map((drug) => `  ${literal(drug)},`),
    '] as const satisfies readonly CatalogDrug[];',
    '',
  ].join('\n');
}

function fullQuarterModule(source: Extract<ParsedSource, { kind: 'payment-limit' }>): string {
  const q = source.quarter;
  return [
    header([
      `Source: ${source.path}`,
      `CMS Medicare Part B drug payment limit file for ${q.quarter}: ${JSON.stringify(q.effective)}.`,
      `Every row of the file (${q.rows.length}): [hcpcs, description, dosage, paymentLimit, coinsurancePercent, notes].`,
      'Payment limits are per billing unit and already include the add-on (DOMAIN.md 2.1).',
    ]),
    "import type { CompactQuarter } from '../compact';",
    '',
    `export const ${moduleName(q.quarter)}: CompactQuarter = ${compactQuarter(q, q.rows, '')};`,
    '',
  ].join('\n');
}

function historyModule(quarters: readonly Extract<ParsedSource, { kind: 'payment-limit' }>[], codes: ReadonlySet<string>): string {
  return [
    header([
      'Price history of the catalog codes (and their reference products), one entry per CMS payment limit',
      'file in data/, oldest first:',
      ...quarters.map((source) => `  ${source.quarter.quarter}: ${source.path} (${JSON.stringify(source.quarter.effective)})`),
      'Rows: [hcpcs, description, dosage, paymentLimit, coinsurancePercent, notes], in file order.',
    ]),
    "import type { CompactQuarter } from '../compact';",
    '',
    'export const priceHistory: readonly CompactQuarter[] = [',
    ...quarters.map((source) => `${compactQuarter(source.quarter, source.quarter.rows.filter((row) => codes.has(row.hcpcs)), '  ')},`),
    '];',
    '',
  ].join('\n');
}

function vialSizesModule(source: Extract<ParsedSource, { kind: 'crosswalk' }>): string {
  const cw = source.crosswalk;
  const codes = Object.keys(cw.vialSizes).sort();
  return [
    header([
      `Source: ${source.path}`,
      `CMS ASP NDC-HCPCS crosswalk for ${cw.quarter}: ${JSON.stringify(cw.effective)}; ${cw.rowCount} NDC rows, ${codes.length} codes.`,
      'Vial sizes: the distinct BILLUNITS (billing units per single item: vial, syringe, bottle) of each code.',
    ]),
    "import type { CrosswalkSource } from '../compact';",
    '',
    `export const crosswalkSource: CrosswalkSource = ${literal({
      quarter: cw.quarter,
      effective: cw.effective,
      effectiveFrom: cw.effectiveFrom,
      effectiveTo: cw.effectiveTo,
      source: cw.source,
    })};`,
    '',
    'export const vialSizes: Readonly<Record<string, readonly number[]>> = {',
    ...codes.map((code) => `  ${JSON.stringify(code)}: ${literal(cw.vialSizes[code] ?? [])},`),
    '};',
    '',
  ].join('\n');
}

function isAdminCode(code: string): boolean {
  return /^\d{5}$/.test(code) && Number(code) >= ADMIN_CODE_FIRST && Number(code) <= ADMIN_CODE_LAST;
}

function feeSchedulesModule(schedules: readonly Extract<ParsedSource, { kind: 'pfs-rvu' }>[]): string {
  return [
    header([
      'National Physician Fee Schedule, total non-facility RVUs of the drug administration codes',
      `(${ADMIN_CODE_FIRST}-${ADMIN_CODE_LAST}) and the conversion factor, one entry per calendar year, oldest first:`,
      ...schedules.map(
        (source) => `  CY${source.schedule.year}: ${source.path} (${JSON.stringify(source.schedule.title)}, released ${source.schedule.released ?? 'n/a'})`,
      ),
      'National non-facility amount = RVU x CF, rounded to cents (DOMAIN.md 2.3).',
    ]),
    "import type { EmbeddedFeeSchedule } from '../compact';",
    '',
    'export const feeSchedules: readonly EmbeddedFeeSchedule[] = [',
    ...schedules.map((source) => {
      const s = source.schedule;
      const rvu: Record<string, string> = {};
      for (const code of Object.keys(s.rvu).filter(isAdminCode).sort()) rvu[code] = s.rvu[code] ?? '';
      const meta = literal({ year: s.year, conversionFactor: s.conversionFactor, source: s.source, title: s.title, released: s.released });
      return [`  ${meta.slice(0, -2)},`, `    rvu: ${literal(rvu)} },`].join('\n');
    }),
    '];',
    '',
  ].join('\n');
}

function indexModule(newest: PaymentLimitQuarter): string {
  return [
    header(['Which generated module holds what; the newest quarter changes name when a new file arrives.']),
    "export { catalog } from './catalog';",
    `export { ${moduleName(newest.quarter)} as fullQuarter } from './payment-limits-${newest.quarter}';`,
    "export { priceHistory } from './price-history';",
    "export { crosswalkSource, vialSizes } from './vial-sizes';",
    "export { feeSchedules } from './fee-schedules';",
    '',
  ].join('\n');
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Generates the modules from parsed sources; pure (reads and writes nothing). */
export function generateFromParsed(sources: readonly ParsedSource[]): Generation {
  refuseDuplicates(sources);
  const seeds = pick(sources, 'catalog-seed');
  const seed = seeds[0];
  if (seed === undefined) throw new DataUpdateError('no drug catalog seed in data/reference');
  const quarters = pick(sources, 'payment-limit').sort((a, b) => compareStrings(a.quarter.effectiveFrom, b.quarter.effectiveFrom));
  const newest = quarters[quarters.length - 1];
  if (newest === undefined) throw new DataUpdateError('no CMS payment limit file in data/cms');
  const crosswalks = pick(sources, 'crosswalk').sort((a, b) => compareStrings(a.crosswalk.effectiveFrom, b.crosswalk.effectiveFrom));
  const crosswalk = crosswalks[crosswalks.length - 1];
  if (crosswalk === undefined) throw new DataUpdateError('no NDC-HCPCS crosswalk in data/cms');
  const schedules = pick(sources, 'pfs-rvu').sort((a, b) => a.schedule.year - b.schedule.year);
  if (schedules.length === 0) throw new DataUpdateError('no PFS relative value file in data/cms');

  const catalogCodes = new Set<string>();
  for (const drug of seed.catalog) {
    catalogCodes.add(drug.hcpcs);
    if (drug.referenceHcpcs !== null) catalogCodes.add(drug.referenceHcpcs);
  }

  const warnings: string[] = [];
  const newestRows = new Map(newest.quarter.rows.map((row) => [row.hcpcs, row]));
  for (const drug of seed.catalog) {
    const row = newestRows.get(drug.hcpcs);
    if (row?.paymentLimit == null) warnings.push(`${drug.hcpcs} (${drug.brand}) has no payment limit in ${newest.quarter.quarter}`);
    const listed = crosswalk.crosswalk.vialSizes[drug.hcpcs] ?? [];
    if (literal(listed) !== literal(drug.vialSizes)) {
      warnings.push(`${drug.hcpcs} (${drug.brand}): seed vial sizes ${literal(drug.vialSizes)}, crosswalk BILLUNITS ${literal(listed)}`);
    }
  }

  const files: GeneratedFile[] = [
    { name: 'catalog.ts', content: catalogModule(seed) },
    { name: `payment-limits-${newest.quarter.quarter}.ts`, content: fullQuarterModule(newest) },
    { name: 'price-history.ts', content: historyModule(quarters, catalogCodes) },
    { name: 'vial-sizes.ts', content: vialSizesModule(crosswalk) },
    { name: 'fee-schedules.ts', content: feeSchedulesModule(schedules) },
    { name: 'index.ts', content: indexModule(newest.quarter) },
  ];
  return { files: files.sort((a, b) => compareStrings(a.name, b.name)), warnings };
}

/** Recognises, parses and generates; reads and writes nothing. */
export async function generate(files: readonly SourceFile[]): Promise<Generation> {
  const parsed: ParsedSource[] = [];
  // Sorted by path, so that the output and every message are the same whatever order the files come in.
  const sorted = [...files].sort((a, b) => compareStrings(a.path, b.path));
  for (const file of sorted) parsed.push(await parseSource(file));
  return generateFromParsed(parsed);
}

// ---------------------------------------------------------------------------------------------------------
// Plausibility of a new payment limit file

/**
 * A new quarter with fewer than this share of the codes of the quarter before it is refused (unless
 * --allow-fewer-codes): CMS's files move by a few percent a quarter and the steepest fall among the files in
 * data/ is 1,012 codes (2025Q4) to 877 (2026Q1), 87%. A file with under three quarters of the codes is a
 * cut-off download, an extract, or the wrong file.
 */
export const MIN_CODE_SHARE = 0.75;

/** "2026Q1" -> "2025Q4". */
export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
}

export interface UpdateOptions {
  /** Accept a quarter that is neither a re-release of a quarter in data/ nor the one after one. */
  readonly allowGap?: boolean;
  /** Accept a quarter with fewer than MIN_CODE_SHARE of the codes of the quarter before it. */
  readonly allowFewerCodes?: boolean;
  /**
   * Test hook: called at the named points (after staging, after verifying); a test pauses or kills the
   * process there to see that an interrupted update changes nothing.
   */
  readonly checkpoint?: (point: 'staged' | 'verified' | 'swapping') => Promise<void>;
}

/**
 * Refuses a payment limit file that does not fit the quarters already known: a quarter that is neither one
 * of them (a re-release) nor the one after one of them, and a file with far fewer codes than the quarter
 * before it (or the release it replaces).
 */
function checkPlausible(
  incoming: Extract<ParsedSource, { kind: 'payment-limit' }>,
  file: string,
  known: readonly PaymentLimitQuarter[],
  options: UpdateOptions,
): void {
  const q = incoming.quarter;
  const quarters = new Set(known.map((k) => k.quarter));
  if (!options.allowGap && known.length > 0 && !quarters.has(q.quarter) && !quarters.has(previousQuarter(q.quarter))) {
    const newest = [...quarters].sort().pop() ?? '';
    throw new DataUpdateError(
      `${file}: its quarter ${q.quarter} ("${q.effective}") is neither a re-release of a quarter in data/ nor the one after one (the newest is ${newest}, so the next is ${nextQuarter(newest)}); a file from the future or with a gap is refused. Run again with --allow-gap if it is right`,
    );
  }
  const before = known
    .filter((k) => k.quarter <= q.quarter)
    .sort((a, b) => compareStrings(a.quarter, b.quarter))
    .pop();
  if (!options.allowFewerCodes && before !== undefined && q.rows.length < MIN_CODE_SHARE * before.rows.length) {
    throw new DataUpdateError(
      `${file}: ${q.rows.length} codes for ${q.quarter}, fewer than ${MIN_CODE_SHARE * 100}% of the ${before.rows.length} in ${before.quarter === q.quarter ? 'the release it replaces' : before.quarter} (${before.source}): a cut-off or partial file? Run again with --allow-fewer-codes if it is right`,
    );
  }
}

function nextQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  return q === 4 ? `${year + 1}Q1` : `${year}Q${q + 1}`;
}

// ---------------------------------------------------------------------------------------------------------
// The command

const GENERATED_DIR = 'src/data/generated';

/**
 * Where an update is staged, inside the repository so that the final renames stay on one file system:
 * `new/` holds the complete data/ and src/data/generated as they will be, `old/` what they replace, and
 * `journal.json`, once written, says the staged copy was verified and the swap has begun.
 */
export const STAGING_DIR = '.data-update';

/** The names a file in data/ may have: what CMS names its files, and nothing a shell or a comment reads. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._,()&+-]*$/;
const KEPT_EXTENSION = /\.(csv|xlsx)$/i;

/** Refuses a file name that would not be read back from data/, or is not a name CMS would use. */
function checkFileName(file: string): void {
  const name = path.basename(file);
  if (!KEPT_EXTENSION.test(name)) {
    throw new DataUpdateError(
      `${file}: data/ keeps CMS files as .csv or .xlsx only, and a file ending "${path.extname(name) || '(no extension)'}" would not be read back when the modules are regenerated (the quarter it replaces would be lost). Save or rename it as .csv (or .xlsx, as CMS published it) and run again; nothing was changed`,
    );
  }
  if (!FILE_NAME.test(name) || name.length > 200) {
    throw new DataUpdateError(
      `${file}: the file name has characters CMS's names do not (letters, digits, spaces and . _ , ( ) & + - only, at most 200); rename it and run again; nothing was changed`,
    );
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeDurable(file: string, content: string | Uint8Array): void {
  writeFileSync(file, content);
  fsyncFile(file);
}

/** Whether a process of this id is alive (signal 0 tests without sending anything). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Finishes or undoes an update a previous run left half done: with a journal (the staged copy had been
 * verified) the swap is completed; without one, the staging is removed (nothing outside it had changed).
 */
export function recoverInterrupted(root: string, log: string[]): void {
  const staging = path.join(root, STAGING_DIR);
  if (!existsSync(staging)) return;
  const owner = Number(existsSync(path.join(staging, 'pid')) ? readFileSync(path.join(staging, 'pid'), 'utf8') : NaN);
  if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
    throw new DataUpdateError(
      `another data:update (process ${owner}) is using ${STAGING_DIR}/; wait for it to finish (if no such run is going on, remove ${STAGING_DIR}/ and run again)`,
    );
  }
  const journal = path.join(staging, 'journal.json');
  if (existsSync(journal)) {
    const dirs = JSON.parse(readFileSync(journal, 'utf8')) as string[];
    for (const dir of dirs) {
      const next = path.join(staging, 'new', dir);
      if (!existsSync(next)) continue;
      const current = path.join(root, dir);
      const old = path.join(staging, 'old', dir);
      if (existsSync(current)) {
        mkdirSync(path.dirname(old), { recursive: true });
        renameSync(current, old);
      }
      mkdirSync(path.dirname(current), { recursive: true });
      renameSync(next, current);
    }
    log.push(`completed the update an earlier run left part way (${dirs.join(', ')} swapped in from ${STAGING_DIR}/)`);
  } else {
    log.push(`removed ${STAGING_DIR}/, left by an earlier run stopped before it changed anything`);
  }
  rmSync(staging, { recursive: true, force: true });
}

/** The repository this script belongs to, whose src/ the generated modules are type-checked against. */
const REPOSITORY = path.resolve(__dirname, '..');

/**
 * Type-checks generated modules in `dir` (e.g. a staged src/data/generated) against this repository's
 * src/ (their imports, ../compact and ../../engine/reference, resolve there through rootDirs).
 * Returns the diagnostics, one line each; empty when they compile.
 */
export function typeCheckGenerated(dir: string): string[] {
  const root = REPOSITORY;
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));
  const stagedSrc = path.resolve(dir, '../..');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    rootDirs: [path.join(root, 'src'), stagedSrc],
  };
  const program = ts.createProgram(files, options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (diagnostic.file === undefined || diagnostic.start === undefined) return text;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${path.relative(stagedSrc, diagnostic.file.fileName)}:${line + 1}: ${text}`;
  });
}

/** Every file under dir, relative, sorted; for telling whether a staged tree differs from the live one. */
function treeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at)) {
      const full = path.join(at, entry);
      if (statSync(full).isDirectory()) walk(full);
      else found.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return found.sort();
}

function sameTree(a: string, b: string): boolean {
  const files = treeFiles(a);
  if (literal(files) !== literal(treeFiles(b))) return false;
  return files.every((file) => Buffer.compare(readFileSync(path.join(a, file)), readFileSync(path.join(b, file))) === 0);
}

/**
 * Copies new files into data/ (replacing the file with the same quarter or year), then regenerates
 * src/data/generated under `root`. All or nothing: every file is read and checked, data/ and the modules are
 * built complete in a staging directory, parsed again, regenerated and type-checked there, and only then
 * swapped in with renames. A refusal or an interruption before the swap leaves data/ and src/data/generated
 * as they were; an interruption during the swap is completed by the next run. Returns what it did, line by line.
 */
export async function updateData(root: string, newFiles: readonly string[], options: UpdateOptions = {}): Promise<string[]> {
  const log: string[] = [];
  recoverInterrupted(root, log);
  for (const file of newFiles) checkFileName(file);

  // 1. Read and check everything, in memory.
  const existing = await Promise.all(readDataDir(root).map(parseSource));
  const removals = new Set<string>();
  const additions = new Map<string, Uint8Array>();
  const incoming: { file: string; parsed: ParsedSource }[] = [];
  for (const file of newFiles) {
    const bytes = new Uint8Array(readFileSync(file));
    const parsed = await parseSource({ path: path.basename(file), bytes });
    const target = `${KIND_DIR[parsed.kind]}/${path.basename(file)}`;
    const other = incoming.find((earlier) => sourceKey(earlier.parsed) === sourceKey(parsed));
    if (other !== undefined) throw new DataUpdateError(`${other.file} and ${file} both give the ${sourceKey(parsed)}; give one; nothing was changed`);
    incoming.push({ file, parsed: { ...parsed, path: target } as ParsedSource });
    additions.set(target, bytes);
  }
  const known = pick(existing, 'payment-limit').map((source) => source.quarter);
  const newQuarters = incoming
    .filter((entry): entry is { file: string; parsed: Extract<ParsedSource, { kind: 'payment-limit' }> } => entry.parsed.kind === 'payment-limit')
    .sort((a, b) => compareStrings(a.parsed.quarter.effectiveFrom, b.parsed.quarter.effectiveFrom));
  for (const entry of newQuarters) {
    checkPlausible(entry.parsed, entry.file, known, options);
    known.push(entry.parsed.quarter);
  }
  for (const { parsed } of incoming) {
    for (const old of existing) {
      if (old.path !== parsed.path && sourceKey(old) === sourceKey(parsed)) {
        removals.add(old.path);
        log.push(`removed ${old.path} (replaced: same ${sourceKey(parsed)})`);
      }
    }
    const targetPath = path.join(root, parsed.path);
    const same = existsSync(targetPath) && Buffer.compare(readFileSync(targetPath), Buffer.from(additions.get(parsed.path) ?? [])) === 0;
    if (same) additions.delete(parsed.path);
    log.push(`${same ? 'already in data/' : 'copied'}: ${parsed.path} (${sourceKey(parsed)})`);
  }
  const sources = [...existing.filter((source) => !removals.has(source.path) && !additions.has(source.path)), ...incoming.map((entry) => entry.parsed)];
  const generation = generateFromParsed(sources.sort((a, b) => compareStrings(a.path, b.path)));

  // 2. Stage data/ and src/data/generated complete, as they will be.
  const staging = path.join(root, STAGING_DIR);
  try {
    return await stageVerifySwap(root, staging, removals, additions, generation, log, options);
  } catch (error) {
    // Before the journal exists nothing outside the staging directory has changed: drop it.
    if (!existsSync(path.join(staging, 'journal.json'))) rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

async function stageVerifySwap(
  root: string,
  staging: string,
  removals: ReadonlySet<string>,
  additions: ReadonlyMap<string, Uint8Array>,
  generation: Generation,
  log: string[],
  options: UpdateOptions,
): Promise<string[]> {
  const next = path.join(staging, 'new');
  mkdirSync(next, { recursive: true });
  // Which run owns the staging: a second run refuses while this one is alive (recoverInterrupted).
  writeFileSync(path.join(staging, 'pid'), String(process.pid));
  const stagedData = path.join(next, 'data');
  cpSync(path.join(root, 'data'), stagedData, { recursive: true });
  for (const removed of removals) rmSync(path.join(next, removed));
  for (const [target, bytes] of additions) {
    mkdirSync(path.dirname(path.join(next, target)), { recursive: true });
    writeDurable(path.join(next, target), bytes);
  }
  const stagedGenerated = path.join(next, GENERATED_DIR);
  const liveGenerated = path.join(root, GENERATED_DIR);
  if (existsSync(liveGenerated)) cpSync(liveGenerated, stagedGenerated, { recursive: true });
  else mkdirSync(stagedGenerated, { recursive: true });
  const names = new Set(generation.files.map((file) => file.name));
  for (const stale of readdirSync(stagedGenerated).filter((name) => name.endsWith('.ts') && !names.has(name))) {
    rmSync(path.join(stagedGenerated, stale));
    log.push(`removed ${GENERATED_DIR}/${stale} (no longer generated)`);
  }
  let raw = 0;
  let zipped = 0;
  for (const file of generation.files) {
    const target = path.join(stagedGenerated, file.name);
    const before = existsSync(target) ? readFileSync(target, 'utf8') : null;
    if (before !== file.content) writeDurable(target, file.content);
    const size = Buffer.byteLength(file.content);
    const gz = gzipSync(file.content, { level: 9 }).length;
    raw += size;
    zipped += gz;
    log.push(`${before === file.content ? 'unchanged' : 'wrote'} ${GENERATED_DIR}/${file.name} (${size} bytes, ${gz} gzipped)`);
  }
  await options.checkpoint?.('staged');

  // 3. Verify the staged copy: parse data/ again, regenerate, compare, type-check.
  const again = await generate(readDataDir(next));
  for (const file of again.files) {
    const staged = path.join(stagedGenerated, file.name);
    if (!existsSync(staged) || readFileSync(staged, 'utf8') !== file.content) {
      throw new DataUpdateError(`verification failed: ${GENERATED_DIR}/${file.name} regenerated from the staged data/ differs from the staged module; nothing was changed`);
    }
  }
  const diagnostics = typeCheckGenerated(stagedGenerated);
  if (diagnostics.length > 0) {
    throw new DataUpdateError(`verification failed: the generated modules do not type-check; nothing was changed:\n${diagnostics.slice(0, 10).join('\n')}`);
  }
  await options.checkpoint?.('verified');

  // 4. Swap in what changed, with renames; the journal lets the next run finish an interrupted swap.
  const changed = ['data', GENERATED_DIR].filter((dir) => !sameTree(path.join(next, dir), path.join(root, dir)));
  if (changed.length > 0) {
    const journal = path.join(staging, 'journal.json');
    writeDurable(`${journal}.tmp`, JSON.stringify(changed));
    renameSync(`${journal}.tmp`, journal);
    await options.checkpoint?.('swapping');
    recoverInterrupted(root, []);
  }
  rmSync(staging, { recursive: true, force: true });
  log.push(`generated data: ${raw} bytes, ${zipped} bytes gzipped file by file`);
  for (const warning of generation.warnings) log.push(`warning: ${warning}`);
  return log;
}

/** Parses the command line: files, --allow-gap, --allow-fewer-codes. */
export function parseArguments(argv: readonly string[]): { files: string[]; options: UpdateOptions } {
  const files: string[] = [];
  let allowGap = false;
  let allowFewerCodes = false;
  for (const arg of argv) {
    if (arg === '--allow-gap') allowGap = true;
    else if (arg === '--allow-fewer-codes') allowFewerCodes = true;
    else if (arg.startsWith('--')) throw new DataUpdateError(`unknown option ${arg} (known: --allow-gap, --allow-fewer-codes)`);
    else files.push(arg);
  }
  return { files, options: { allowGap, allowFewerCodes } };
}

/**
 * Test hooks, read only when run as a command: DATA_UPDATE_TEST_ROOT runs it on another copy of the
 * repository's data/ and src/data/generated; DATA_UPDATE_TEST_PAUSE=<point> prints "paused at <point>" there
 * and waits a minute, for a test to kill it.
 */
function testCheckpoint(): UpdateOptions['checkpoint'] {
  const pauseAt = process.env['DATA_UPDATE_TEST_PAUSE'];
  if (pauseAt === undefined || pauseAt === '') return undefined;
  return async (point) => {
    if (point !== pauseAt) return;
    process.stdout.write(`paused at ${point}\n`);
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  };
}

if (require.main === module) {
  const root = process.env['DATA_UPDATE_TEST_ROOT'] ?? REPOSITORY;
  Promise.resolve()
    .then(() => {
      const { files, options } = parseArguments(process.argv.slice(2));
      return updateData(root, files, { ...options, checkpoint: testCheckpoint() });
    })
    .then(
      (log) => {
        for (const line of log) console.log(line);
      },
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 1;
      },
    );
}
