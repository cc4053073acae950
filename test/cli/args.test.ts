/** The argument parser's option that is a flag or takes a value (`board --pdf [FILE]`). */
import { UsageError, optionHelp, parseArgs } from '../../src/cli/args';

const options = {
  out: { kind: 'value', valueName: 'FILE', description: 'the .xlsx' },
  pdf: { kind: 'flagOrValue', valueName: 'FILE', description: 'the PDF' },
} as const;

describe('an option that is a flag or takes a value', () => {
  it('is a flag alone, or before another option', () => {
    expect(parseArgs(['--pdf'], options).flags.has('pdf')).toBe(true);
    const p = parseArgs(['--pdf', '--out', 'b.xlsx'], options);
    expect([p.flags.has('pdf'), p.values['pdf'], p.values['out']]).toEqual([true, undefined, 'b.xlsx']);
  });

  it('takes the next argument, or the text after "=", as its value', () => {
    expect(parseArgs(['--pdf', 'pack.pdf'], options).values['pdf']).toBe('pack.pdf');
    expect(parseArgs(['--pdf=pack.pdf', '--out', 'b.xlsx'], options).values['pdf']).toBe('pack.pdf');
    expect(parseArgs(['--pdf', 'pack.pdf'], options).flags.has('pdf')).toBe(false);
  });

  it('refuses an empty value after "="', () => {
    expect(() => parseArgs(['--pdf='], options)).toThrow(UsageError);
    expect(() => parseArgs(['--pdf='], options)).toThrow('--pdf needs a value (FILE) after "="');
  });

  it('shows its value as optional in --help', () => {
    expect(optionHelp(options)).toContain('--pdf [FILE]');
  });
});
