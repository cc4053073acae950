/**
 * After a board workbook was built: the pane's edits flow into the board's Inputs sheet when the formulary
 * keeps its structure (the board's formulas follow at once), the board is marked as needing a rebuild when
 * it does not, and edits a user makes in the board's Inputs sheet flow back into the scenario.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReferenceBook } from '../../engine/book';
import type { Scenario } from '../../scenario/types';
import type { BoardLinkPort, BoardLinkState } from '../excel/board-link';
import { type InputsModel, inputsModel, readInputEdits } from '../excel/board-sync';

export type BoardStatus =
  | { readonly kind: 'none' }
  | { readonly kind: 'current' }
  | { readonly kind: 'stale'; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string };

const DELAY_MS = 300;

export function useBoardLink(options: {
  readonly port: BoardLinkPort;
  readonly book: ReferenceBook;
  readonly ready: boolean;
  readonly scenario: Scenario;
  /** Null when the scenario may be written (valid, mix at 100%). */
  readonly blocked: string | null;
  readonly edit: (f: (s: Scenario) => Scenario) => void;
  readonly notify: (text: string, intent: 'info' | 'warning') => void;
}) {
  const { port, book, ready, scenario, blocked, edit, notify } = options;
  const [link, setLink] = useState<BoardLinkState | null>(null);
  const [status, setStatus] = useState<BoardStatus>({ kind: 'none' });
  const models = useRef(new Map<string, InputsModel>());
  const linkRef = useRef(link);
  linkRef.current = link;

  /** The Inputs model of a scenario, cached (one engine run each). */
  const modelOf = useCallback(
    (s: Scenario): InputsModel => {
      const key = JSON.stringify(s);
      let m = models.current.get(key);
      if (!m) {
        m = inputsModel(book, s);
        if (models.current.size > 8) models.current.clear();
        models.current.set(key, m);
      }
      return m;
    },
    [book],
  );

  const refresh = useCallback(async () => {
    const found = await port.read();
    setLink(found);
    if (found === null) setStatus({ kind: 'none' });
  }, [port]);

  useEffect(() => {
    if (ready) refresh().catch(() => setLink(null));
  }, [ready, refresh]);

  // The pane's edits into the board's Inputs sheet.
  useEffect(() => {
    if (!ready || link === null || blocked !== null) return;
    const timer = setTimeout(() => {
      try {
        const before = modelOf(link.scenario);
        const after = modelOf(scenario);
        if (before.signature !== after.signature) {
          setStatus({ kind: 'stale', reason: 'The formulary changed since the board workbook was built (a drug, payer or cost added or removed, or the horizon changed): build it again to bring the board up to date.' });
          return;
        }
        if (JSON.stringify(before.cells) === JSON.stringify(after.cells)) {
          setStatus({ kind: 'current' });
          return;
        }
        port
          .write(link, after, scenario)
          .then(() => {
            setLink({ ...link, scenario });
            setStatus({ kind: 'current' });
          })
          .catch((e: unknown) => setStatus({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }));
      } catch (e) {
        setStatus({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
      }
    }, DELAY_MS);
    return () => clearTimeout(timer);
  }, [ready, link, scenario, blocked, modelOf, port]);

  // A user's edits in the board's Inputs sheet back into the scenario.
  const sheetId = link?.inputsSheetId ?? null;
  useEffect(() => {
    if (!ready || sheetId === null) return;
    let stop: (() => Promise<void>) | null = null;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onEdit = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        const current = linkRef.current;
        if (current === null) return;
        port
          .readInputs(current.inputsSheetId)
          .then((sheet) => {
            const written = modelOf(current.scenario);
            const found = readInputEdits(current.scenario, written, sheet);
            if (found === null) return;
            if (found.ignored.length > 0) {
              notify(`Inputs sheet: ${found.ignored.join(', ')} ${found.ignored.length === 1 ? 'does' : 'do'} not hold a value the scenario can take; the pane keeps its own.`, 'warning');
            }
            if (found.scenario !== current.scenario) {
              // The cells the user changed, applied to the pane's scenario (same structure, so the same rows).
              edit((s) => (modelOf(s).signature === written.signature ? (readInputEdits(s, written, sheet)?.scenario ?? s) : s));
              notify('Updated from edits in the board\u2019s Inputs sheet.', 'info');
            }
          })
          .catch(() => undefined);
      }, DELAY_MS);
    };
    port
      .watch(sheetId, onEdit)
      .then(async (s) => {
        stop = s;
        if (cancelled) await s();
      })
      .catch(() => undefined);
    // Edits made while the add-in was not running (the file opened without it): read once now.
    onEdit();
    return () => {
      cancelled = true;
      if (timer !== null) clearTimeout(timer);
      if (stop) void stop();
    };
  }, [ready, sheetId, port, modelOf, edit, notify]);

  /** After a build: the board was written from this scenario. */
  const built = useCallback(
    async (s: Scenario) => {
      await port.record(s);
      await refresh();
      setStatus({ kind: 'current' });
    },
    [port, refresh],
  );

  return { status, built, linked: link !== null };
}
