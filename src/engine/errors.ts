/**
 * Domain failures: a closed set of values, each with its message built here and nowhere else (STYLE.md 4).
 * The edges map them: custom functions to `#N/A` (not_available) or `#VALUE!` (invalid_value), the command
 * line to a one-line reason and a non-zero exit. Programming errors are ordinary exceptions, never these.
 */

export type Failure =
  | { readonly code: 'unknown_drug'; readonly drug: string; readonly suggestion?: string }
  | { readonly code: 'unknown_payer'; readonly payer: string; readonly suggestion?: string }
  | { readonly code: 'unit_mistake'; readonly message: string }
  | { readonly code: 'unknown_quarter'; readonly quarter: string; readonly available: readonly string[] }
  | { readonly code: 'not_priced'; readonly drug: string; readonly quarter: string }
  | { readonly code: 'missing_fact'; readonly drug: string; readonly fact: string }
  | { readonly code: 'not_in_catalog'; readonly drug: string; readonly facts: string }
  | { readonly code: 'unknown_area'; readonly area: string; readonly areas: readonly string[] }
  | { readonly code: 'zero_cost'; readonly drug: string }
  | {
      readonly code: 'nonpositive_asp';
      readonly drug: string;
      readonly reference: string;
      readonly quarter: string;
      /** The derived ASP, the payment limit, the add-on share and the reference's ASP, as decimal text. */
      readonly asp: string;
      readonly paymentLimit: string;
      readonly addOn: string;
      readonly referenceAsp: string;
    }
  | { readonly code: 'invalid_amount'; readonly argument: string; readonly problem: string }
  | { readonly code: 'weights_sum'; readonly sum: string }
  | { readonly code: 'mismatched'; readonly problem: string };

/** Which Excel error a failure becomes. */
export type FailureKind = 'not_available' | 'invalid_value';

export function failureKind(f: Failure): FailureKind {
  switch (f.code) {
    case 'unknown_drug':
    case 'unknown_payer':
    case 'unknown_quarter':
    case 'not_priced':
    case 'missing_fact':
    case 'not_in_catalog':
    case 'unknown_area':
    case 'nonpositive_asp':
      return 'not_available';
    case 'zero_cost':
    case 'invalid_amount':
    case 'weights_sum':
    case 'mismatched':
    case 'unit_mistake':
      return 'invalid_value';
  }
}

/** The message catalogue. */
export function failureMessage(f: Failure): string {
  switch (f.code) {
    case 'unknown_drug':
      return `Unknown drug "${f.drug}"${f.suggestion === undefined ? '' : `; did you mean "${f.suggestion}"?`}`;
    case 'unknown_payer':
      return `Unknown payer "${f.payer}"${f.suggestion === undefined ? '' : `; did you mean "${f.suggestion}"?`}`;
    case 'unit_mistake':
      return f.message;
    case 'unknown_quarter':
      return `Unknown quarter "${f.quarter}" (loaded: ${f.available.join(', ')})`;
    case 'not_priced':
      return `${f.drug} has no payment limit in ${f.quarter}`;
    case 'missing_fact':
      return `${f.drug}: ${f.fact} is not known`;
    case 'not_in_catalog':
      return `${f.drug} is not in the drug catalog, which holds its ${f.facts}`;
    case 'unknown_area':
      return `Unknown area "${f.area}" (areas: ${f.areas.join(', ')})`;
    case 'zero_cost':
      return `${f.drug}: the drug cost is zero, so cost recovery is not defined`;
    case 'nonpositive_asp':
      return `${f.drug}: the ASP derived for ${f.quarter} is ${f.asp}, not positive (payment limit ${f.paymentLimit} - ${f.addOn} x reference ${f.reference}'s ASP ${f.referenceAsp}); the payment limits of ${f.drug} and ${f.reference} do not fit together`;
    case 'invalid_amount':
      return `${f.argument}: ${f.problem}`;
    case 'weights_sum':
      return `weights: sum to ${f.sum}, must sum to 1`;
    case 'mismatched':
      return f.problem;
  }
}

/** A domain failure thrown through the engine and caught at the edge. */
export class DomainError extends Error {
  constructor(readonly failure: Failure) {
    super(failureMessage(failure));
    this.name = 'DomainError';
  }

  get kind(): FailureKind {
    return failureKind(this.failure);
  }
}

export function fail(f: Failure): never {
  throw new DomainError(f);
}
