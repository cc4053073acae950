/**
 * How each input is labelled on the Inputs sheet: a scenario input, a default (with the label and source
 * that src/scenario/defaults.ts gives it), a rule (fixed by CMS or law), a formula, or a layout figure (the
 * sheets are laid out for it; the add-in rebuilds them when it changes).
 */
import type { StyleId } from '../plan';
import type { BoardInputs } from './context';

export interface Labels {
  readonly style: StyleId;
  readonly label: string;
  readonly source: string;
}

const SCENARIO = 'scenario input';
/** The label of a custom drug's facts (dose, route, complexity, minutes, regimen): the user's own. */
export const CUSTOM_FACTS = 'your drug: facts you entered (dose, route, complexity, minutes, regimen)';
/** The drug fields whose default is the catalog's: a custom drug has its own (scenario drugs[].custom). */
export const CATALOG_FACT_FIELDS = ['dose', 'infusionMinutes', 'chairExtraMinutes', 'complexity'] as const;

/** Whether an applied default at `path` is a catalog fact of a custom drug: the user's own fact, no default. */
export function isCustomDrugFact(src: BoardInputs, path: string): boolean {
  const m = /^drugs\[(\d+)\]\.(\w+)$/.exec(path);
  return m !== null && src.input.drugs[Number(m[1])]?.custom === true && (CATALOG_FACT_FIELDS as readonly string[]).includes(m[2] ?? '');
}

export interface DrugLabels {
  style(field: string): StyleId;
  summary(extra: string | null): string;
  volumeSummary(noLoading: boolean): string;
  priorAuthSummary(): string;
}

export interface LabelSet {
  scenario(source?: string): Labels;
  field(path: string, givenLabel?: string, givenSource?: string): Labels;
  formula(source: string): Labels;
  rule(source: string): Labels;
  layout(path: string): Labels;
  payerTermStyle(payer: number, term: string): StyleId;
  payer(payer: number): { label: string; source: string };
  drug(drug: number): DrugLabels;
}

export function labelsFor(src: BoardInputs): LabelSet {
  const applied = new Map((src.applied ?? []).map((a) => [a.path, a]));
  const isDefault = (path: string): boolean => applied.has(path);
  const field = (path: string, givenLabel = SCENARIO, givenSource = ''): Labels => {
    const a = applied.get(path);
    if (a) return { style: 'inputDefault', label: a.default.label, source: a.default.source };
    return { style: 'input', label: givenLabel, source: givenSource };
  };
  return {
    scenario: (source = '') => ({ style: 'input', label: SCENARIO, source }),
    field,
    formula: (source) => ({ style: 'formula', label: 'formula', source }),
    rule: (source) => ({ style: 'rule', label: 'rule', source }),
    layout: (path) => {
      const f = field(path);
      return {
        style: 'layout',
        label: `layout: the Projection is laid out for this many months; change it in the add-in and rebuild (${f.label})`,
        source: f.source,
      };
    },
    payerTermStyle: (payer, term) => (isDefault(`payers[${payer}].${term}`) ? 'inputDefault' : 'input'),
    payer: (payer) => {
      const entry = src.input.payers[payer];
      const defaults = [...applied.keys()].filter((k) => k.startsWith(`payers[${payer}].`)).map((k) => k.slice(k.indexOf('.') + 1));
      const first = applied.get(`payers[${payer}].${defaults[0] ?? ''}`);
      const rules: string[] = [];
      if (entry?.profile.drugCoinsurance === 'file') rules.push('drug coinsurance: the CMS file\'s percentage (rule, CMS Medicare Part B Payment Limit File)');
      if (entry?.profile.id === 'MEDICARE' && entry.profile.sequestration > 0) rules.push('sequestration 2% of the Medicare-paid portion through FY2032 (rule: CMS 2013 letter; CRS R45106)');
      const label = defaults.length === 0 ? SCENARIO : `weight: scenario input; ${defaults.length === 10 ? 'all terms' : defaults.join(', ')}: ${first?.default.label ?? 'default'}`;
      return { label: [label, ...rules].join('; '), source: first ? first.default.source : '' };
    },
    drug: (drug) => {
      const path = (f: string): string => `drugs[${drug}].${f}`;
      const style = (f: string): StyleId => (isDefault(path(f)) ? 'inputDefault' : 'input');
      // A drug of the user's own (scenario drugs[].custom): its dose, route, complexity, minutes and regimen
      // are the facts the user entered, not the catalog's.
      const custom = src.input.drugs[drug]?.custom === true;
      return {
        style,
        summary: (extra) => {
          const parts: string[] = [];
          const fields = custom ? (['weightKg', 'acquisitionPerUnit'] as const) : (['dose', 'weightKg', 'infusionMinutes', 'chairExtraMinutes', 'complexity', 'acquisitionPerUnit'] as const);
          for (const f of fields) {
            const a = applied.get(path(f));
            if (a) parts.push(`${f === 'weightKg' ? 'weight' : f === 'acquisitionPerUnit' ? 'acquisition price' : f}: ${a.default.label}`);
          }
          if (extra) parts.push(extra);
          if (custom) return [CUSTOM_FACTS, ...parts].join('; ');
          return parts.length === 0 ? 'scenario inputs; route: catalog' : `${parts.join('; ')}; route: catalog`;
        },
        volumeSummary: (noLoading) => {
          const parts = ['volume and ramp: scenario input', custom ? `regimen: ${CUSTOM_FACTS}` : 'regimen: catalog (product label)'];
          const a = applied.get(path('discontinuationRate'));
          if (a) parts.push(`discontinuation: ${a.default.label} (${a.default.display})`);
          if (noLoading) parts.push('no loading doses: counted from day 0');
          return parts.join('; ');
        },
        priorAuthSummary: () => {
          const a = applied.get(path('priorAuthPayers'));
          return a ? `${a.default.label}: ${a.default.display}` : SCENARIO;
        },
      };
    },
  };
}
