/**
 * Patient access (DOMAIN.md 5.7 over the projection), beside Formulary economics: per drug, the margin per
 * administration on the mix next to what its average patient pays out of pocket in year 1 with each payer,
 * and how many of the program's new patients would pay more than the threshold without help. Values computed
 * by the add-in when the board was built (engine/access.ts), not formulas, and the sheet says so.
 */
import { accessRisk } from '../../engine/access';
import { coverageOf, coverageSourceText } from '../../engine/patient';
import { SheetBuilder } from '../sheet-builder';
import { type BoardContext, SHEET } from './context';
import { type PrintText, printSetup } from './print';


export function writeAccess(ctx: BoardContext, text: PrintText): SheetBuilder {
  const { book, results } = ctx.src;
  const risk = accessRisk(book, results);
  const threshold = risk.threshold.toNumber();
  const thresholdText = `$${threshold.toLocaleString('en-US')}`;
  const s = new SheetBuilder(SHEET.access, 'board', printSetup(text, { fitToHeight: true }));
  s.tabColor = '#2E75B6';
  s.value(0, 0, 'Patient access: what patients pay, next to what the program earns', 'title');
  s.value(
    1,
    0,
    `Year 1 of therapy (loading doses included), each payer's default coverage with the whole deductible still to meet, no copay program, foundation or charity care. Patients over ${thresholdText} may not start without help: volume the program can lose.`,
    'subtitle',
  );
  s.value(
    2,
    0,
    'Values computed by the add-in when this workbook was built (not formulas): after changing inputs, build the board again (task pane, or infusion-planner board).',
    'note',
  );
  s.value(3, 0, 'Threshold (annual out-of-pocket)', 'label');
  s.value(3, 1, threshold, 'kpiValue', 'money0');
  s.value(
    3,
    2,
    `${results.input.program.accessRiskThreshold === undefined ? 'default: assumption ($2,000 a year)' : 'scenario input'}; set it on Inputs (Program) or in the add-in, then build the board again`,
    'note',
  );

  const header = 5;
  const fixed = ['Drug', 'Margin per administration (mix)', 'New patients over the projection', `Patients over ${thresholdText} without help`, 'Share over', 'Average patient, year-1 out-of-pocket (mix)'];
  const payerHeads = results.payers.flatMap((p) => [`${p.name}: year-1 out-of-pocket`, `${p.name}: patients over ${thresholdText}`]);
  s.values(header, 0, [...fixed, ...payerHeads], 'header');
  risk.drugs.forEach((d, i) => {
    const r = header + 1 + i;
    const margin = results.drugs[i]?.mix.margin;
    s.value(r, 0, d.label, 'label');
    if (margin !== undefined) s.value(r, 1, margin, 'text', 'money');
    s.value(r, 2, d.patients, 'text', 'count1');
    s.value(r, 3, d.overThreshold, 'text', 'count1');
    s.value(r, 4, d.patients.isZero() ? 0 : d.overThreshold.div(d.patients), 'text', 'pct');
    s.value(r, 5, d.averageAnnual, 'text', 'money');
    d.perPayer.forEach((c, j) => {
      s.value(r, 6 + 2 * j, c.averageAnnual, 'text', 'money');
      s.value(r, 7 + 2 * j, c.overThreshold, 'text', 'count1');
    });
  });
  const total = header + 1 + risk.drugs.length;
  s.value(total, 0, 'All drugs', 'total');
  s.value(total, 2, risk.patients, 'total', 'count1');
  s.value(total, 3, risk.overThreshold, 'total', 'count1');
  s.value(total, 4, risk.patients.isZero() ? 0 : risk.overThreshold.div(risk.patients), 'total', 'pct');

  let r = total + 2;
  s.value(r, 0, 'Coverage assumed for each payer', 'section');
  r++;
  s.values(r, 0, ['Payer', 'Annual deductible', 'Out-of-pocket maximum', 'Supplemental coverage', 'Source'], 'header');
  r++;
  for (const p of results.payers) {
    const c = coverageOf(p);
    s.value(r, 0, p.name, 'label');
    s.value(r, 1, c.annualDeductible, 'text', 'money0');
    s.value(r, 2, c.outOfPocketMax === null ? 'no limit' : c.outOfPocketMax, 'text', c.outOfPocketMax === null ? 'text' : 'money0');
    s.value(r, 3, c.supplemental === 'none' ? 'none' : c.supplemental === 'medigap_g' ? 'Medigap plan G' : 'Medicaid (QMB)', 'text');
    s.value(r, 4, coverageSourceText(c.coverageType), 'note');
    r++;
  }
  r++;
  s.value(r, 0, 'Help that may fit', 'section');
  r++;
  const help = [
    'Commercial patients: manufacturer copay programs may pay the share up to the program\'s annual maximum.',
    'Medicare and Medicaid patients: manufacturer copay programs are not allowed (federal anti-kickback statute, 42 USC 1320a-7b(b)); independent charitable foundations may help Medicare patients when a fund is open.',
    'Uninsured patients: manufacturer patient-assistance programs (free drug); the patient pays the administration.',
    'Per patient: the task pane\'s Patient view estimates a coverage profile (supplemental coverage, deductible met, out-of-pocket spent) and prints a one-page estimate.',
  ];
  for (const h of help) {
    s.value(r, 0, h, 'text');
    r++;
  }
  s.widths(0, [34, 14, 14, 16, 10, 16, ...results.payers.flatMap(() => [16, 14])]);
  s.freeze = { rows: header + 1, columns: 1 };
  return s;
}
