/**
 * "Did you mean" for an unknown drug or payer name (DOMAIN.md 5.5): the closest known name by edit distance,
 * comparing lower case with spaces, hyphens and underscores alike ("MEDICARE ADVANTAGE" -> MEDICARE_ADVANTAGE,
 * "Remicaid" -> Remicade). None when nothing is close (more than a third of the name would change).
 */

function normal(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_-]+/g, '_');
}

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    const row = d[i] as number[];
    const above = d[i - 1] as number[];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The candidate closest to the query, or undefined when none is close enough. */
export function closest(query: string, candidates: Iterable<string>): string | undefined {
  const q = normal(query);
  if (q === '') return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const n = normal(c);
    const dist = editDistance(q, n);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  const limit = Math.max(1, Math.floor(q.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}
