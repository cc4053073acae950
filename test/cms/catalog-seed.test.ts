import { readFileSync } from 'fs';
import * as path from 'path';
import { maxDoseFromNote, parseCatalogSeed, parseWeightTiers } from '../../src/cms/catalog-seed';
import { messageOf } from './files';

const SEED_PATH = path.join(__dirname, '../../data/reference/drug-catalog-seed.csv');
const seedText = readFileSync(SEED_PATH, 'utf8');
const NAME = 'seed.csv';

describe('parseWeightTiers', () => {
  it('reads "<60:500;60-100:750;>100:1000" as below 60, 60 to 100 inclusive, above 100', () => {
    expect(parseWeightTiers('<60:500;60-100:750;>100:1000')).toEqual([
      { op: 'lt', kg: 60, dose: 500 },
      { op: 'range', kg: 60, toKg: 100, dose: 750 },
      { op: 'gt', kg: 100, dose: 1000 },
    ]);
  });

  it('reads "<=55:260;55-85:390;>85:520" with an inclusive first bound (first matching tier wins at 55)', () => {
    expect(parseWeightTiers('<=55:260;55-85:390;>85:520')).toEqual([
      { op: 'le', kg: 55, dose: 260 },
      { op: 'range', kg: 55, toKg: 85, dose: 390 },
      { op: 'gt', kg: 85, dose: 520 },
    ]);
  });

  it('reads >= and decimals', () => {
    expect(parseWeightTiers('>=72.5:10.5')).toEqual([{ op: 'ge', kg: 72.5, dose: 10.5 }]);
  });

  it.each(['60:500', '<60', '<60:500;;', '100-60:1', '<60-100:5', 'abc'])('refuses "%s"', (text) => {
    expect(() => parseWeightTiers(text)).toThrow(/weight tier/);
  });
});

describe('maxDoseFromNote', () => {
  it('finds the cap in tocilizumab\'s note', () => {
    expect(maxDoseFromNote('RA 4 then 8 mg/kg every 4 weeks, max 800 mg per dose')).toBe(800);
  });

  it('finds none where the note states none', () => {
    expect(maxDoseFromNote('5 mg/kg weeks 0, 2, 6 then every 8 weeks; infuse over at least 2 h')).toBeNull();
  });
});

describe('parseCatalogSeed on data/reference/drug-catalog-seed.csv', () => {
  const catalog = parseCatalogSeed(seedText, NAME);
  const drug = (code: string) => {
    const found = catalog.find((d) => d.hcpcs === code);
    if (found === undefined) throw new Error(`${code} missing`);
    return found;
  };

  it('reads all 43 products (the file has 44 lines: a header and 43 products)', () => {
    expect(seedText.trimEnd().split('\n')).toHaveLength(44);
    expect(catalog).toHaveLength(43);
  });

  it('reads infliximab: 5 mg/kg, loading days 0, 14, 42, then every 56 days, ongoing', () => {
    expect(drug('J1745')).toEqual({
      hcpcs: 'J1745',
      generic: 'infliximab',
      brand: 'Remicade',
      referenceHcpcs: null,
      area: 'IBD/RA',
      route: 'IV',
      complexity: 'complex',
      dose: { kind: 'per_kg', perKg: 5 },
      regimen: { loadingDays: [0, 14, 42], maintenanceIntervalDays: 56, maxDoses: null, source: 'REMICADE prescribing information (Janssen), 2.1-2.5' },
      infusionMinutes: 120,
      chairExtraMinutes: 30,
      vialSizes: [10],
      labelNote: '5 mg/kg weeks 0, 2, 6 then every 8 weeks; infuse over at least 2 h',
    });
  });

  it('carries tocilizumab\'s 800 mg cap as maxDose of its per-kg dose', () => {
    expect(drug('J3262').dose).toEqual({ kind: 'per_kg', perKg: 8, maxDose: 800 });
  });

  it('reads abatacept\'s and ustekinumab\'s weight tiers', () => {
    expect(drug('J0129').dose).toEqual({ kind: 'weight_tiers', tiers: parseWeightTiers('<60:500;60-100:750;>100:1000') });
    expect(drug('J3358').dose).toEqual({ kind: 'weight_tiers', tiers: parseWeightTiers('<=55:260;55-85:390;>85:520') });
  });

  it('reads a course: ferric carboxymaltose 750 mg on days 0 and 7, repeated yearly (DOMAIN.md 5.3), no maintenance', () => {
    expect(drug('J1439').regimen).toMatchObject({ loadingDays: [0, 7], maintenanceIntervalDays: null, maxDoses: null, courseIntervalDays: 364 });
  });

  it('reads loading doses with their own dose and minutes (DOMAIN.md 5.3): Ocrevus 300 mg over 150 min twice, Actemra 4 mg/kg', () => {
    expect(drug('J2350').regimen.loadingDoses).toEqual([{ dose: { kind: 'fixed', amount: 300 }, minutes: 150 }, { dose: { kind: 'fixed', amount: 300 }, minutes: 150 }]);
    expect(drug('J3262').regimen.loadingDoses).toEqual([{ dose: { kind: 'per_kg', perKg: 4 }, minutes: 60 }]);
  });

  it('refuses loading doses that do not match the loading days', () => {
    const text = seedText.replace('0;14,168,,210,60,300,', '0;14,168,,210,60,300,').replace('300@150;300@150', '300@150');
    expect(messageOf(() => parseCatalogSeed(text, NAME))).toMatch(/loading_doses "300@150" gives 1 doses for 2 loading days/);
  });

  it('reads a biosimilar\'s reference product', () => {
    expect(drug('Q5121').referenceHcpcs).toBe('J1745');
  });

  it('sorts the vial sizes', () => {
    expect(drug('J0881').vialSizes).toEqual([10, 25, 40, 60, 100, 150, 200, 300, 500]);
  });
});

describe('parseCatalogSeed refuses a broken seed with the file, the row and the problem', () => {
  const lines = seedText.split('\n');
  const withLine = (index: number, edit: (line: string) => string): string =>
    lines.map((line, k) => (k === index ? edit(line) : line)).join('\n');

  it('refuses an unknown dose basis on row 2', () => {
    expect(messageOf(() => parseCatalogSeed(withLine(1, (l) => l.replace('per_kg', 'per_m2')), NAME))).toBe(
      'drug catalog seed "seed.csv", row 2: dose_basis "per_m2" is not fixed, per_kg or weight_tiers',
    );
  });

  it('refuses a duplicate code, naming the first row', () => {
    expect(messageOf(() => parseCatalogSeed(withLine(2, (l) => l.replace('Q5103', 'J1745')), NAME))).toBe(
      'drug catalog seed "seed.csv", row 3: J1745 is already on row 2',
    );
  });

  it('refuses a biosimilar whose reference product is missing', () => {
    expect(messageOf(() => parseCatalogSeed(withLine(2, (l) => l.replace(',J1745,', ',J9999,')), NAME))).toBe(
      'drug catalog seed "seed.csv", row 3: reference product J9999 of Q5103 is not in the seed',
    );
  });

  it('refuses a missing column', () => {
    expect(messageOf(() => parseCatalogSeed(withLine(0, (l) => l.replace('loading_days', 'loading')), NAME))).toMatch(
      /^drug catalog seed "seed\.csv", row 1: the header lacks the column "loading_days"/,
    );
  });

  it('refuses a bad weight tier', () => {
    expect(messageOf(() => parseCatalogSeed(seedText.replace('<60:500;', '<60500;'), NAME))).toBe(
      'drug catalog seed "seed.csv", row 10: weight tier "<60500" is not like "<60:500", "60-100:750" or ">100:1000"',
    );
  });
});
