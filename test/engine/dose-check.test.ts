/** DOMAIN.md 5.5: doses in the wrong measure, and "did you mean", worked by hand. */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { dec } from '../../src/engine/decimal';
import { checkAcquisitionPrice, checkDose } from '../../src/engine/dose-check';
import { closest } from '../../src/engine/suggest';

const book = new ReferenceBook(referenceData);
const drug = (code: string) => book.catalogDrug(code)!;

describe('doses in the wrong measure (DOMAIN.md 5.5)', () => {
  it('refuses 0.4 mg of infliximab: under 10% of 5 mg/kg x 80 kg = 400 mg, naming the measure', () => {
    // 0.4 / 400 = 0.1% < 10%.
    expect(checkDose(drug('J1745'), dec('0.4'), 'MG', 80)).toEqual({
      level: 'refuse',
      field: 'dose',
      problem: '0.4 mg is under 10% of the label dose of 400 mg (5 mg/kg at 80 kg); doses are in mg',
      message: 'dose: 0.4 mg is under 10% of the label dose of 400 mg (5 mg/kg at 80 kg); doses are in mg',
    });
    // At the scenario's weight: 5 mg/kg x 60 kg = 300 mg; 29 mg is 9.7% -> refused; 30 mg is 10% -> warned.
    expect(checkDose(drug('J1745'), dec(29), 'MG', 60)?.level).toBe('refuse');
    expect(checkDose(drug('J1745'), dec(30), 'MG', 60)?.message).toBe('dose: 30 mg is 10% of the label dose of 300 mg (5 mg/kg at 60 kg); check the dose is in mg');
  });

  it('warns between 10% and 50% and above 300%, and says nothing from 50% to 300%', () => {
    // Prolia 60 mg fixed: 20 mg = 33% -> warn; 30 mg = 50% -> fine; 180 mg = 300% -> fine; 181 mg = 302% -> warn.
    expect(checkDose(drug('J0897'), dec(20), 'MG', 80)?.message).toBe('dose: 20 mg is 33% of the label dose of 60 mg; check the dose is in mg');
    expect(checkDose(drug('J0897'), dec(30), 'MG', 80)).toBeNull();
    expect(checkDose(drug('J0897'), dec(180), 'MG', 80)).toBeNull();
    expect(checkDose(drug('J0897'), dec(181), 'MG', 80, 'drugs[3].dose')?.message).toBe('drugs[3].dose: 181 mg is 302% of the label dose of 60 mg; check the dose is in mg');
  });

  it('warns about an acquisition price above 3x the payment limit (a Prolia syringe price typed per mg)', () => {
    // 1632 / 29.457 = 55.40... > 3.
    expect(checkAcquisitionPrice(dec(1632), dec('29.457'), '1 MG')?.message).toBe(
      'acquisitionPerUnit: $1632 per unit is 55.4x the payment limit of $29.457 per 1 MG; it looks like a per-vial or per-package price (enter the price per billing unit)',
    );
    // 3 x 29.457 = 88.371: at it, no warning.
    expect(checkAcquisitionPrice(dec('88.371'), dec('29.457'), '1 MG')).toBeNull();
  });
});

describe('did you mean (DOMAIN.md 5.5)', () => {
  it('suggests Remicade for Remicaid and MEDICARE_ADVANTAGE for MEDICARE ADVANTAGE', () => {
    expect(closest('Remicaid', book.drugNames())).toBe('Remicade');
    expect(closest('MEDICARE ADVANTAGE', ['MEDICARE', 'MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL', 'SELF_PAY'])).toBe('MEDICARE_ADVANTAGE');
    expect(() => book.resolveDrug('Remicaid')).toThrow('Unknown drug "Remicaid"; did you mean "Remicade"?');
  });

  it('suggests nothing for a name far from every known one', () => {
    expect(closest('aspirin tablets', book.drugNames())).toBeUndefined();
    expect(() => book.resolveDrug('J9999')).toThrow(/^Unknown drug "J9999"$/);
  });
});
