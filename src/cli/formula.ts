/**
 * The formulas `infusion-planner calc` evaluates: one call of an INFUSION function with literal arguments,
 * written as in Excel (the leading "=" is optional, names any case):
 *
 *     =INFUSION.MIXMARGIN("Remicade", 400, {"MEDICARE","COMMERCIAL"}, {0.6;0.4})
 *
 * Arguments: numbers (-2.5, 1e3, 50% = 0.5), text in double quotes ("" is a quote inside), TRUE and FALSE,
 * nothing (an omitted argument, as in f("J1745",,"MEDICARE")), and array constants: columns separated by
 * commas, rows by semicolons ({1,2;3,4}), holding numbers, text or booleans. An array arrives as rows of cells,
 * the shape Excel hands a range to a function. A syntax error names the column (1-based) of the problem.
 */

export type Literal = number | string | boolean;
/** An argument as Excel passes it: a value, null when omitted, or rows of cells. */
export type Argument = Literal | null | Literal[][];

export interface Formula {
  /** The function name after the namespace, upper case: "MARGIN". */
  readonly name: string;
  readonly args: readonly Argument[];
}

export class FormulaSyntaxError extends Error {
  constructor(
    /** 1-based column of the problem in the formula text. */
    readonly column: number,
    readonly problem: string,
  ) {
    super(`col ${column}: ${problem}`);
    this.name = 'FormulaSyntaxError';
  }
}

const NAMESPACE = 'INFUSION.';
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_.]*/y;

class Parser {
  private i = 0;

  constructor(private readonly text: string) {}

  parse(): Formula {
    this.space();
    if (this.peek() === '=') this.i++;
    this.space();
    const start = this.i;
    const name = this.match(NAME);
    if (name === null) this.fail(`expected a function name like ${NAMESPACE}MARGIN`);
    if (!name.toUpperCase().startsWith(NAMESPACE) || name.length === NAMESPACE.length) {
      this.fail(`expected a function of the ${NAMESPACE.slice(0, -1)} namespace, like ${NAMESPACE}MARGIN, not "${name}"`, start);
    }
    this.space();
    this.expect('(');
    const args: Argument[] = [];
    this.space();
    if (this.peek() === ')') {
      this.i++;
    } else {
      for (;;) {
        args.push(this.argument());
        this.space();
        const c = this.peek();
        if (c === ',') {
          this.i++;
          continue;
        }
        if (c === ')') {
          this.i++;
          break;
        }
        this.fail(c === undefined ? 'expected "," or ")" before the end of the formula' : `expected "," or ")"`);
      }
    }
    this.space();
    if (this.i < this.text.length) this.fail('expected the end of the formula after ")"');
    return { name: name.slice(NAMESPACE.length).toUpperCase(), args };
  }

  private argument(): Argument {
    this.space();
    const c = this.peek();
    if (c === ',' || c === ')') return null;
    if (c === '{') return this.array();
    return this.literal('an argument');
  }

  private array(): Literal[][] {
    this.expect('{');
    const rows: Literal[][] = [[]];
    for (;;) {
      this.space();
      (rows[rows.length - 1] as Literal[]).push(this.literal('a number, text, TRUE or FALSE in the array'));
      this.space();
      const c = this.peek();
      if (c === ',') {
        this.i++;
      } else if (c === ';') {
        this.i++;
        rows.push([]);
      } else if (c === '}') {
        const width = (rows[0] as Literal[]).length;
        const bad = rows.findIndex((r) => r.length !== width);
        if (bad >= 0) this.fail(`array rows differ in length: row 1 has ${width} values, row ${bad + 1} has ${(rows[bad] as Literal[]).length}`);
        this.i++;
        return rows;
      } else {
        this.fail(c === undefined ? 'expected "}" before the end of the formula' : 'expected ",", ";" or "}" in the array');
      }
    }
  }

  private literal(what: string): Literal {
    const c = this.peek();
    if (c === '"') return this.string();
    const start = this.i;
    const num = this.match(NUMBER);
    if (num !== null) {
      const percent = num.endsWith('%');
      const value = Number(percent ? num.slice(0, -1) : num);
      if (!Number.isFinite(value)) this.fail(`number out of range: ${num}`, start);
      return percent ? value / 100 : value;
    }
    const word = this.match(NAME);
    if (word !== null) {
      const upper = word.toUpperCase();
      if (upper === 'TRUE') return true;
      if (upper === 'FALSE') return false;
      this.fail(`expected ${what}, not the name "${word}" (text goes in double quotes)`, start);
    }
    this.fail(c === undefined ? `expected ${what} before the end of the formula` : `expected ${what}`);
  }

  private string(): string {
    const start = this.i;
    this.i++; // opening quote
    let out = '';
    for (;;) {
      const q = this.text.indexOf('"', this.i);
      if (q < 0) this.fail('text not closed: expected a closing "', start);
      out += this.text.slice(this.i, q);
      if (this.text[q + 1] === '"') {
        out += '"';
        this.i = q + 2;
      } else {
        this.i = q + 1;
        return out;
      }
    }
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.i;
    const m = re.exec(this.text);
    if (m === null) return null;
    this.i += m[0].length;
    return m[0];
  }

  private expect(c: string): void {
    if (this.peek() !== c) this.fail(this.peek() === undefined ? `expected "${c}" before the end of the formula` : `expected "${c}"`);
    this.i++;
  }

  private peek(): string | undefined {
    return this.text[this.i];
  }

  private space(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i] as string)) this.i++;
  }

  private fail(problem: string, at = this.i): never {
    throw new FormulaSyntaxError(at + 1, problem);
  }
}

/** Parses one `=INFUSION.NAME(args)` formula; throws FormulaSyntaxError naming the column of a problem. */
export function parseFormula(text: string): Formula {
  return new Parser(text).parse();
}

/** A number as Excel's General format shows it, at Excel's 15 significant digits: 211.73, 6.5, 1E+21, 1E-07. */
export function formatNumber(n: number): string {
  if (n === 0) return '0';
  const v = Number(n.toPrecision(15));
  const abs = Math.abs(v);
  if (abs >= 1e15 || abs < 1e-6) {
    const [mantissa, exponent] = v.toExponential().split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}E${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(v);
}
