/** Drug inventory on hand and its place in working capital (src/engine/inventory.ts). */
import { ReferenceBook } from '../../src/engine/book';
import { dec } from '../../src/engine/decimal';
import { inventoryOnHand } from '../../src/engine/inventory';
import { runModel } from '../../src/engine/model';
import { resolveScenario, sampleScenario } from '../../src/scenario';
import { referenceData } from '../../src/data';

describe('drug inventory on hand', () => {
  it('holds the days of use asked for, at cost: $36,400 of drug a month, 7 days -> $8,400', () => {
    // A month is 364 / 12 = 30.333 days: 36,400 x 7 / 30.333 = 36,400 x 7 x 12 / 364 = 8,400.
    expect(inventoryOnHand(dec(36400), 7).toString()).toBe('8400');
    // 14 days of $1,000 a month: 1,000 x 14 x 12 / 364 = 461.538...
    expect(inventoryOnHand(dec(1000), 14).toFixed(6)).toBe('461.538462');
  });

  it('holds nothing with no days on hand, or no drug bought', () => {
    expect(inventoryOnHand(dec(36400), 0).isZero()).toBe(true);
    expect(inventoryOnHand(dec(0), 7).isZero()).toBe(true);
  });

  it('adds the stock to working capital: receivables - payables + inventory, every month of the sample', () => {
    const book = new ReferenceBook(referenceData);
    const input = resolveScenario(sampleScenario, referenceData);
    expect(input.program.inventoryDaysOnHand).toBe(7); // the default, a labelled assumption
    const withStock = runModel(book, input);
    const without = runModel(book, { ...input, program: { ...input.program, inventoryDaysOnHand: 0 } });
    withStock.months.forEach((m, k) => {
      const noStock = without.months[k]!;
      // The stock changes no cash flow, only the balance: WC(with) - WC(without) = drug cost x 7 x 12 / 364.
      expect(m.cashFlow.eq(noStock.cashFlow)).toBe(true);
      expect(m.inventory.eq(m.drugCost.times(7).times(12).div(364))).toBe(true);
      expect(m.workingCapital.minus(noStock.workingCapital).minus(m.inventory).abs().lt(1e-9)).toBe(true);
    });
    expect(withStock.summary.peakWorkingCapital.gt(without.summary.peakWorkingCapital)).toBe(true);
    expect(withStock.summary.npv.eq(without.summary.npv)).toBe(true);
  });
});
