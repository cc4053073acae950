import type { ErrorObject } from 'ajv/dist/2020';

/**
 * The path(s) of an ajv error in the validator's form: "/payers/2/weight" -> "payers[2].weight"; a missing
 * or unknown property is reported at its own path, as the validator does.
 */
export function schemaPaths(error: ErrorObject): string[] {
  const base = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
  const child = (key: unknown): string => (typeof key !== 'string' ? base : base === '' ? key : `${base}.${key}`);
  switch (error.keyword) {
    case 'required':
      return [child(error.params.missingProperty)];
    case 'additionalProperties':
      return [child(error.params.additionalProperty)];
    case 'uniqueItems':
      // ajv names the two equal items; the validator reports the later one.
      return [`${base}[${String(error.params.i)}]`, `${base}[${String(error.params.j)}]`];
    default:
      return [base];
  }
}
