/**
 * `infusion-planner calc FORMULA [--scenario FILE] [--asp FILE]`: evaluates one =INFUSION.…(…) formula with
 * literal arguments through the very functions Excel calls. A stand-in for Excel's custom-functions host is
 * installed, the functions module is loaded (its own registration associates each function by id, as in
 * Excel), and the function is called by id with the arguments shaped as Excel passes them (a value, null for
 * an omitted argument, rows of cells for an array constant). The arguments reach the function as written:
 * Excel's conversion of a typed argument (TRUE to 1 for a number, say) is not imitated.
 *
 * Prints the value (a number as Excel's General format shows it), a spilled table as tab-separated rows, or
 * an Excel error as its code, a space and the message. Exit codes: 0 a value; 1 an Excel error result, or a
 * file given with --asp or --scenario that cannot be used; 2 a formula that does not parse or a call Excel
 * would refuse (unknown options, too many arguments).
 */
import { isErrorResult, loadFunctions } from '../../functions/host';
import { store } from '../../functions/store';
import { scenarioFunctionTerms } from '../../scenario';
import { UsageError } from '../args';
import type { Command, Io } from '../command';
import { FormulaSyntaxError, formatNumber, parseFormula } from '../formula';
import { readPaymentLimitFile } from '../cms-file';
import { readScenarioFile } from '../scenario-file';
import { formulaWarnings } from '../warnings';

/** One cell or value as calc prints it. */
function formatValue(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (isErrorResult(v)) return v.code;
  return String(v);
}

function formatError(e: { readonly code: string; readonly message?: string }): string {
  return e.message ? `${e.code} ${e.message}` : e.code;
}

/** Prints a result; returns the exit code (1 for an error result). */
export function printResult(result: unknown, io: Io): number {
  if (Array.isArray(result)) {
    const rows = result as unknown[][];
    const only = rows.length === 1 && rows[0]?.length === 1 ? rows[0][0] : undefined;
    if (isErrorResult(only)) {
      io.out(formatError(only));
      return 1;
    }
    io.out(rows.map((r) => r.map(formatValue).join('\t')).join('\n'));
    return 0;
  }
  if (isErrorResult(result)) {
    io.out(formatError(result));
    return 1;
  }
  io.out(formatValue(result));
  return 0;
}

export const calc: Command = {
  name: 'calc',
  summary: 'evaluate one =INFUSION.…(…) formula with literal arguments, through the functions Excel calls',
  usage: 'calc FORMULA [--scenario FILE] [--asp FILE]',
  options: {
    scenario: { kind: 'value', valueName: 'FILE', description: "scenario JSON file: its payer profiles, its own drugs and its per-drug drug sources apply" },
    asp: { kind: 'value', valueName: 'FILE', description: 'CMS payment limit file (CSV or xlsx) to load as a quarter first' },
  },
  async run(args, io) {
    if (args.positionals.length !== 1) {
      throw new UsageError(args.positionals.length === 0 ? 'needs a FORMULA, e.g. \'=INFUSION.MARGIN("J1745", 400)\'' : `takes one FORMULA (quote it), got ${args.positionals.length} arguments`);
    }
    const text = args.positionals[0] as string;
    let formula;
    try {
      formula = parseFormula(text);
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
      io.err(`infusion-planner calc: ${e.message}\n  ${text}\n  ${' '.repeat(e.column - 1)}^`);
      return 2;
    }

    const functions = await loadFunctions();
    store.reset();
    const asp = args.values['asp'];
    if (asp !== undefined) store.addQuarter(await readPaymentLimitFile(asp));
    const scenarioFile = args.values['scenario'];
    if (scenarioFile !== undefined) {
      const ref = store.book.data;
      const { scenario } = readScenarioFile(scenarioFile, ref, (line) => io.err(line));
      // Its payers, its own drugs (DOMAIN.md 5.4) and the drug sources it sets per drug (5.1).
      store.setScenario(scenarioFunctionTerms(scenario, ref));
    }

    const fn = functions.get(formula.name);
    if (fn === undefined) {
      io.out(`#NAME? INFUSION.${formula.name} is not a function (functions: ${[...functions.keys()].sort().join(', ')})`);
      return 1;
    }
    if (formula.args.length > fn.length) {
      throw new UsageError(`INFUSION.${formula.name} takes at most ${fn.length} argument${fn.length === 1 ? '' : 's'}, got ${formula.args.length}`);
    }
    for (const line of formulaWarnings(formula.name, formula.args, store.functionBook)) io.err(line);
    return printResult(fn(...formula.args), io);
  },
};
