/**
 * Issue 14: the notice that the board's Market or Launch plan sheet no longer matches the pane's scenario
 * (model/board-stale.ts says what differs). Shown in the Demand and Launch views for their sheet and in the
 * Workbook view for both, until the board is built again or the structures match again.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { BoardSheetMismatch } from '../model/board-stale';

export function BoardSheetNotice(props: { readonly mismatches: readonly BoardSheetMismatch[]; readonly onRebuild?: () => void }) {
  return (
    <>
      {props.mismatches.map((m) => (
        <MessageBar key={m.sheet} layout="multiline" intent="warning" data-testid={`stale-${m.view}`}>
          <MessageBarBody>
            <MessageBarTitle>{m.sheet} sheet out of date</MessageBarTitle>
            {m.text}
          </MessageBarBody>
          {props.onRebuild ? (
            <MessageBarActions>
              <Button size="small" onClick={props.onRebuild}>
                Go to Build board workbook
              </Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ))}
    </>
  );
}
