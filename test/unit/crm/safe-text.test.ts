import { safeCellText, safeRow } from '../../../src/adapter/safe-text';

describe('text written so Sheets keeps it as text', () => {
  it.each([
    '=SUM(A1:A3)',
    '+79123456789',
    '-5',
    '@import',
    "'quoted",
    '12,5',
    '01.02.2026',
    '7707083893',
    '\t=HYPERLINK("http://x";"x")',
    '\n=1+1',
    '\r=1+1',
    ' =1+1',
    '\u00a0=1+1',
    '\uff1d1+1',
    '\uff0b79123456789',
    '\uff0d5',
    '\uff20import',
    '10:30',
    '50%',
    '1/2',
    '1 000',
  ])('quotes %p with a leading apostrophe', (text) => {
    expect(safeCellText(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text, blanks, numbers and dates alone', () => {
    expect(safeCellText('ООО «Тепло»')).toBe('ООО «Тепло»');
    expect(safeCellText('К-00001')).toBe('К-00001');
    expect(safeCellText('')).toBe('');
    expect(safeCellText(12.5)).toBe(12.5);
    const date = new Date(2026, 0, 1);
    expect(safeCellText(date)).toBe(date);
    // a number followed by words, or a sign inside the text, is text to Sheets too
    expect(safeCellText('12 шт')).toBe('12 шт');
    expect(safeCellText('ИНН 7707083893')).toBe('ИНН 7707083893');
    expect(safeCellText('a=b+c')).toBe('a=b+c');
  });

  it('makes a whole row safe, cell by cell', () => {
    expect(safeRow(['=1+1', 'К-00001', 5, '', null])).toEqual(["'=1+1", 'К-00001', 5, '', null]);
  });
});
