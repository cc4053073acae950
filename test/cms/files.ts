/**
 * The real CMS files the parser tests read, from the planning material next to the repository
 * (../shared/cms, as CMS publishes them). Tests may read them; the product never does.
 */
import { readFileSync } from 'fs';
import * as path from 'path';

export const SHARED_CMS = path.join(__dirname, '../../../shared/cms');

export const ASP_FILES = {
  '2024Q1': 'asp-pricing-files/section 508 version of January 2024 ASP Pricing File 121223.csv',
  '2024Q2': 'asp-pricing-files/section 508 version of April 2024 ASP Pricing File 032124.csv',
  '2024Q4': 'asp-pricing-files/section 508 version of Oct 2024 ASP Pricing File 091824.csv',
  '2025Q1': 'asp-pricing-files/section 508 version of Jan 2025 ASP Pricing File 121924.csv',
  '2025Q4': 'asp-pricing-files/section 508 version of Oct 2025 ASP Pricing File 091725.csv',
  '2026Q1': 'asp-pricing-files/section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv',
} as const;

export const CROSSWALK_FILE = 'ndc-hcpcs-crosswalk/section 508 version of January 2026 ASP NDC-HCPCS Crosswalk 121725.csv';
export const RVU_2025 = 'pfs-rvu/PPRRVU25_JAN_admin_codes.csv';
export const RVU_2026 = 'pfs-rvu/PPRRVU2026_Jul_nonQPP_admin_codes.csv';

/** The bytes of a file under ../shared/cms. */
export function cmsBytes(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(SHARED_CMS, relative)));
}

/**
 * The text of a file under ../shared/cms, decoded byte for byte as Latin-1 by node (not by the code under
 * test). The files are Windows-1252; the only non-ASCII byte in them is 0xA0, the same in both.
 */
export function cmsText(relative: string): string {
  return readFileSync(path.join(SHARED_CMS, relative)).toString('latin1');
}

/** Bytes of a text, as Latin-1 (the inverse of cmsText). */
export function latin1Bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/**
 * Runs a function that must throw, and returns the error message (fails the test when nothing is thrown).
 */
export function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected an error, but none was thrown');
}

export async function asyncMessageOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected an error, but none was thrown');
}
