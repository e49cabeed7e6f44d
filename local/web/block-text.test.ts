import { describe, expect, it } from '@jest/globals';
import { columnLetters, parseTsv, shiftFormula, toTsv } from './block-text';

describe('clipboard text', () => {
  it('splits rows and cells of tab-separated text and drops the final newline', () => {
    expect(parseTsv('a\tb\r\nc\td\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps tabs, newlines and quotes inside quoted cells', () => {
    const rows = [['line 1\nline 2', 'say "hi"', 'x\ty']];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });

  it('pads short rows so the block is rectangular', () => {
    expect(parseTsv('a\tb\nc')).toEqual([
      ['a', 'b'],
      ['c', ''],
    ]);
  });
});

describe('fill-down formulas', () => {
  it('shifts relative references and keeps fixed ones', () => {
    expect(shiftFormula('=PLAN_BONUS(B2, $C$2) + C$1 + $D2', 3, 0)).toBe('=PLAN_BONUS(B5, $C$2) + C$1 + $D5');
  });

  it('leaves text, function names and sheet names alone', () => {
    expect(shiftFormula(`=LOG10(A1)&"B2"&'План 2026'!A1`, 1, 1)).toBe(`=LOG10(B2)&"B2"&'План 2026'!B2`);
  });

  it('shifts whole columns by their relative letters, and a reference off the sheet is #REF!', () => {
    expect(shiftFormula('=SUM(A:B)+SUM($C:D)', 5, 1)).toBe('=SUM(B:C)+SUM($C:E)');
    expect(shiftFormula('=A2+B$1', -2, 0)).toBe('=#REF!+B$1');
  });

  it('names columns by letters as Sheets does', () => {
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
