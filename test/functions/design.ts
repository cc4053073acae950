/**
 * The custom functions as DESIGN.md's table states them (../shared/DESIGN.md, "Custom functions"): names,
 * argument names in order, and which are optional (in brackets). Tests hold the metadata and the code to it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface DesignParameter {
  readonly name: string;
  readonly optional: boolean;
}

export interface DesignFunction {
  readonly id: string;
  readonly parameters: readonly DesignParameter[];
}

export const DESIGN_FILE = path.join(__dirname, '../../../shared/DESIGN.md');

/** Rows like "| `MARGIN(drug, dose, [payer], [acquisitionPerUnit], [minutes])` | net margin ... |". */
export function designFunctions(): DesignFunction[] {
  const text = readFileSync(DESIGN_FILE, 'utf8');
  const rows = [...text.matchAll(/^\| `([A-Z]+)\(([^)]*)\)` \|/gm)];
  return rows.map(([, id, args]) => ({
    id: id as string,
    parameters: (args as string)
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '')
      .map((a) => (a.startsWith('[') ? { name: a.slice(1, -1), optional: true } : { name: a, optional: false })),
  }));
}
