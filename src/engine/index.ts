/** The calculation engine: pure, deterministic, decimal.js throughout. No I/O, no Office, no DOM. */
export * from './admin';
export * from './book';
export * from './decimal';
export * from './economics';
export * from './errors';
export * from './mix';
export * from './model';
export * from './patient';
export * from './payers';
export * from './reference';
export * from './regimen';
export * from './sensitivity';
export * from './timeline';
export * from './types';
export * from './units';
export * from './report';
export * from './impact';
