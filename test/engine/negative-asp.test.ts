/**
 * A biosimilar's ASP is derived from two payment limits (DOMAIN.md 2.1: ASP = PL - 0.08 x ASP(reference));
 * when they do not fit together the derived ASP falls to zero or below. That is an error naming both codes,
 * raised in the engine so that every function and the model refuse it (issue 16, item 5).
 */
import { ReferenceBook } from '../../src/engine/book';
import { DomainError } from '../../src/engine/errors';
import { runModel } from '../../src/engine/model';
import type { ReferenceData } from '../../src/engine/reference';
import { newestQuarter, referenceData as embedded } from '../../src/data';
import { resolveScenario, sampleScenario } from '../../src/scenario';
import { referenceData } from './fixture';

/** The fixture (January 2026 limits) with J1745's limit raised to $1,000.000 a unit. */
function withReferenceLimit(data: ReferenceData, limit: string): ReferenceData {
  return {
    ...data,
    quarters: data.quarters.map((q) => ({ ...q, rows: q.rows.map((row) => (row.hcpcs === 'J1745' ? { ...row, paymentLimit: limit } : row)) })),
  };
}

// ASP(J1745) = 1000 / 1.06 = 943.396226...; Q5121 (8% note): 23.811 - 0.08 x 943.396226 = 23.811 - 75.471698 = -51.660698.
const MESSAGE =
  "Q5121: the ASP derived for 2026Q1 is -51.661, not positive (payment limit 23.811 - 0.08 x reference J1745's ASP 943.396); the payment limits of Q5121 and J1745 do not fit together";

describe('a derived ASP at or below zero', () => {
  const book = new ReferenceBook(withReferenceLimit(referenceData, '1000.000'));

  it('is an error naming the biosimilar and its reference, not -51.661', () => {
    expect(() => book.asp('Q5121')).toThrow(DomainError);
    expect(() => book.asp('Q5121')).toThrow(MESSAGE);
    // The reference itself is fine: 1000 / 1.06.
    expect(book.asp('J1745').toFixed(6)).toBe('943.396226');
  });

  it('is zero exactly at the break point, and refused there too', () => {
    // 0.08 x PL(J1745) / 1.06 = 23.811  <=>  PL(J1745) = 23.811 x 1.06 / 0.08 = 315.49575.
    const atZero = new ReferenceBook(withReferenceLimit(referenceData, '315.49575'));
    expect(() => atZero.asp('Q5121')).toThrow("Q5121: the ASP derived for 2026Q1 is 0.000, not positive (payment limit 23.811 - 0.08 x reference J1745's ASP 297.638)");
    // A cent of a unit less and it is positive: 23.811 - 0.08 x 315.48575 / 1.06 = 0.000754...
    const justAbove = new ReferenceBook(withReferenceLimit(referenceData, '315.48575'));
    expect(justAbove.asp('Q5121').toFixed(6)).toBe('0.000755');
  });

  it('stops the model of a formulary holding the biosimilar', () => {
    const q = newestQuarter(embedded);
    const data = withReferenceLimit(embedded, '1000.000');
    expect(sampleScenario.drugs.some((drug) => drug.hcpcs === 'Q5121')).toBe(true);
    const input = resolveScenario(sampleScenario, data);
    expect(() => runModel(new ReferenceBook(data), input)).toThrow(
      `Q5121: the ASP derived for ${q.quarter} is -51.661, not positive (payment limit 23.811 - 0.08 x reference J1745's ASP 943.396)`,
    );
  });
});
