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
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'fs';
import * as path from 'path';
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

function header(lines: readonly string[]): string {
  return [
    '/*',
    ` * GENERATED by \`${COMMAND}\`: do not edit by hand; change the files in data/ and run it again.`,
    ...lines.map((line) => (line === '' ? ' *' : ` * ${line}`)),
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
      `CMS Medicare Part B drug payment limit file for ${q.quarter}: "${q.effective}".`,
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
      ...quarters.map((source) => `  ${source.quarter.quarter}: ${source.path} ("${source.quarter.effective}")`),
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
      `CMS ASP NDC-HCPCS crosswalk for ${cw.quarter}: "${cw.effective}"; ${cw.rowCount} NDC rows, ${codes.length} codes.`,
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
        (source) => `  CY${source.schedule.year}: ${source.path} ("${source.schedule.title}", released ${source.schedule.released ?? 'n/a'})`,
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
// The command

const GENERATED_DIR = 'src/data/generated';

/**
 * Copies new files into data/ (replacing the file with the same quarter or year), then regenerates
 * src/data/generated under `root`. Returns what it did, line by line.
 */
export async function updateData(root: string, newFiles: readonly string[]): Promise<string[]> {
  const log: string[] = [];
  if (newFiles.length > 0) {
    const existing = await Promise.all(readDataDir(root).map(parseSource));
    for (const file of newFiles) {
      const bytes = new Uint8Array(readFileSync(file));
      const parsed = await parseSource({ path: path.basename(file), bytes });
      const targetDir = KIND_DIR[parsed.kind];
      const target = `${targetDir}/${path.basename(file)}`;
      for (const old of existing) {
        if (old.path !== target && sourceKey(old) === sourceKey(parsed)) {
          unlinkSync(path.join(root, old.path));
          log.push(`removed ${old.path} (replaced: same ${sourceKey(parsed)})`);
        }
      }
      const targetPath = path.join(root, target);
      const same = existsSync(targetPath) && Buffer.compare(readFileSync(targetPath), Buffer.from(bytes)) === 0;
      if (!same) {
        mkdirSync(path.dirname(targetPath), { recursive: true });
        writeFileSync(targetPath, bytes);
      }
      log.push(`${same ? 'already in data/' : 'copied'}: ${target} (${sourceKey(parsed)})`);
    }
  }
  const generation = await generate(readDataDir(root));
  const outDir = path.join(root, GENERATED_DIR);
  mkdirSync(outDir, { recursive: true });
  const names = new Set(generation.files.map((file) => file.name));
  for (const stale of readdirSync(outDir).filter((name) => name.endsWith('.ts') && !names.has(name))) {
    unlinkSync(path.join(outDir, stale));
    log.push(`removed ${GENERATED_DIR}/${stale} (no longer generated)`);
  }
  let raw = 0;
  let zipped = 0;
  for (const file of generation.files) {
    const target = path.join(outDir, file.name);
    const before = existsSync(target) ? readFileSync(target, 'utf8') : null;
    if (before !== file.content) writeFileSync(target, file.content);
    const size = Buffer.byteLength(file.content);
    const gz = gzipSync(file.content, { level: 9 }).length;
    raw += size;
    zipped += gz;
    log.push(`${before === file.content ? 'unchanged' : 'wrote'} ${GENERATED_DIR}/${file.name} (${size} bytes, ${gz} gzipped)`);
  }
  log.push(`generated data: ${raw} bytes, ${zipped} bytes gzipped file by file`);
  for (const warning of generation.warnings) log.push(`warning: ${warning}`);
  return log;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  updateData(root, process.argv.slice(2)).then(
    (log) => {
      for (const line of log) console.log(line);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
