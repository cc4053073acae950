/** The Inputs sheet's conversion is pure (no Office.js): it lives in model/inputs-sheet.ts; this path is kept for its tests. */
export * from '../model/inputs-sheet';
