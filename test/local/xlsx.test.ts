import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import { emptySheet, emptyWorkbook, type CellModel, type WorkbookModel } from '../../local/runtime/model';
import { META_SHEET, loadWorkbook, saveWorkbook } from '../../local/store/xlsx';
import { zonedDate } from '../../local/store/moscow-time';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-store-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A workbook that uses every feature the store keeps. */
function fullModel(): WorkbookModel {
  const wb = emptyWorkbook('Клиентская база', 'saraev@proekt-a.ru');
  wb.editors = ['ivanova@proekt-a.ru', 'petrov@proekt-a.ru'];
  wb.documentProperties = { schemaVersion: '3', 'lastId:К': '17' };

  const deals = emptySheet(wb.nextSheetId++, 'Сделки', 500, 24);
  const header = (text: string): CellModel => ({
    value: text,
    fontWeight: 'bold',
    background: '#d9ead3',
    horizontalAlignment: 'center',
    wrap: true,
  });
  deals.rows[0] = [header('ID сделки'), header('Дата'), header('Сумма, руб.'), header('Этап'), header('Готово')];
  deals.rows[1] = [
    { value: 'С-00001', note: 'Создана вручную\nвторая строка' },
    { value: zonedDate(2026, 3, 5), numberFormat: 'dd.MM.yyyy' },
    { value: 1234567.89, numberFormat: '#,##0.00', fontColor: '#cc0000' },
    {
      value: 'Переговоры',
      validation: { kind: 'list', values: ['Новый', 'Переговоры', 'Отказ'], allowInvalid: false, showDropdown: true },
    },
    { value: true, validation: { kind: 'checkbox', allowInvalid: false } },
  ];
  deals.rows[2] = [
    { value: 'С-00002' },
    // a date with a time of day, just before midnight in Moscow (the UTC day is the previous one)
    { value: new Date(Date.UTC(2026, 0, 31, 20, 59, 30)), numberFormat: 'dd.MM.yyyy HH:mm:ss' },
    { value: 0.1 + 0.2, numberFormat: '#,##0.00' },
    {
      value: 'Новый',
      validation: { kind: 'list', values: ['Новый', 'Переговоры', 'Отказ'], allowInvalid: false, showDropdown: true },
    },
    { value: false, validation: { kind: 'checkbox', allowInvalid: false } },
  ];
  // a gap row, then formulas with their last results of every type
  deals.rows[4] = [
    { value: 'Итого', fontWeight: 'normal' },
    { value: zonedDate(2026, 3, 31), formula: '=MAX(B2:B3)', numberFormat: 'dd.MM.yyyy' },
    { value: 1234568.19, formula: '=SUM(C2:C3)', numberFormat: '#,##0.00', fontWeight: 'bold' },
    { value: 'Переговоры', formula: '=D2' },
    { value: true, formula: '=AND(E2,TRUE)' },
    { value: null, formula: '=NOW()-NOW()' },
  ];
  deals.rows[6] = [
    undefined,
    { value: zonedDate(2025, 12, 31), validation: { kind: 'date', allowInvalid: false, helpText: 'Введите дату' } },
    { value: -5, validation: { kind: 'number', allowInvalid: true } },
    {
      value: 'II категория',
      validation: { kind: 'range', rangeA1: "'Настройки'!A2:A5", allowInvalid: false, showDropdown: true },
    },
    // odd values xlsx alone would change: empty text, a number in a date format, a date with no format, named colours
    { value: '' },
    { value: 45000, numberFormat: 'dd.MM.yyyy' },
    { value: zonedDate(2024, 2, 29) },
    { value: 'цвет', fontColor: 'red', background: '#ABCDEF' },
    { value: null, background: '#fff2cc' },
    { value: '  пробелы по краям  ' },
    { value: 'Строка, с запятой', validation: { kind: 'list', values: ['а,б', 'в'], allowInvalid: true } },
  ];
  deals.frozenRows = 1;
  deals.frozenColumns = 2;
  deals.columnWidths = { 0: 100, 1: 88, 4: 37 };
  deals.hiddenColumns = [4];
  deals.tabColor = '#4a86e8';
  deals.protections = [
    {
      type: 'range',
      range: { row: 0, col: 0, numRows: 1, numCols: 24 },
      description: 'Заголовки',
      editors: ['saraev@proekt-a.ru'],
      warningOnly: false,
    },
  ];
  deals.charts = [
    {
      id: 1,
      type: 'column',
      title: 'Воронка',
      rangesA1: ['Сделки!D1:D3', 'Сделки!C1:C3'],
      anchorRow: 8,
      anchorCol: 1,
      width: 600,
      height: 371,
    },
  ];

  const settings = emptySheet(wb.nextSheetId++, 'Настройки', 100, 3);
  settings.rows[0] = [
    { value: 'Параметр', fontWeight: 'bold' },
    { value: 'Значение', fontWeight: 'bold' },
  ];
  settings.rows[1] = [{ value: 'II категория' }, { value: 12000, numberFormat: '#,##0.00' }];
  settings.protections = [
    {
      type: 'sheet',
      description: 'Только директор',
      editors: ['saraev@proekt-a.ru'],
      warningOnly: false,
      unprotected: [{ row: 1, col: 1, numRows: 1, numCols: 1 }],
    },
  ];

  const log = emptySheet(wb.nextSheetId++, 'Журнал', 1000, 9);
  log.hidden = true;
  log.rows[0] = [{ value: 'Время' }];
  log.protections = [{ type: 'sheet', description: 'Журнал', editors: [], warningOnly: true }];

  const payroll = emptySheet(wb.nextSheetId++, 'Зарплата 03.2026', 60, 20);
  payroll.rows[0] = [{ value: 'ООО «Проект-А»' }];
  payroll.rows[3] = [
    { value: '№ п/п', fontWeight: 'bold' },
    { value: 'ФИО', fontWeight: 'bold' },
  ];
  payroll.print = { landscape: true, fitToWidth: true, gridlines: false, repeatRows: 4 };

  wb.sheets = [deals, settings, log, payroll];
  wb.namedRanges = [
    { name: 'Ставки', sheetName: 'Настройки', row: 1, col: 1, numRows: 3, numCols: 1 },
    { name: 'Шапка_сделок', sheetName: 'Сделки', row: 0, col: 0, numRows: 1, numCols: 5 },
  ];
  return wb;
}

describe('xlsx workbook store', () => {
  it('round-trips a model using every kept feature to a deep-equal model, dates included', async () => {
    const model = fullModel();
    const file = path.join(dir, 'full.xlsx');
    await saveWorkbook(model, file);
    const loaded = await loadWorkbook(file);
    expect(loaded).toEqual(model);
    // toEqual treats Dates by value; check one explicitly to be sure they are real Dates
    expect(loaded.sheets[0].rows[1]![1]!.value).toBeInstanceOf(Date);
    expect((loaded.sheets[0].rows[2]![1]!.value as Date).toISOString()).toBe('2026-01-31T20:59:30.000Z');
    expect(loaded.sheets.map((s) => s.name)).not.toContain(META_SHEET);
  });

  it('writes a valid xlsx that exceljs re-reads with formulas, results and Moscow calendar days', async () => {
    const file = path.join(dir, 'native.xlsx');
    await saveWorkbook(fullModel(), file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Сделки')!;
    expect(ws.getCell('C5').value).toEqual({ formula: 'SUM(C2:C3)', result: 1234568.19 });
    expect(ws.getCell('D5').value).toEqual({ formula: 'D2', result: 'Переговоры' });
    // 5 March in Moscow is stored as the serial of 5 March, not 4 March 21:00 UTC
    expect((ws.getCell('B2').value as Date).toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(ws.getCell('B2').numFmt).toBe('dd.MM.yyyy');
    expect(ws.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['"Новый,Переговоры,Отказ"'] });
    expect(ws.getCell('A2').note).toBeDefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 });
    expect(ws.getColumn(5).hidden).toBe(true);
    expect(wb.getWorksheet('Журнал')!.state).toBe('hidden');
    expect(wb.getWorksheet(META_SHEET)!.state).toBe('veryHidden');
    const settings = wb.getWorksheet('Настройки') as unknown as { sheetProtection: unknown };
    expect(settings.sheetProtection).toMatchObject({ sheet: true });
    expect(wb.getWorksheet('Настройки')!.getCell('B2').protection).toMatchObject({ locked: false });
    const print = wb.getWorksheet('Зарплата 03.2026')!.pageSetup;
    expect(print).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(print.showGridLines).toBeFalsy();
    expect(print.printTitlesRow).toBe('1:4');
    const names = wb.definedNames.model as Array<{ name: string; ranges: string[] }>;
    expect(names.find((n) => n.name === 'Ставки')?.ranges).toEqual(["'Настройки'!$B$2:$B$4"]);
  });

  it('loads a plain xlsx without the store metadata from its native parts', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Клиенты', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.getCell('A1').value = 'ID клиента';
    ws.getCell('A1').font = { bold: true };
    ws.getCell('B2').value = { formula: 'A2&"!"', result: 'К-00001!' };
    ws.getCell('A2').value = 'К-00001';
    ws.getCell('C2').value = new Date(Date.UTC(2026, 2, 5));
    ws.getCell('C2').numFmt = 'dd.mm.yyyy';
    ws.getCell('D2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"Юрлицо,ИП"'] };
    const file = path.join(dir, 'foreign.xlsx');
    await wb.xlsx.writeFile(file);

    const model = await loadWorkbook(file);
    const sheet = model.sheets[0];
    expect(sheet.name).toBe('Клиенты');
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.rows[0]![0]).toEqual({ value: 'ID клиента', fontWeight: 'bold' });
    expect(sheet.rows[1]![1]).toEqual({ value: 'К-00001!', formula: '=A2&"!"' });
    expect(sheet.rows[1]![2]!.value).toEqual(zonedDate(2026, 3, 5));
    expect(sheet.rows[1]![3]!.validation).toMatchObject({ kind: 'list', values: ['Юрлицо', 'ИП'] });
  });

  it('keeps merged blocks: native Excel merges that round-trip with the formats of covered cells', async () => {
    const wb = emptyWorkbook('Ведомость', 'saraev@proekt-a.ru');
    const sheet = emptySheet(wb.nextSheetId++, 'Зарплата 03.2026');
    sheet.rows[0] = [
      { value: 'Расчётно-платёжная ведомость за март 2026 г.', fontWeight: 'bold' },
      { value: null, fontWeight: 'bold' },
      { value: null, fontWeight: 'bold' },
    ];
    sheet.rows[2] = [{ value: 'Итого к выплате прописью:' }, { value: 'Двенадцать тысяч рублей 00 копеек' }];
    sheet.merges = [
      { row: 0, col: 0, numRows: 1, numCols: 3 },
      { row: 2, col: 1, numRows: 2, numCols: 4 },
    ];
    wb.sheets.push(sheet);
    const file = path.join(dir, 'merges.xlsx');
    await saveWorkbook(wb, file);
    expect(await loadWorkbook(file)).toEqual(wb);

    const native = new ExcelJS.Workbook();
    await native.xlsx.readFile(file);
    const ws = native.getWorksheet('Зарплата 03.2026')!;
    expect((ws.model as { merges: string[] }).merges.sort()).toEqual(['A1:C1', 'B3:E4']);
    expect(ws.getCell('B1').isMerged).toBe(true);
  });

  it('reads the merges of a plain xlsx without repeating the block value into covered cells', async () => {
    const native = new ExcelJS.Workbook();
    const ws = native.addWorksheet('Лист1');
    ws.getCell('A1').value = 'Заголовок';
    ws.mergeCells('A1:D1');
    ws.getCell('A2').value = 1;
    const file = path.join(dir, 'foreign-merges.xlsx');
    await native.xlsx.writeFile(file);
    const sheet = (await loadWorkbook(file)).sheets[0];
    expect(sheet.merges).toEqual([{ row: 0, col: 0, numRows: 1, numCols: 4 }]);
    expect(sheet.rows[0]![0]!.value).toBe('Заголовок');
    expect(sheet.rows[0]!.slice(1).every((c) => c === undefined || c.value === null)).toBe(true);
  });

  it('replaces the file atomically and leaves no temporary file behind', async () => {
    const file = path.join(dir, 'atomic.xlsx');
    await saveWorkbook(fullModel(), file);
    const changed = fullModel();
    changed.sheets[0].rows[1]![0] = { value: 'С-00099' };
    await saveWorkbook(changed, file);
    expect(fs.readdirSync(dir).filter((f) => f.includes('atomic'))).toEqual(['atomic.xlsx']);
    expect((await loadWorkbook(file)).sheets[0].rows[1]![0]!.value).toBe('С-00099');
  });

  it('round-trips a 20 000-row sheet', async () => {
    const wb = emptyWorkbook('Большая', 'saraev@proekt-a.ru');
    const sheet = emptySheet(wb.nextSheetId++, 'Контакты', 20_001, 7);
    sheet.rows[0] = ['Дата', 'ID клиента', 'Сумма', 'Этап'].map((h) => ({ value: h, fontWeight: 'bold' as const }));
    const stage = { kind: 'list' as const, values: ['Новый', 'Отказ'], allowInvalid: false, showDropdown: true };
    for (let i = 1; i <= 20_000; i++) {
      sheet.rows[i] = [
        { value: zonedDate(2025, 1 + (i % 12), 1 + (i % 28)), numberFormat: 'dd.MM.yyyy' },
        { value: `К-${String(i % 200).padStart(5, '0')}` },
        { value: i * 1.25, numberFormat: '#,##0.00' },
        { value: i % 2 ? 'Новый' : 'Отказ', validation: stage },
      ];
    }
    sheet.frozenRows = 1;
    wb.sheets = [sheet];
    const file = path.join(dir, 'big.xlsx');
    const started = Date.now();
    await saveWorkbook(wb, file);
    const saved = Date.now();
    const loaded = await loadWorkbook(file);
    console.log(`20 000 rows: save ${saved - started} ms, load ${Date.now() - saved} ms`);
    expect(loaded).toEqual(wb);
  }, 120_000);
});
