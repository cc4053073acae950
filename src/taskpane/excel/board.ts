/**
 * The board workbook, built in the open workbook by the board-workbook issue's Office.js renderer
 * (src/workbook/render-officejs.ts). Until that renderer is part of the build, the pane says so instead of
 * offering a button that cannot work.
 */
import type { BoardService } from '../ui/WorkbookView';

export function officeBoardService(): BoardService {
  return {
    unavailable: 'Building the board workbook needs the Office.js renderer of the board-workbook issue, which is not in this build yet.',
    build: () => Promise.reject(new Error('The board workbook renderer is not in this build.')),
  };
}
