/**
 * The printable HTML of a sheet draws merges and text overflow as Sheets does:
 * a merged block is one cell spanning its columns and rows and showing its
 * top-left value; text runs over empty cells to its right and stops at the
 * first cell that holds something; numbers and wrapped text never overflow.
 */
import { parseExportUrl } from '../../local/export/export-request';
import { launchChromium } from '../../local/chromium';
import { printableSheet } from '../../local/export/sheet-html';
import { emptySheet, emptyWorkbook, type CellModel, type SheetModel } from '../../local/runtime/model';

const REQUEST = parseExportUrl(
  'https://docs.google.com/spreadsheets/d/x/export?format=pdf&size=A4&portrait=false&fitw=true&gridlines=false&fzr=true',
);

interface Td {
  attrs: string;
  text: string;
  colspan: number;
  rowspan: number;
  spill: number;
}

/** The rows of the printed table as lists of their cells. */
function tableRows(html: string): Td[][] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) =>
    [...tr[1].matchAll(/<td([^>]*)>([\s\S]*?)<\/td>/g)].map((td) => ({
      attrs: td[1],
      text: td[2].replace(/<[^>]+>/g, ''),
      colspan: Number(/colspan="(\d+)"/.exec(td[1])?.[1] ?? 1),
      rowspan: Number(/rowspan="(\d+)"/.exec(td[1])?.[1] ?? 1),
      spill: Number(/data-spill="(\d+)"/.exec(td[1])?.[1] ?? 0),
    })),
  );
}

function sheetWith(rows: Array<Array<CellModel | undefined>>, setup: (s: SheetModel) => void = () => {}) {
  const wb = emptyWorkbook('Печать', 'director@example.com');
  const sheet = emptySheet(1, 'Лист1');
  sheet.rows = rows;
  setup(sheet);
  wb.sheets.push(sheet);
  return { html: printableSheet(wb, sheet, REQUEST).html, sheet };
}

const v = (value: CellModel['value'], extra: Partial<CellModel> = {}): CellModel => ({ value, ...extra });

describe('text overflow in the printed sheet', () => {
  const { html } = sheetWith(
    [
      [v('Длинный текст, который не помещается'), undefined, undefined, v('стоп'), v(1)],
      [v('Текст до числа'), v(12345.5, { numberFormat: '#,##0.00' }), undefined, undefined, v(2)],
      [v(123456789), undefined, v('перенос по словам длинного текста', { wrap: true }), undefined, v(3)],
      [
        v('По правому краю', { horizontalAlignment: 'right' }),
        undefined,
        v('формула пуста'),
        v('', { formula: '=""' }),
        v(4),
      ],
    ],
    (s) => [0, 1, 2, 3, 4].forEach((c) => (s.columnWidths[c] = 80)),
  );
  const rows = tableRows(html);

  it('lets text run over the empty cells up to the first one holding something', () => {
    expect(rows[0][0].spill).toBe(2);
    expect(rows[0][0].attrs).toContain('class="spill"');
    // its text is clipped at the edge of the third column: 3 × 80 px less the padding
    expect(html).toContain('<div class="spill-text" style="width:234px">Длинный текст, который не помещается</div>');
    expect(rows[0][3]).toMatchObject({ text: 'стоп', spill: 0 });
  });

  it('clips text whose right neighbour holds a value', () => {
    expect(rows[1][0]).toMatchObject({ text: 'Текст до числа', spill: 0 });
    expect(rows[1][0].attrs).not.toContain('spill');
  });

  it('never overflows numbers or wrapped text', () => {
    expect(rows[2][0].spill).toBe(0);
    expect(rows[2][2].spill).toBe(0);
    expect(rows[2][2].attrs).toContain('white-space:pre-wrap');
  });

  it('stops at a formula even when it shows nothing, and keeps right-aligned text in its cell', () => {
    expect(rows[3][0].spill).toBe(0);
    expect(rows[3][2].spill).toBe(0);
  });

  it('clips every cell that is not overflowing at its own edge', () => {
    expect(html).toMatch(/td \{[^}]*overflow: hidden/);
    expect(html).toMatch(/td\.spill \{ overflow: visible; \}/);
  });
});

describe('merged cells in the printed sheet', () => {
  const { html } = sheetWith(
    [
      [v('Ведомость за март'), undefined, undefined, undefined],
      [v('№'), v('ФИО'), v('Сумма'), v('Подпись')],
      [v('Итого:'), v('вместе'), v(100), v('А')],
      [undefined, undefined, v(200), v('Б')],
    ],
    (s) => {
      s.merges = [
        { row: 0, col: 0, numRows: 1, numCols: 4 },
        { row: 2, col: 0, numRows: 2, numCols: 2 },
      ];
      s.frozenRows = 2;
    },
  );
  const rows = tableRows(html);

  it('draws a block as one cell spanning its columns and rows, showing its top-left value', () => {
    expect(rows[0]).toHaveLength(1);
    expect(rows[0][0]).toMatchObject({ text: 'Ведомость за март', colspan: 4, rowspan: 1 });
    expect(rows[2][0]).toMatchObject({ text: 'Итого:', colspan: 2, rowspan: 2 });
    // the covered cells are not drawn: the next row starts at the third column
    expect(rows[3].map((td) => td.text)).toEqual(['200', 'Б']);
  });

  it('keeps the merged title within the repeated header rows', () => {
    const thead = /<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? '';
    expect(thead).toContain('colspan="4"');
    expect(thead).toContain('Ведомость за март');
  });

  it('does not let text overflow into a merged block', () => {
    const { html: h } = sheetWith([[v('Длинная подпись слева'), undefined, v('блок'), undefined]], (s) => {
      s.merges = [{ row: 0, col: 2, numRows: 1, numCols: 2 }];
    });
    expect(tableRows(h)[0][0].spill).toBe(1);
  });
});

describe('hidden columns and merges', () => {
  it('counts only the printed columns of a block', () => {
    const { html } = sheetWith([[v('Заголовок'), undefined, undefined, undefined]], (s) => {
      s.merges = [{ row: 0, col: 0, numRows: 1, numCols: 4 }];
      s.hiddenColumns = [2];
      s.rows[1] = [v(1), v(2), v(3), v(4)];
    });
    expect(tableRows(html)[0][0].colspan).toBe(3);
  });
});

describe('spaces and line breaks in a cell', () => {
  it('prints a run of spaces as Sheets shows it, not collapsed to one', async () => {
    const { html } = sheetWith([[v('Главный бухгалтер ____ /                /')], [v('Главный бухгалтер ____ / /')]]);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(html);
      const widths = await page.evaluate(() =>
        Array.from(document.querySelectorAll('td')).map((td) => {
          const range = document.createRange();
          range.selectNodeContents(td);
          return range.getBoundingClientRect().width;
        }),
      );
      // sixteen spaces between the slashes take room that one space does not
      expect(widths[0] - widths[1]).toBeGreaterThan(30);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
