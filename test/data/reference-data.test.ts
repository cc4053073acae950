import { gzipSync } from 'zlib';
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { parseCrosswalkCsv } from '../../src/cms/crosswalk';
import { findCatalogDrug, findQuarter, newestQuarter, referenceData, sourceDescription } from '../../src/data';
import type { PaymentLimitRow } from '../../src/engine/reference';

const SRC_DATA = path.join(__dirname, '../../src/data');

function priceRow(code: string, quarter = newestQuarter()): PaymentLimitRow | undefined {
  return quarter.rows.find((row) => row.hcpcs === code);
}

describe('the embedded reference data', () => {
  const { catalog } = referenceData;

  it('holds the 43 catalog products (31, and 12 the January 2026 file prices: DOMAIN.md 5.4), each code once', () => {
    expect(catalog).toHaveLength(43);
    expect(new Set(catalog.map((drug) => drug.hcpcs)).size).toBe(43);
    for (const code of ['Q5136', 'Q5133', 'Q5135', 'J2351', 'J0174', 'J0175', 'J1306']) expect(catalog.some((d) => d.hcpcs === code)).toBe(true);
  });

  it('makes January 2026 (2026Q1) the newest quarter, with every one of its 877 rows', () => {
    const newest = newestQuarter();
    expect(newest.quarter).toBe('2026Q1');
    expect([newest.effectiveFrom, newest.effectiveTo]).toEqual(['2026-01-01', '2026-03-31']);
    expect(newest.rows).toHaveLength(877);
    expect(newest.source).toBe('section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv');
  });

  it('holds six quarters, each once: the full newest and five older ones', () => {
    expect(referenceData.quarters.map((q) => q.quarter).sort()).toEqual(['2024Q1', '2024Q2', '2024Q4', '2025Q1', '2025Q4', '2026Q1']);
  });

  it('prices every catalog code in the newest quarter', () => {
    const unpriced = catalog.filter((drug) => (priceRow(drug.hcpcs)?.paymentLimit ?? null) === null).map((drug) => drug.hcpcs);
    expect(unpriced).toEqual([]);
  });

  it('has every biosimilar\'s reference product in the catalog, priced', () => {
    const biosimilars = catalog.filter((drug) => drug.referenceHcpcs !== null);
    expect(biosimilars.map((drug) => drug.hcpcs).sort()).toEqual(['Q5100', 'Q5103', 'Q5104', 'Q5106', 'Q5115', 'Q5119', 'Q5121', 'Q5123', 'Q5133', 'Q5135', 'Q5136', 'Q5138', 'Q5151', 'Q5152']);
    for (const drug of biosimilars) {
      const reference = findCatalogDrug(drug.referenceHcpcs ?? '');
      expect(reference?.referenceHcpcs).toBeNull();
      expect(priceRow(drug.referenceHcpcs ?? '')?.paymentLimit).toMatch(/^\d+\.\d{3}$/);
    }
  });

  it('keeps J1745 at 32.423 and J0897\'s 17.585 coinsurance with its note (January 2026 file)', () => {
    expect(priceRow('J1745')?.paymentLimit).toBe('32.423');
    expect(priceRow('J0897')).toMatchObject({ coinsurancePercent: '17.585', notes: 'Inflation-adjusted coinsurance' });
    expect(priceRow('Q5121')?.notes).toBe('8% of reference add-on applied');
  });

  it('keeps the price history of J1745 for every quarter (values read off each file)', () => {
    const history = referenceData.quarters
      .map((quarter) => [quarter.quarter, priceRow('J1745', quarter)?.paymentLimit] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    expect(history).toEqual([
      ['2024Q1', '32.161'],
      ['2024Q2', '31.671'],
      ['2024Q4', '32.223'],
      ['2025Q1', '30.525'],
      ['2025Q4', '31.090'],
      ['2026Q1', '32.423'],
    ]);
  });

  it('keeps in the older quarters only the catalog codes, each one the file has', () => {
    const codes = new Set(catalog.map((drug) => drug.hcpcs));
    for (const quarter of referenceData.quarters.filter((q) => q.quarter !== '2026Q1')) {
      expect(quarter.rows.every((row) => codes.has(row.hcpcs))).toBe(true);
      // Codes absent from an older file, as the files show: J1299 (eculizumab per 2 mg) is billed since April 2025;
      // the biosimilars and new forms arrived over 2024-2026 (Q5136, Q5151 and Q5152 in January 2026).
      const absent: Record<string, number> = { '2024Q1': 10, '2024Q2': 10, '2024Q4': 9, '2025Q1': 7, '2025Q4': 3 };
      expect(quarter.rows).toHaveLength(43 - (absent[quarter.quarter] ?? 0));
    }
  });

  it('caps tocilizumab at 800 per dose, in mg, which is its billing measure (J3262 is billed per 1 MG)', () => {
    expect(findCatalogDrug('J3262')?.dose).toEqual({ kind: 'per_kg', perKg: 8, maxDose: 800 });
    expect(priceRow('J3262')?.dosage).toBe('1 MG');
    for (const drug of catalog) {
      if (drug.dose.kind === 'per_kg' && drug.dose.maxDose !== undefined) expect(priceRow(drug.hcpcs)?.dosage).toMatch(/^\d+ MG$/);
    }
  });

  it('carries the fee schedules of CY2025 and CY2026 with their conversion factors', () => {
    const byYear = new Map(referenceData.feeSchedules.map((schedule) => [schedule.year, schedule]));
    expect([...byYear.keys()].sort()).toEqual([2025, 2026]);
    expect(byYear.get(2025)?.conversionFactor).toBe('32.3465');
    expect(byYear.get(2026)?.conversionFactor).toBe('33.4009');
    expect(byYear.get(2025)?.rvu['96365']).toBe('1.79');
    expect(byYear.get(2026)?.rvu['96413']).toBe('3.99');
    for (const schedule of byYear.values()) {
      expect(Object.keys(schedule.rvu).every((code) => Number(code) >= 96360 && Number(code) <= 96417)).toBe(true);
      expect(Object.keys(schedule.rvu)).toHaveLength(23);
    }
  });
});

describe('catalog vial sizes against the crosswalk', () => {
  const crosswalk = parseCrosswalkCsv(
    new Uint8Array(readFileSync(path.join(__dirname, '../../data/cms/ndc-hcpcs-crosswalk/section 508 version of January 2026 ASP NDC-HCPCS Crosswalk 121725.csv'))),
    'crosswalk.csv',
  );

  /**
   * Where the seed lists fewer sizes than the crosswalk's BILLUNITS. Reported, not changed: J0129 lists
   * only the 250 mg IV vial (the crosswalk adds the SC syringes of 50, 87.5 and 125 mg under the same
   * code); J3489 lists only Reclast's 5 mg (the crosswalk adds the 4 mg oncology vials of zoledronic acid).
   */
  const KNOWN_DIFFERENCES: Readonly<Record<string, { seed: number[]; crosswalk: number[] }>> = {
    J0129: { seed: [25], crosswalk: [5, 8.75, 12.5, 25] },
    J3489: { seed: [5], crosswalk: [4, 5] },
    // The IV vials only: Tyenne's 162 mg SC syringe and Yesintek's 45 and 90 mg SC syringes share the code.
    Q5135: { seed: [80, 200, 400], crosswalk: [80, 162, 200, 400] },
    Q5100: { seed: [130], crosswalk: [45, 90, 130] },
  };

  it('embeds the crosswalk\'s vial sizes for all 843 codes it lists', () => {
    expect(referenceData.vialSizes).toEqual(crosswalk.vialSizes);
    expect(Object.keys(referenceData.vialSizes)).toHaveLength(843);
  });

  it('matches the crosswalk\'s BILLUNITS for every catalog code but the two known differences', () => {
    const differences: Record<string, { seed: number[]; crosswalk: number[] }> = {};
    for (const drug of referenceData.catalog) {
      const listed = crosswalk.vialSizes[drug.hcpcs] ?? [];
      if (JSON.stringify(listed) !== JSON.stringify(drug.vialSizes)) {
        differences[drug.hcpcs] = { seed: [...drug.vialSizes], crosswalk: [...listed] };
      }
    }
    expect(differences).toEqual(KNOWN_DIFFERENCES);
  });

  it('has every seed vial size among the crosswalk\'s, even where it lists fewer', () => {
    for (const drug of referenceData.catalog) {
      const listed = new Set(crosswalk.vialSizes[drug.hcpcs] ?? []);
      expect(drug.vialSizes.filter((size) => !listed.has(size))).toEqual([]);
    }
  });
});

describe('lookups', () => {
  it('finds a catalog drug by code in any case, with blanks around', () => {
    expect(findCatalogDrug(' q5121 ')?.brand).toBe('Avsola');
    expect(findCatalogDrug('J9999')).toBeUndefined();
  });

  it('finds a quarter by id', () => {
    expect(findQuarter('2025q4')?.effective).toBe('Effective October 1, 2025 through December 31, 2025');
    expect(findQuarter('2023Q1')).toBeUndefined();
  });

  it('describes the source: the newest CMS file with its effective dates, and the fee schedule year', () => {
    expect(sourceDescription()).toBe(
      'CMS payment limits 2026Q1 (Effective January 1, 2026 through March 31, 2026; section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv); Physician Fee Schedule CY2026 national non-facility, conversion factor 33.4009',
    );
  });

  it('describes an older quarter with the fee schedule of its own year', () => {
    expect(sourceDescription(referenceData, '2025Q4')).toMatch(/^CMS payment limits 2025Q4 \(Effective October 1, 2025 through December 31, 2025; .*\); Physician Fee Schedule CY2025 national non-facility, conversion factor 32\.3465$/);
  });

  it('picks the newest quarter of any reference data by effective date', () => {
    const older = referenceData.quarters.filter((q) => q.quarter !== '2026Q1');
    expect(newestQuarter({ ...referenceData, quarters: older }).quarter).toBe('2025Q4');
    expect(() => newestQuarter({ ...referenceData, quarters: [] })).toThrow(RangeError);
  });
});

describe('size of the embedded data', () => {
  function tsFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? tsFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
    );
  }

  it('stays under 40 KB gzipped for all of src/data (sources, generated modules included)', () => {
    const all = Buffer.concat(tsFiles(SRC_DATA).sort().map((file) => readFileSync(file)));
    const gzipped = gzipSync(all, { level: 9 }).length;
    // Measured at 2026Q1: about 133 KB raw, about 30 KB gzipped; bundled and minified by esbuild about 106 KB, 27 KB gzipped (see the report of scripts/data-update.ts).
    expect(gzipped).toBeLessThan(40 * 1024);
  });
});
