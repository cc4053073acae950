/**
 * The question asked before the add-in replaces sheets it built before: which sheets, why, and two answers.
 * Used by "Build board workbook" and when an edit of the formulary's structure needs the board laid out again.
 */
import { Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { ReplaceQuestion } from '../services';

export type { ReplaceQuestion } from '../services';

export function ReplaceDialog(props: { question: ReplaceQuestion | null; title: string; text: string; yes: string; no: string; onClose: () => void }) {
  const { question } = props;
  const answer = (yes: boolean): void => {
    question?.answer(yes);
    props.onClose();
  };
  return (
    <Dialog open={question !== null} modalType="alert" onOpenChange={(_e, data) => (data.open ? undefined : answer(false))}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>
            <Body1>{props.text}</Body1>
            <ul>
              {question?.sheets.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => answer(true)}>
              {props.yes}
            </Button>
            <Button appearance="secondary" onClick={() => answer(false)}>
              {props.no}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
