/**
 * The Patient estimate view's figures (src/taskpane/model/patient-estimate.ts) for the sample formulary, on the
 * embedded January 2026 prices. Arithmetic (DOMAIN.md 5.7):
 *   Avsola Q5121 400 mg (5 mg/kg at 80 kg) = 40 x 23.811 = 952.44; administration 120 min = 133.27 + 28.39 = 161.66.
 *   Medicare, $283 left: round2(283 + 0.2 x 669.44) + round2(0.2 x 161.66) = round2(416.888) + 32.33 = 416.89 + 32.33 = 449.22.
 *   Deductible met: round2(0.2 x 952.44) + 32.33 = round2(190.488) + 32.33 = 190.49 + 32.33 = 222.82.
 *   Year 1: days 0, 14 (month 1), 42 (2), 98 (4), 154 (6), 210 (7), 266 (9), 322 (11): 449.22 + 7 x 222.82 = 2,008.96.
 */
import { ReferenceBook } from '../../src/engine/book';
import { referenceData } from '../../src/data';
import { sampleScenario } from '../../src/scenario';
import { type EstimateInput, computeEstimate, estimateContext, estimateSheet, wrapText } from '../../src/taskpane/model/patient-estimate';

const book = new ReferenceBook(referenceData);
const context = estimateContext(sampleScenario, book);
const estimate = (input: Partial<EstimateInput>) => {
  const e = computeEstimate({ payerId: 'MEDICARE', supplemental: 'none', hcpcs: 'Q5121', year: 1, ...input }, context, book);
  if (!e.ok) throw new Error(e.message);
  return e;
};

describe('the patient estimate of the pane', () => {
  it('offers the scenario payers and the formulary drugs', () => {
    expect(context.payers.map((p) => p.id)).toEqual(['MEDICARE', 'MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL', 'SELF_PAY']);
    expect(context.drugs.map((d) => d.hcpcs)).toContain('Q5121');
  });

  it('gives a Medicare patient on Avsola $449.22 for the first infusion, $222.82 after, $2,008.96 in year 1, month by month', () => {
    const e = estimate({});
    expect([e.firstInfusion, e.laterInfusion, e.total, e.infusions, e.capReachedMonth, e.outOfPocketMax]).toEqual([449.22, 222.82, 2008.96, 8, null, null]);
    // Month 1: 449.22 + 222.82 = 672.04; month 2: +222.82 = 894.86; month 3: no infusion.
    expect(e.months.slice(0, 3).map((m) => [m.infusions, m.patient, m.cumulative])).toEqual([
      [2, 672.04, 672.04],
      [1, 222.82, 894.86],
      [0, 0, 894.86],
    ]);
    expect(e.help.map((h) => h.kind)).toEqual(['foundation', 'not_allowed']);
  });

  it('counts the deductible already met: 8 x 222.82 = 1,782.56', () => {
    expect(estimate({ deductibleMet: 283 }).total).toBe(1782.56);
  });

  it('takes Medigap plan G: only the $283 deductible in the year', () => {
    expect(estimate({ supplemental: 'medigap_g' }).total).toBe(283);
  });

  it('leaves a dual-eligible (QMB) patient $0 and says Medicaid pays', () => {
    const e = estimate({ supplemental: 'medicaid_qmb' });
    expect(e.total).toBe(0);
    expect(e.help[0]?.text).toMatch(/QMB/);
  });

  it('caps a Medicare Advantage patient on Ocrevus at $9,250 in month 7', () => {
    // 300 mg x 2 (3,591.77 each), then 600 mg on day 182 capped at 9,250 - 7,183.54 = 2,066.46.
    const e = estimate({ payerId: 'MEDICARE_ADVANTAGE', hcpcs: 'J2350' });
    expect([e.firstInfusion, e.total, e.capReachedMonth]).toEqual([3591.77, 9250, 7]);
    expect(e.months[6]?.capReached).toBe(true);
  });

  it('lets a commercial patient use a copay program: $2,000 off Remicade year 1 ($4,068.88 -> $2,068.88); never for Medicare', () => {
    // test/functions/patient.test.ts: commercial Remicade 400 mg year 1 = 4,068.88 with the $1,787 deductible.
    const e = estimate({ payerId: 'COMMERCIAL', hcpcs: 'J1745', copayProgramMax: 2000 });
    expect([e.total, e.programPaid, e.net]).toEqual([4068.88, 2000, 2068.88]);
    expect(e.help[0]).toEqual({ kind: 'copay_program', text: 'Manufacturer copay program with a $2,000.00 annual maximum: the patient pays $2,068.88 for the year.' });
    // A copay maximum given for a Medicare patient is not applied.
    expect(estimate({ copayProgramMax: 2000 }).copayProgramMax).toBeNull();
  });

  it('charges a white-bagged drug the administration only: 8 x 32.33 = 258.64 after the deductible is met', () => {
    expect(estimate({ drugSource: 'white_bag', deductibleMet: 283 }).total).toBe(258.64);
  });

  it('writes a one-page sheet that says it is an estimate, holds no patient identity and cites its sources', () => {
    const rows = estimateSheet(estimate({}), { quarter: '2026Q1', feeScheduleYear: 2026, preparedOn: '2026-12-04' });
    // Long sentences run on over several rows: read them joined.
    const text = rows.map((r) => [r.label, r.value ?? '', ...(r.more ?? [])].join(' ')).join(' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/^Patient cost estimate/);
    expect(text).toContain('An estimate, not a bill');
    expect(text).toContain('no name, date of birth or member id is recorded');
    expect(text).toContain('CMS Medicare Part B payment limits 2026Q1');
    expect(text).toContain('2026 Medicare Parts A & B Premiums and Deductibles');
    expect(rows.find((r) => r.label === 'Year 1 total')?.value).toBe(2008.96);
    expect(rows.filter((r) => r.label.startsWith('Month ')).length).toBe(12);
    for (const r of rows) expect(r.label.length).toBeLessThanOrEqual(95);
  });

  it('wraps long text at spaces', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
  });
});
