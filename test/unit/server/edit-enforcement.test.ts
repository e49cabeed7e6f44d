/**
 * The sheet path of the funnel and the client rules (domain section 2), called directly over the
 * local runtime's services (not through dist/Code.js), so a change to edit-enforcement.ts is seen.
 * An edit is what Sheets does: the cells change, then onEdit gets the edited range (and, for one
 * cell, its value and old value).
 */
import type { LocalRuntimeSession } from '../../../local/runtime';
import { CrmContext } from '../../../src/server/crm/crm-context';
import { enforceEdit, loadClients, NOTE_PREFIX } from '../../../src/server/crm/edit-enforcement';
import { SHEETS } from '../../../src/domain/workbook/schema';
import { installRuntime, uninstallRuntime } from '../adapter/runtime-services';
import { headersOf } from '../../helpers/workbook';
import { changedSinceComputed, markComputed } from '../../../src/adapter/pay-changes';
import { MEMORY_SHEET, ValueMemory } from '../../../src/adapter/value-memory';
import {
  CLIENT_A,
  cell,
  columnOf,
  crmWorkbook,
  DIRECTOR,
  fullDeal,
  IVANOV,
  offerWorkbook,
  PETROVA,
  rowsOf,
  sheetOf,
  type Row,
} from '../../crm/crm-workbook';

const D = SHEETS.deals;
const C = SHEETS.clients;
const CL = SHEETS.claims;

let session: LocalRuntimeSession;
let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;

function open(options: Parameters<typeof crmWorkbook>[0] = {}) {
  session = installRuntime(crmWorkbook(options));
  ss = SpreadsheetApp.getActiveSpreadsheet();
}
afterEach(uninstallRuntime);

/** A person's edit: `values` typed or pasted at (row, header) of `sheet`, then onEdit as Sheets calls it. */
function edit(user: string, sheet: string, row: number, header: string, values: unknown[][]): void {
  const range = ss
    .getSheetByName(sheet)!
    .getRange(row, columnOf(session.workbook, sheet, header), values.length, values[0].length);
  const single = values.length === 1 && values[0].length === 1;
  const oldValue = single ? range.getValue() : undefined;
  range.setValues(values);
  const e = single ? { range, value: values[0][0], ...(oldValue === '' ? {} : { oldValue }) } : { range };
  enforceEdit(new CrmContext(ss, user), e);
}
const at = (sheet: string, row: number, header: string) => cell(session.workbook, sheet, row, header) ?? '';
const noteAt = (sheet: string, row: number, header: string) =>
  session.workbook.sheets.find((s) => s.name === sheet)!.rows[row - 1]?.[columnOf(session.workbook, sheet, header) - 1]
    ?.note;
const lastLog = () => rowsOf(session.workbook, SHEETS.log).slice(-1)[0];
const toasts = () => session.takeUiEvents().filter((e) => e.type === 'toast');
/** How many times `run` opens the memory tab: each read of the memory starts with it. */
function memoryReads(run: () => void): number {
  let reads = 0;
  const stop = session.onServiceCall((call, args) => {
    if (call === 'Spreadsheet.getSheetByName' && args[0] === MEMORY_SHEET) reads++;
  });
  try {
    run();
  } finally {
    stop();
  }
  return reads;
}
/** The values `run` writes to cells, each call's as a grid (a setValue as a grid of one). */
function valuesWritten(run: () => void): unknown[][][] {
  const writes: unknown[][][] = [];
  const stop = session.onServiceCall((call, args) => {
    if (call === 'Range.setValues') writes.push(args[0] as unknown[][]);
    if (call === 'Range.setValue') writes.push([[args[0]]]);
  });
  try {
    run();
  } finally {
    stop();
  }
  return writes;
}
const midnight = () => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
};

describe('«Этап» typed in a cell', () => {
  it('moves forward one stage with its fields filled, stamps «Дата этапа» and logs it with the history', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено']]);
    expect(at(D, 2, 'Этап')).toBe('КП отправлено');
    expect(at(D, 2, 'Дата этапа')).toEqual(midnight());
    expect(lastLog()).toMatchObject({
      Пользователь: IVANOV,
      Действие: 'Смена этапа',
      Лист: D,
      ID: 'С-00001',
      Поле: 'Этап',
      Было: 'Переговоры',
      Стало: 'КП отправлено',
      Комментарий: 'Изменено в ячейке',
    });
    expect(rowsOf(session.workbook, SHEETS.stageHistory).slice(-1)[0]).toMatchObject({
      'ID сделки': 'С-00001',
      Клиент: 'ООО «Тепло»',
      Было: 'Переговоры',
      Стало: 'КП отправлено',
      Пользователь: IVANOV,
      Способ: 'Лист',
    });
  });

  it('reverts a skipped stage with a note, a toast naming the deal, and a logged refusal', () => {
    open({ deals: [fullDeal('С-00001', 'Новый')] });
    session.takeUiEvents();
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    expect(at(D, 2, 'Этап')).toBe('Новый');
    expect(noteAt(D, 2, 'Этап')).toMatch(new RegExp(`^${NOTE_PREFIX}этап «Переговоры» не принят: .*нельзя пропускать`));
    const shown = toasts();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      title: 'Изменение не принято',
      message: expect.stringMatching(/^С-00001: этап «Переговоры» не принят\. [А-Я]/),
    });
    expect(lastLog()).toMatchObject({
      Действие: 'Отклонена смена этапа',
      ID: 'С-00001',
      Было: 'Новый',
      Стало: 'Переговоры',
    });
    // the next accepted move clears the add-on's note
    edit(IVANOV, D, 2, 'Этап', [['Потребность выявлена']]);
    expect(at(D, 2, 'Этап')).toBe('Потребность выявлена');
    expect(noteAt(D, 2, 'Этап') ?? '').toBe('');
  });

  it('notes a refusal of one typed cell on the edited cell itself, without looking the cell up again', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    const range = ss.getSheetByName(D)!.getRange(2, columnOf(session.workbook, D, 'Этап'));
    range.setValue('Договор заключён');
    session.resetCalls();
    enforceEdit(new CrmContext(ss, IVANOV), { range, value: 'Договор заключён', oldValue: 'Переговоры' });
    expect([at(D, 2, 'Этап'), noteAt(D, 2, 'Этап')?.startsWith(NOTE_PREFIX)]).toEqual(['Переговоры', true]);
    // the ranges the edit reads and writes (the row, the memory, the log, the history); the note is on `range`
    expect(session.calls()['Sheet.getRange']).toBe(10);
  });

  it('names the missing fields of the stage', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры', { 'Сумма КП, руб.': '', 'Дата КП': '' })] });
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено']]);
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
    expect(noteAt(D, 2, 'Этап')).toMatch(/Сумма КП, руб\..*Дата КП/);
  });

  it('allows a move back, logged as such', () => {
    open({ deals: [fullDeal('С-00001', 'КП отправлено')] });
    edit(IVANOV, D, 2, 'Этап', [['Потребность выявлена']]);
    expect(at(D, 2, 'Этап')).toBe('Потребность выявлена');
    expect(lastLog()).toMatchObject({ Действие: 'Возврат сделки на этап', Было: 'КП отправлено' });
  });

  it('refuses a cleared stage, a word that is not a stage and a formula', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['']]);
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
    expect(noteAt(D, 2, 'Этап')).toBe(
      `${NOTE_PREFIX}этап «» не принят: этап нельзя очистить; чтобы закрыть сделку, выберите «Отказ»`,
    );
    expect(toasts().map((t) => (t as { message: string }).message)).toEqual([
      expect.stringContaining('С-00001: этап «(пусто)» не принят. Этап нельзя очистить'),
    ]);
    edit(IVANOV, D, 2, 'Этап', [['Почти договор']]);
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
    expect(noteAt(D, 2, 'Этап')).toBe(
      `${NOTE_PREFIX}этап «Почти договор» не принят: «Почти договор» — не этап воронки; выберите этап из списка`,
    );
    const range = ss.getSheetByName(D)!.getRange(2, columnOf(session.workbook, D, 'Этап'));
    range.setFormula('="КП отправлено"');
    enforceEdit(new CrmContext(ss, IVANOV), { range });
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
    expect(noteAt(D, 2, 'Этап')).toMatch(/в «Этап» нельзя формулу: выберите этап из списка/);
  });

  it('refuses a move of another specialist’s deal, and lets the director make it', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(PETROVA, D, 2, 'Этап', [['КП отправлено']]);
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
    expect(lastLog()).toMatchObject({ Пользователь: PETROVA, Действие: 'Отклонена смена этапа' });
    edit(DIRECTOR, D, 2, 'Этап', [['КП отправлено']]);
    expect(at(D, 2, 'Этап')).toBe('КП отправлено');
  });

  it('«Отказ» needs its reason; a reopened deal goes back only to the stage it was lost at and loses the reason', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Отказ']]);
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
    expect(noteAt(D, 2, 'Этап')).toMatch(/Причина отказа/);
    edit(IVANOV, D, 2, 'Причина отказа', [['Цена']]);
    edit(IVANOV, D, 2, 'Этап', [['Отказ']]);
    expect(at(D, 2, 'Этап')).toBe('Отказ');
    edit(IVANOV, D, 2, 'Этап', [['Новый']]);
    expect(at(D, 2, 'Этап')).toBe('Отказ');
    expect(noteAt(D, 2, 'Этап')).toMatch(/только на этап, где она была проиграна: «Переговоры»/);
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
    expect(at(D, 2, 'Причина отказа')).toBe('');
    expect(
      rowsOf(session.workbook, SHEETS.log)
        .filter((r) => r['Действие'] === 'Сделка возвращена из «Отказ»')
        .map((r) => r['Поле']),
    ).toEqual(['Причина отказа']);
  });

  it('makes a «Потенциальный» client a «Клиент» when a deal reaches «Договор заключён»', () => {
    open({ deals: [fullDeal('С-00001', 'Согласование договора')] });
    edit(IVANOV, D, 2, 'Этап', [['Договор заключён']]);
    expect(at(D, 2, 'Этап')).toBe('Договор заключён');
    expect(at(C, 2, 'Статус клиента')).toBe('Клиент');
    expect(lastLog()).toMatchObject({
      Действие: 'Статус клиента',
      Лист: C,
      ID: 'К-00001',
      Было: 'Потенциальный',
      Стало: 'Клиент',
      Комментарий: 'Договор заключён',
    });
  });
});

describe('a signed contract', () => {
  it('goes back to an earlier stage only by the director', () => {
    open({ deals: [fullDeal('С-00001', 'Исполнение')] });
    edit(IVANOV, D, 2, 'Этап', [['Согласование договора']]);
    expect(at(D, 2, 'Этап')).toBe('Исполнение');
    expect(noteAt(D, 2, 'Этап')).toBe(
      'CRM: этап «Согласование договора» не принят: сделку с заключённым договором («Исполнение») вернуть на прежний этап может только директор',
    );
    edit(DIRECTOR, D, 2, 'Этап', [['Согласование договора']]);
    expect(at(D, 2, 'Этап')).toBe('Согласование договора');
  });
});

describe('a paste over «Этап»', () => {
  it('keeps the valid stages, reverts the others, and logs each as a paste', () => {
    open({
      deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Новый'), fullDeal('С-00003', 'Переговоры')],
    });
    // the memory of the last valid stages is made by the first edit of each deal
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено'], ['Исполнение'], ['Потребность выявлена']]);
    expect([at(D, 2, 'Этап'), at(D, 3, 'Этап'), at(D, 4, 'Этап')]).toEqual([
      'КП отправлено',
      'Новый',
      'Потребность выявлена',
    ]);
    const log = rowsOf(session.workbook, SHEETS.log);
    expect(log.filter((r) => r['Комментарий'] === 'Вставка или протягивание').map((r) => r['ID'])).toEqual([
      'С-00001',
      'С-00003',
    ]);
    expect(log.find((r) => r['ID'] === 'С-00002' && r['Действие'] === 'Отклонена смена этапа')).toBeDefined();
  });
});

describe('IDs', () => {
  it('gives a deal typed by hand the next ID, logged as a new deal, and starts it at «Новый» as the sidebar does', () => {
    open({ deals: [fullDeal('С-00007', 'Переговоры')] });
    session.takeUiEvents();
    edit(IVANOV, D, 3, 'ID клиента', [['К-00001']]);
    expect([at(D, 3, 'Этап'), at(D, 3, 'Дата этапа'), noteAt(D, 3, 'Этап') ?? '', toasts()]).toEqual([
      'Новый',
      midnight(),
      '',
      [],
    ]);
    expect(at(D, 3, 'ID сделки')).toBe('С-00008');
    expect(rowsOf(session.workbook, SHEETS.stageHistory).slice(-1)[0]).toMatchObject({
      'ID сделки': 'С-00008',
      Было: null,
      Стало: 'Новый',
      Способ: 'Лист',
    });
    // the next stage is checked from «Новый»: its fields first
    edit(IVANOV, D, 3, 'Этап', [['Переговоры']]);
    expect(at(D, 3, 'Этап')).toBe('Новый');
    expect(rowsOf(session.workbook, SHEETS.log).find((r) => r['Действие'] === 'Новая сделка')).toMatchObject({
      ID: 'С-00008',
      Поле: 'ID сделки',
      Было: null,
      Стало: 'С-00008',
      Комментарий: 'Строка введена в таблице',
    });
  });

  it('an edit checks its own rows only: a row below it that has no ID yet is left for its own edit', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('', 'Переговоры'), fullDeal('', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено']]);
    expect([at(D, 2, 'Этап'), at(D, 3, 'ID сделки'), at(D, 4, 'ID сделки')]).toEqual(['КП отправлено', '', '']);
  });

  it('puts back an ID changed by hand, and logs and tells it', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    session.takeUiEvents();
    edit(IVANOV, D, 2, 'ID сделки', [['С-00099']]);
    expect(at(D, 2, 'ID сделки')).toBe('С-00001');
    expect(lastLog()).toMatchObject({
      Действие: 'Отклонена смена ID',
      ID: 'С-00001',
      Было: 'С-00001',
      Стало: 'С-00099',
      Комментарий: 'ID даёт надстройка; изменить его нельзя',
    });
    expect(toasts()).toEqual([
      expect.objectContaining({
        message: 'ID даёт надстройка, изменить его нельзя: прежний ID возвращён.',
        title: 'CRM',
      }),
    ]);
  });

  it('the same ID typed again over itself changes nothing, with no log and no toast', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    session.takeUiEvents();
    edit(IVANOV, D, 2, 'ID сделки', [['С-00001']]);
    expect([at(D, 2, 'ID сделки'), ss.getSheetByName(SHEETS.log), toasts()]).toEqual(['С-00001', null, []]);
  });

  it('an ID two rows hold, changed by hand in one of them, does not come back there: that row gets a new ID', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 3, 'ID сделки', [['сделка 5']]);
    expect([at(D, 2, 'ID сделки'), at(D, 3, 'ID сделки')]).toEqual(['С-00001', 'С-00002']);
    expect(rowsOf(session.workbook, SHEETS.log).find((r) => r['Действие'] === 'Новый ID')).toMatchObject({
      Было: 'сделка 5',
      Стало: 'С-00002',
      Комментарий: '«сделка 5» — не ID надстройки; строке дан новый ID',
    });
  });

  it('an edit of a stage leaves the row’s ID alone, even one another row holds too', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 3, 'Этап', [['КП отправлено']]);
    expect([at(D, 2, 'ID сделки'), at(D, 3, 'ID сделки'), at(D, 3, 'Этап')]).toEqual([
      'С-00001',
      'С-00001',
      'КП отправлено',
    ]);
  });

  it('a copy pasted right above its original gets the new ID, and the original keeps its own', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'КП отправлено')] });
    const copy = ss.getSheetByName(D)!.getRange(3, 1, 1, 5).getValues();
    edit(IVANOV, D, 2, 'ID сделки', copy);
    expect([at(D, 2, 'ID сделки'), at(D, 3, 'ID сделки')]).toEqual(['С-00003', 'С-00002']);
    expect(rowsOf(session.workbook, SHEETS.log).find((r) => r['Действие'] === 'Новый ID')).toMatchObject({
      Было: 'С-00002',
      Стало: 'С-00003',
      Комментарий: 'ID С-00002 уже есть в другой строке; вставленной строке дан новый ID',
    });
  });

  it('a copy in the last row of a paste, its original right below the paste, gets the new ID', () => {
    open({
      deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры'), fullDeal('С-00003', 'Переговоры')],
    });
    const rows = ss.getSheetByName(D)!.getRange(2, 1, 3, 5).getValues();
    // rows 2 and 3 get row 2 as it is and a copy of row 4
    edit(IVANOV, D, 2, 'ID сделки', [rows[0], rows[2]]);
    expect([at(D, 2, 'ID сделки'), at(D, 3, 'ID сделки'), at(D, 4, 'ID сделки')]).toEqual([
      'С-00001',
      'С-00004',
      'С-00003',
    ]);
  });

  it('gives a pasted copy of a row a new ID, and a pasted ID not of the add-on’s form one too', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    const copy = ss.getSheetByName(D)!.getRange(2, 1, 1, 5).getValues();
    edit(IVANOV, D, 3, 'ID сделки', copy);
    expect(at(D, 2, 'ID сделки')).toBe('С-00001');
    expect(at(D, 3, 'ID сделки')).toBe('С-00002');
    const byAction = (action: string) => rowsOf(session.workbook, SHEETS.log).filter((r) => r['Действие'] === action);
    // the pasted row is a new deal: its «Переговоры» is refused, it starts at «Новый»
    expect(at(D, 3, 'Этап')).toBe('Новый');
    expect(byAction('Новый ID')[0]).toMatchObject({
      Было: 'С-00001',
      Стало: 'С-00002',
      Комментарий: 'ID С-00001 уже есть в другой строке; вставленной строке дан новый ID',
    });
    edit(IVANOV, D, 4, 'ID сделки', [['сделка 5', 'К-00001']]);
    expect(at(D, 4, 'ID сделки')).toBe('С-00003');
    expect(byAction('Новый ID')[1]).toMatchObject({
      Было: 'сделка 5',
      Комментарий: '«сделка 5» — не ID надстройки; строке дан новый ID',
    });
  });
});

describe('IDs in a paste of whole rows', () => {
  it('a row whose ID was pasted over gets back its own, matched by what the memory keeps of it', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'КП отправлено')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 3, 'ID сделки', [['С-00005', 'К-00001']]);
    expect(at(D, 3, 'ID сделки')).toBe('С-00002');
    expect(at(D, 3, 'Этап')).toBe('КП отправлено');
    expect(lastLog()).toMatchObject({
      Действие: 'Отклонена смена ID',
      ID: 'С-00002',
      Стало: 'С-00005',
      Комментарий: 'ID даёт надстройка; изменить его нельзя, и вставкой тоже: строке возвращён её ID',
    });
  });

  it('a pasted ID the add-on never gave makes a new deal, checked as new', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 3, 'ID сделки', [['С-00005', 'К-00001']]);
    // the next after the highest in the column
    expect(at(D, 3, 'ID сделки')).toBe('С-00006');
    expect(rowsOf(session.workbook, SHEETS.log).find((r) => r['Действие'] === 'Новый ID')).toMatchObject({
      Было: 'С-00005',
      Стало: 'С-00006',
      Комментарий:
        'ID С-00005 надстройка не выдавала (вставлен вручную); строке дан новый ID, она проверяется как новая',
    });
  });
});

describe('clients', () => {
  const KEY: Row = { ...CLIENT_A, 'ID клиента': 'К-00002', 'Статус клиента': 'Ключевой', Ответственный: IVANOV };

  it('a client typed by hand gets an ID, today’s date and «Потенциальный»', () => {
    open();
    edit(IVANOV, C, 3, 'Клиент', [['ИП Смирнов']]);
    expect([at(C, 3, 'ID клиента'), at(C, 3, 'Статус клиента'), at(C, 3, 'Дата создания')]).toEqual([
      'К-00002',
      'Потенциальный',
      midnight(),
    ]);
    expect(rowsOf(session.workbook, SHEETS.log).find((r) => r['Действие'] === 'Новый клиент')).toMatchObject({
      ID: 'К-00002',
    });
  });

  it('only the director makes a client «Ключевой»', () => {
    open();
    edit(IVANOV, C, 2, 'Статус клиента', [['Ключевой']]);
    expect(at(C, 2, 'Статус клиента')).toBe('Потенциальный');
    expect(noteAt(C, 2, 'Статус клиента')).toMatch(/^CRM: статус «Ключевой» не принят: /);
    expect(lastLog()).toMatchObject({ Действие: 'Отклонена смена статуса', Было: 'Потенциальный', Стало: 'Ключевой' });
    edit(DIRECTOR, C, 2, 'Статус клиента', [['Ключевой']]);
    expect(at(C, 2, 'Статус клиента')).toBe('Ключевой');
    expect(lastLog()).toMatchObject({ Действие: 'Статус клиента', Было: 'Потенциальный', Стало: 'Ключевой' });
    edit(DIRECTOR, C, 2, 'Статус клиента', [['']]);
    expect(at(C, 2, 'Статус клиента')).toBe('Ключевой');
    expect(noteAt(C, 2, 'Статус клиента')).toMatch(/статус клиента нельзя очистить/);
  });

  it('a discount only for a key client, never above the maximum, and no formula', () => {
    open({ clients: [CLIENT_A, KEY] });
    edit(IVANOV, C, 2, 'Скидка, %', [[5]]);
    expect(at(C, 2, 'Скидка, %')).toBe('');
    expect(noteAt(C, 2, 'Скидка, %')).toMatch(/^CRM: скидка «5» не принята: /);
    expect(lastLog()).toMatchObject({ Действие: 'Отклонена скидка', Стало: '5' });
    edit(IVANOV, C, 3, 'Скидка, %', [[10]]);
    expect(at(C, 3, 'Скидка, %')).toBe(10);
    expect(lastLog()).toMatchObject({ Действие: 'Скидка', Было: null, Стало: '10' });
    edit(IVANOV, C, 3, 'Скидка, %', [[16]]);
    expect(at(C, 3, 'Скидка, %')).toBe(10);
    expect(noteAt(C, 3, 'Скидка, %')).toMatch(/15/);
    const range = ss.getSheetByName(C)!.getRange(3, columnOf(session.workbook, C, 'Скидка, %'));
    range.setFormula('=5');
    enforceEdit(new CrmContext(ss, IVANOV), { range });
    expect(at(C, 3, 'Скидка, %')).toBe(10);
    expect(noteAt(C, 3, 'Скидка, %')).toMatch(/в «Скидка, %» нельзя формулу: введите число/);
  });
});

describe('claims', () => {
  it('a claim typed by hand gets its ID, «Новая» and the deadline of «Дата» plus the set days', () => {
    open({ claims: [] });
    edit(IVANOV, CL, 2, 'Дата', [[new Date(2026, 2, 2)]]);
    expect([at(CL, 2, 'ID'), at(CL, 2, 'Статус')]).toEqual(['П-00001', 'Новая']);
    expect(at(CL, 2, 'Срок ответа')).toBeInstanceOf(Date);
    expect(rowsOf(session.workbook, SHEETS.log).find((r) => r['Действие'] === 'Новая претензия')).toMatchObject({
      ID: 'П-00001',
    });
  });
});

describe('the tabs that decide pay, and the deal lines', () => {
  it('an edit of «Табель» marks its month changed since its calculation', () => {
    open();
    sheetOf(session.workbook, SHEETS.timesheet, headersOf('timesheet'), [
      { Месяц: '2026-03', 'Сотрудник (Таб. №)': '2', 'Отработано дней': 20 },
    ]);
    markComputed('2026-03', new Date(Date.now() - 60_000));
    markComputed('2026-04', new Date(Date.now() - 60_000));
    edit(IVANOV, SHEETS.timesheet, 2, 'Отработано дней', [[21]]);
    expect(changedSinceComputed('2026-03')?.sheets).toEqual(['Табель']);
    expect(changedSinceComputed('2026-04')?.sheets).toEqual(['Табель']);
  });

  it('an article typed on «Позиции сделок» that «Прайс» does not have gets a note', () => {
    session = installRuntime(offerWorkbook());
    ss = SpreadsheetApp.getActiveSpreadsheet();
    sheetOf(session.workbook, SHEETS.dealLines, headersOf('dealLines'), []);
    edit(IVANOV, SHEETS.dealLines, 2, 'ID сделки', [['С-00001', 'ХХ-99']]);
    expect(noteAt(SHEETS.dealLines, 2, 'Артикул')).toMatch(/товара с артикулом «ХХ-99» нет в листе «Прайс»/);
  });
});

describe('other tabs', () => {
  it('an edit of a tab the add-on does not enforce changes nothing', () => {
    open();
    session.resetCalls();
    edit(IVANOV, SHEETS.contacts, 2, 'Результат', [['договорились']]);
    expect(session.workbook.sheets.some((s) => s.name === SHEETS.log && s.rows.length > 1)).toBe(false);
    // not even read: no lock waited for, no row read besides the edit itself
    expect(session.calls()['LockService.getDocumentLock']).toBeUndefined();
    expect(session.calls()['Range.getValues']).toBeUndefined();
  });

  it('an edit of the header row is left alone', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 1, 'Этап', [['Этап']]);
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
  });
});

describe('fields only the director changes', () => {
  it('a specialist cannot hand a deal to someone else; the director can, and it is logged', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Ответственный', [[PETROVA]]);
    expect(at(D, 2, 'Ответственный')).toBe(IVANOV);
    expect(noteAt(D, 2, 'Ответственный')).toMatch(new RegExp(`^CRM: «${PETROVA}» не принято: `));
    expect(lastLog()).toMatchObject({
      Пользователь: IVANOV,
      Действие: 'Отклонено изменение поля',
      ID: 'С-00001',
      Поле: 'Ответственный',
      Было: IVANOV,
      Стало: PETROVA,
    });
    edit(DIRECTOR, D, 2, 'Ответственный', [[PETROVA]]);
    expect(at(D, 2, 'Ответственный')).toBe(PETROVA);
    expect(noteAt(D, 2, 'Ответственный') ?? '').toBe('');
    expect(lastLog()).toMatchObject({
      Пользователь: DIRECTOR,
      Действие: 'Изменение поля',
      Поле: 'Ответственный',
      Было: IVANOV,
      Стало: PETROVA,
      Комментарий: 'Изменено в ячейке',
    });
  });

  it('the amount of a signed contract is the director’s; before signing the specialist types it', () => {
    open({ deals: [fullDeal('С-00001', 'Договор заключён'), fullDeal('С-00002', 'Согласование договора')] });
    edit(IVANOV, D, 2, 'Сумма договора, руб.', [[900000]]);
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(470000);
    expect(lastLog()).toMatchObject({ Действие: 'Отклонено изменение поля', Поле: 'Сумма договора, руб.' });
    edit(IVANOV, D, 3, 'Сумма договора, руб.', [[480000]]);
    expect(at(D, 3, 'Сумма договора, руб.')).toBe(480000);
    edit(DIRECTOR, D, 2, 'Сумма договора, руб.', [[460000]]);
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(460000);
    expect(lastLog()).toMatchObject({ Действие: 'Изменение поля', Было: '470000', Стало: '460000' });
  });

  it('several refusals in one paste make one toast naming the deals', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 3, 'Этап', [['Переговоры']]);
    session.takeUiEvents();
    edit(IVANOV, D, 2, 'Ответственный', [[PETROVA], [PETROVA]]);
    expect([at(D, 2, 'Ответственный'), at(D, 3, 'Ответственный')]).toEqual([IVANOV, IVANOV]);
    expect(toasts()).toEqual([
      expect.objectContaining({
        message: 'Не принято изменений: 2 (С-00001, С-00002). Причины — в примечаниях к ячейкам.',
      }),
    ]);
  });

  it('a client keeps a phone or an e-mail', () => {
    open();
    edit(IVANOV, C, 2, 'Email', [['']]);
    expect(at(C, 2, 'Email')).toBe('');
    edit(IVANOV, C, 2, 'Телефон', [['']]);
    expect(at(C, 2, 'Телефон')).toBe('+79123456789');
    expect(lastLog()).toMatchObject({
      Действие: 'Отклонено изменение поля',
      Поле: 'Телефон',
      Комментарий: 'у клиента должен остаться телефон или e-mail',
    });
  });
});

describe('guarded fields in a paste and as formulas', () => {
  it('an owner pasted over a deal the memory has no owner for is taken as it stands', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры')] });
    const memoryTabs = () => session.workbook.sheets.filter((s) => s.hidden).length;
    expect(memoryTabs()).toBe(0);
    edit(DIRECTOR, D, 2, 'Ответственный', [[PETROVA], [PETROVA]]);
    expect([at(D, 2, 'Ответственный'), at(D, 3, 'Ответственный')]).toEqual([PETROVA, PETROVA]);
    // now known: Иванов cannot take them back
    edit(IVANOV, D, 2, 'Ответственный', [[IVANOV], [IVANOV]]);
    expect([at(D, 2, 'Ответственный'), at(D, 3, 'Ответственный')]).toEqual([PETROVA, PETROVA]);
  });

  it('a formula typed into «Ответственный» goes, and the owner stays', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    const range = ss.getSheetByName(D)!.getRange(2, columnOf(session.workbook, D, 'Ответственный'));
    range.setFormula(`="${PETROVA}"`);
    enforceEdit(new CrmContext(ss, DIRECTOR), { range });
    expect(range.getFormula()).toBe('');
    expect(at(D, 2, 'Ответственный')).toBe(IVANOV);
    expect(noteAt(D, 2, 'Ответственный')).toMatch(/^CRM: «petrova@proekt-a\.ru» не принято: .*формул/);
  });

  it('an edit of a client’s plain field is not checked or logged', () => {
    open();
    edit(IVANOV, C, 2, 'Город', [['Казань']]);
    expect(at(C, 2, 'Город')).toBe('Казань');
    expect(session.workbook.sheets.find((s) => s.name === SHEETS.log)).toBeUndefined();
  });
});

describe('a paste over deals whose earlier stage is unknown', () => {
  it('keeps what the row’s fields allow, flags it for the director and logs «Этап без проверки»', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    // a row the enforcement never saw (an edit it missed)
    const record = fullDeal('С-00002', 'Новый');
    ss.getSheetByName(D)!
      .getRange(3, 1, 1, headersOf('deals').length)
      .setValues([headersOf('deals').map((h) => record[h] ?? '')]);
    edit(IVANOV, D, 2, 'Этап', [['Переговоры'], ['КП отправлено']]);
    expect(noteAt(D, 2, 'Этап') ?? '').toBe('');
    expect(at(D, 3, 'Этап')).toBe('КП отправлено');
    expect(noteAt(D, 3, 'Этап')).toBe(
      'CRM: этап «КП отправлено» оставлен без проверки: прежний этап неизвестен; директору — проверить сделку',
    );
    expect(lastLog()).toMatchObject({
      Действие: 'Этап без проверки',
      ID: 'С-00002',
      Поле: 'Этап',
      Было: '(неизвестно)',
      Стало: 'КП отправлено',
      Комментарий: 'Вставка или протягивание; прежний этап неизвестен — директору проверить',
    });
  });
});

describe('claims typed or pasted', () => {
  it('the deadline is «Дата» plus the ten days of «Настройки», and what the person typed stays', () => {
    open({ claims: [] });
    edit(IVANOV, CL, 2, 'Дата', [[new Date(2026, 2, 2)]]);
    expect(at(CL, 2, 'Срок ответа')).toEqual(new Date(2026, 2, 12));
    // a pasted claim with its own status and deadline keeps them; an empty row of the paste stays
    // empty; one without «Дата» gets no deadline
    edit(IVANOV, CL, 3, 'Дата', [
      [new Date(2026, 2, 20), 'К-00001', '15/26', 'Течь', IVANOV, new Date(2026, 2, 25), 'В работе'],
      ['', '', '', '', '', '', ''],
      ['', 'К-00001', '', 'Шум', IVANOV, '', ''],
    ]);
    expect([at(CL, 3, 'ID'), at(CL, 3, 'Срок ответа'), at(CL, 3, 'Статус')]).toEqual([
      'П-00002',
      new Date(2026, 2, 25),
      'В работе',
    ]);
    expect([at(CL, 4, 'ID'), at(CL, 4, 'Статус')]).toEqual(['', '']);
    expect([at(CL, 5, 'ID'), at(CL, 5, 'Срок ответа'), at(CL, 5, 'Статус')]).toEqual(['П-00003', '', 'Новая']);
  });

  it('a deadline formula between two claims given deadlines stays a formula', () => {
    open({ claims: [] });
    const sheet = ss.getSheetByName(CL)!;
    const deadline = sheet.getRange(3, columnOf(session.workbook, CL, 'Срок ответа'));
    deadline.setFormula('=DATE(2026,3,30)');
    edit(IVANOV, CL, 2, 'Дата', [[new Date(2026, 2, 2)], [new Date(2026, 2, 3)], [new Date(2026, 2, 4)]]);
    expect([at(CL, 2, 'Срок ответа'), at(CL, 3, 'Срок ответа'), at(CL, 4, 'Срок ответа')]).toEqual([
      new Date(2026, 2, 12),
      new Date(2026, 2, 30),
      new Date(2026, 2, 14),
    ]);
    expect(deadline.getFormula()).toBe('=DATE(2026,3,30)');
  });

  it('three claims pasted get their IDs, statuses and deadlines in one write per column', () => {
    open({ claims: [] });
    const range = ss.getSheetByName(CL)!.getRange(2, columnOf(session.workbook, CL, 'Дата'), 3, 1);
    range.setValues([[new Date(2026, 2, 2)], [new Date(2026, 2, 3)], [new Date(2026, 2, 4)]]);
    const writes = valuesWritten(() => enforceEdit(new CrmContext(ss, IVANOV), { range }));
    // one column each (the log's rows are written apart)
    expect(writes.filter((w) => w[0].length === 1)).toEqual([
      [['П-00001'], ['П-00002'], ['П-00003']],
      [['Новая'], ['Новая'], ['Новая']],
      [[new Date(2026, 2, 12)], [new Date(2026, 2, 13)], [new Date(2026, 2, 14)]],
    ]);
  });

  it('a claim without «Дата» keeps a deadline formula that gives nothing yet', () => {
    open({ claims: [] });
    const sheet = ss.getSheetByName(CL)!;
    const letter = String.fromCharCode(64 + columnOf(session.workbook, CL, 'Дата'));
    const deadline = sheet.getRange(2, columnOf(session.workbook, CL, 'Срок ответа'));
    deadline.setFormula(`=IF(${letter}2="","",${letter}2+10)`);
    edit(IVANOV, CL, 2, 'Суть', [['Течь']]);
    expect([at(CL, 2, 'ID'), at(CL, 2, 'Статус'), deadline.getFormula()]).toEqual([
      'П-00001',
      'Новая',
      `=IF(${letter}2="","",${letter}2+10)`,
    ]);
  });

  it('a pasted copy of a claim gets its own ID, the first keeps it', () => {
    open({ claims: [{ ID: 'П-00001', Дата: new Date(2026, 2, 2), Суть: 'Течь', Статус: 'Новая' }] });
    edit(IVANOV, CL, 3, 'ID', [['П-00001', new Date(2026, 2, 3)]]);
    expect([at(CL, 2, 'ID'), at(CL, 3, 'ID')]).toEqual(['П-00001', 'П-00002']);
    expect(lastLog()).toMatchObject({
      Действие: 'Новый ID',
      Лист: CL,
      Было: 'П-00001',
      Стало: 'П-00002',
      Комментарий: 'ID П-00001 уже есть в другой строке; вставленной строке дан новый ID',
    });
  });
});

describe('guarded fields of deals and clients, one by one', () => {
  it('a specialist’s change of another’s deal is refused with the owner named, before any other rule', () => {
    open({ deals: [fullDeal('С-00001', 'Договор заключён')] });
    edit(PETROVA, D, 2, 'Сумма договора, руб.', [[480000]]);
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(470000);
    expect(noteAt(D, 2, 'Сумма договора, руб.')).toBe(
      `${NOTE_PREFIX}«480000» не принято: строку ведёт другой сотрудник (${IVANOV}); изменить может он или директор`,
    );
    expect(lastLog()).toMatchObject({
      Пользователь: PETROVA,
      Действие: 'Отклонено изменение поля',
      ID: 'С-00001',
      Поле: 'Сумма договора, руб.',
      Было: '470000',
      Стало: '480000',
      Комментарий: `строку ведёт другой сотрудник (${IVANOV}); изменить может он или директор`,
    });
  });

  it('a refused date of a signed contract goes back as the date it was, with a toast naming the field', () => {
    open({ deals: [fullDeal('С-00001', 'Договор заключён')] });
    session.takeUiEvents();
    edit(IVANOV, D, 2, 'Дата договора', [['01.04.2026']]);
    expect(at(D, 2, 'Дата договора')).toEqual(new Date(2026, 2, 12));
    expect(noteAt(D, 2, 'Дата договора')).toBe(
      `${NOTE_PREFIX}«01.04.2026» не принято: «Дата договора» сделки на этапе «Договор заключён» меняет только директор`,
    );
    expect(toasts()).toEqual([
      expect.objectContaining({
        title: 'Изменение не принято',
        message: 'С-00001: «Дата договора»: «Дата договора» сделки на этапе «Договор заключён» меняет только директор',
      }),
    ]);
    expect(lastLog()).toMatchObject({ Было: '12.03.2026', Стало: '01.04.2026' });
  });

  it('a payment date typed on a signed deal that had none is refused to a specialist, and the cell is left empty', () => {
    open({ deals: [fullDeal('С-00001', 'Договор заключён', { 'Дата оплаты': '' })] });
    edit(IVANOV, D, 2, 'Дата оплаты', [['20.03.2026']]);
    expect(at(D, 2, 'Дата оплаты')).toBe('');
    expect(noteAt(D, 2, 'Дата оплаты')).toBe(
      `${NOTE_PREFIX}«20.03.2026» не принято: «Дата оплаты» сделки на этапе «Договор заключён» меняет только директор`,
    );
    expect(lastLog()).toMatchObject({ Действие: 'Отклонено изменение поля', Было: null, Стало: '20.03.2026' });
  });

  it('the director’s new contract date of a signed deal marks the old and the new month changed, and no other', () => {
    open({ deals: [fullDeal('С-00001', 'Договор заключён', { 'Дата оплаты': '' })] });
    for (const m of ['2026-03', '2026-04', '2026-05']) markComputed(m, new Date(Date.now() - 60_000));
    edit(DIRECTOR, D, 2, 'Дата договора', [['02.04.2026']]);
    expect(at(D, 2, 'Дата договора')).toEqual(new Date(2026, 3, 2));
    expect(changedSinceComputed('2026-03')?.sheets).toEqual(['Сделки']);
    expect(changedSinceComputed('2026-04')?.sheets).toEqual(['Сделки']);
    expect(changedSinceComputed('2026-05')).toBeNull();
    expect(lastLog()).toMatchObject({
      Действие: 'Изменение поля',
      Поле: 'Дата договора',
      Было: '12.03.2026',
      Стало: '02.04.2026',
      Комментарий: 'Изменено в ячейке',
    });
  });

  it('an amount typed before signing marks no month: the deal is not in pay yet', () => {
    open({ deals: [fullDeal('С-00001', 'Согласование договора')] });
    markComputed('2026-03', new Date(Date.now() - 60_000));
    edit(IVANOV, D, 2, 'Сумма договора, руб.', [['480 000']]);
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(480000);
    expect(changedSinceComputed('2026-03')).toBeNull();
  });

  it('a formula in a pay field is refused before signing too, and the amount stays', () => {
    open({ deals: [fullDeal('С-00001', 'Согласование договора')] });
    edit(IVANOV, D, 2, 'Этап', [['Согласование договора']]);
    const range = ss.getSheetByName(D)!.getRange(2, columnOf(session.workbook, D, 'Сумма договора, руб.'));
    range.setFormula('=480000');
    enforceEdit(new CrmContext(ss, IVANOV), { range, oldValue: 470000 });
    expect(range.getFormula()).toBe('');
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(470000);
    expect(noteAt(D, 2, 'Сумма договора, руб.')).toBe(
      `${NOTE_PREFIX}«480000» не принято: здесь нельзя формулу: введите значение`,
    );
  });

  it('the director’s paste of owners is logged per deal as a paste, and a refusal’s note is cleared when accepted', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Ответственный', [[PETROVA]]);
    expect(noteAt(D, 2, 'Ответственный')).toMatch(/^CRM: /);
    edit(DIRECTOR, D, 2, 'Ответственный', [[PETROVA], [PETROVA.toUpperCase()]]);
    expect([at(D, 2, 'Ответственный'), at(D, 3, 'Ответственный')]).toEqual([PETROVA, PETROVA]);
    expect(noteAt(D, 2, 'Ответственный') ?? '').toBe('');
    const changes = rowsOf(session.workbook, SHEETS.log).filter((r) => r['Действие'] === 'Изменение поля');
    expect(changes.map((r) => [r['ID'], r['Было'], r['Стало'], r['Комментарий']])).toEqual([
      ['С-00001', IVANOV, PETROVA, 'Вставка или протягивание'],
      ['С-00002', IVANOV, PETROVA, 'Вставка или протягивание'],
    ]);
  });

  it('a person’s own note on a cell stays when the add-on accepts the change', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    const range = ss.getSheetByName(D)!.getRange(2, columnOf(session.workbook, D, 'Этап'));
    range.setNote('позвонить в пятницу');
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено']]);
    expect(at(D, 2, 'Этап')).toBe('КП отправлено');
    expect(noteAt(D, 2, 'Этап')).toBe('позвонить в пятницу');
  });

  it('a phone typed in another form is kept as +7…, logged with before and after', () => {
    open();
    edit(IVANOV, C, 2, 'Телефон', [['8 (912) 000-11-22']]);
    expect(at(C, 2, 'Телефон')).toBe('+79120001122');
    expect(lastLog()).toMatchObject({
      Действие: 'Изменение поля',
      Лист: C,
      ID: 'К-00001',
      Поле: 'Телефон',
      Было: '+79123456789',
      Стало: '+79120001122',
    });
  });

  it('another specialist’s client keeps its ИНН; a wrong ИНН of one’s own client is refused with the reason', () => {
    open();
    edit(PETROVA, C, 2, 'ИНН', [['7707083090']]);
    expect(at(C, 2, 'ИНН')).toBe('7707083893');
    expect(noteAt(C, 2, 'ИНН')).toMatch(/^CRM: «7707083090» не принято: строку ведёт другой сотрудник \(ivanov@/);
    edit(IVANOV, C, 2, 'ИНН', [['7707083891']]);
    expect(at(C, 2, 'ИНН')).toBe('7707083893');
    expect(lastLog()).toMatchObject({ Действие: 'Отклонено изменение поля', Поле: 'ИНН', Стало: '7707083891' });
  });

  it('a paste that clears both the phone and the e-mail puts both back', () => {
    open();
    // the first edit of the client makes the memory of its fields, as «Настроить таблицу» does
    edit(IVANOV, C, 2, 'Клиент', [['ООО «Тепло»']]);
    session.takeUiEvents();
    edit(IVANOV, C, 2, 'Телефон', [['', '']]);
    expect([at(C, 2, 'Телефон'), at(C, 2, 'Email')]).toEqual(['+79123456789', 'info@teplo.ru']);
    expect(noteAt(C, 2, 'Email')).toBe(
      `${NOTE_PREFIX}«(пусто)» не принято: у клиента должен остаться телефон или e-mail`,
    );
    expect(toasts()).toEqual([
      expect.objectContaining({
        message: 'Не принято изменений: 2 (К-00001, К-00001). Причины — в примечаниях к ячейкам.',
      }),
    ]);
    // the memory keeps the values put back: pasting them again is no change, and not logged
    const logged = rowsOf(session.workbook, SHEETS.log).length;
    edit(IVANOV, C, 2, 'Телефон', [['+79123456789', 'info@teplo.ru']]);
    expect(rowsOf(session.workbook, SHEETS.log)).toHaveLength(logged);
    // a later paste of the e-mail alone is checked against the phone still there
    edit(IVANOV, C, 2, 'Email', [['']]);
    expect(at(C, 2, 'Email')).toBe('');
  });
});

describe('«Статус клиента» and «Скидка, %» in more cases', () => {
  const KEY: Row = {
    ...CLIENT_A,
    'ID клиента': 'К-00002',
    ИНН: '7736207543',
    Телефон: '+79123450002',
    Email: 'zakup@teplodom.ru',
    'Статус клиента': 'Ключевой',
    'Скидка, %': 10,
  };

  it('a specialist cannot take «Ключевой» away; the director can, and the key client’s discount goes with it', () => {
    open({ clients: [CLIENT_A, KEY] });
    edit(IVANOV, C, 3, 'Скидка, %', [[10]]);
    edit(IVANOV, C, 3, 'Статус клиента', [['Клиент']]);
    expect(at(C, 3, 'Статус клиента')).toBe('Ключевой');
    expect(noteAt(C, 3, 'Статус клиента')).toBe(
      `${NOTE_PREFIX}статус «Клиент» не принят: Статус «Ключевой» снимает только директор (п. 2.10)`,
    );
    expect(at(C, 3, 'Скидка, %')).toBe(10);
    toasts();
    edit(DIRECTOR, C, 3, 'Статус клиента', [['Клиент']]);
    expect(at(C, 3, 'Статус клиента')).toBe('Клиент');
    expect(noteAt(C, 3, 'Статус клиента') ?? '').toBe('');
    expect(at(C, 3, 'Скидка, %')).toBe('');
    expect(noteAt(C, 3, 'Скидка, %')).toBe(
      `${NOTE_PREFIX}скидка 10 % снята: Скидка возможна только для клиентов со статусом «Ключевой» (п. 2.10); сейчас статус «Клиент»`,
    );
    const log = rowsOf(session.workbook, SHEETS.log).slice(-2);
    expect(log.map((r) => [r['Действие'], r['Поле'], r['Было'], r['Стало']])).toEqual([
      ['Статус клиента', 'Статус клиента', 'Ключевой', 'Клиент'],
      ['Скидка снята', 'Скидка, %', '10', null],
    ]);
    // the director was refused nothing: no toast of refusals
    expect(toasts()).toEqual([]);
  });

  it('a discount in a percent-formatted cell is named in percent when it is taken away', () => {
    open({ clients: [CLIENT_A, { ...KEY, 'Скидка, %': 0.125 }] });
    edit(DIRECTOR, C, 3, 'Статус клиента', [['Клиент']]);
    expect(at(C, 3, 'Скидка, %')).toBe('');
    expect(noteAt(C, 3, 'Скидка, %')).toMatch(/^CRM: скидка 12,5 % снята: /);
    expect(lastLog()).toMatchObject({ Действие: 'Скидка снята', Было: '12,5' });
  });

  it('another specialist’s client keeps its status; a formula in the status is refused', () => {
    open();
    edit(PETROVA, C, 2, 'Статус клиента', [['Клиент']]);
    expect(at(C, 2, 'Статус клиента')).toBe('Потенциальный');
    expect(noteAt(C, 2, 'Статус клиента')).toBe(
      `${NOTE_PREFIX}статус «Клиент» не принят: строку ведёт другой сотрудник (${IVANOV}); изменить может он или директор`,
    );
    const range = ss.getSheetByName(C)!.getRange(2, columnOf(session.workbook, C, 'Статус клиента'));
    range.setFormula('="Клиент"');
    enforceEdit(new CrmContext(ss, IVANOV), { range, oldValue: 'Потенциальный' });
    expect(range.getFormula()).toBe('');
    expect(at(C, 2, 'Статус клиента')).toBe('Потенциальный');
    expect(noteAt(C, 2, 'Статус клиента')).toBe(
      `${NOTE_PREFIX}статус «Клиент» не принят: в «Статус клиента» нельзя формулу: выберите статус из списка`,
    );
  });

  it('a pasted «Ключевой» the memory does not know is refused to a specialist; a pasted same status is left alone', () => {
    open({ clients: [CLIENT_A, { ...KEY, 'Статус клиента': 'Клиент', 'Скидка, %': '' }] });
    edit(IVANOV, C, 2, 'Статус клиента', [['Ключевой'], ['Клиент']]);
    expect([at(C, 2, 'Статус клиента'), at(C, 3, 'Статус клиента')]).toEqual(['Потенциальный', 'Клиент']);
    const log = rowsOf(session.workbook, SHEETS.log);
    expect(log.map((r) => [r['Действие'], r['ID'], r['Было'], r['Стало']])).toEqual([
      ['Отклонена смена статуса', 'К-00001', null, 'Ключевой'],
    ]);
  });

  it('a discount changed on a key client is logged from the remembered one; the same discount typed again is not', () => {
    open({ clients: [CLIENT_A, KEY] });
    const discounts = () => rowsOf(session.workbook, SHEETS.log).filter((r) => r['Действие'] === 'Скидка');
    // the memory does not know the client yet: the change is logged from what the typed cell held
    edit(IVANOV, C, 3, 'Скидка, %', [[12]]);
    expect(discounts()).toEqual([expect.objectContaining({ ID: 'К-00002', Было: '10', Стало: '12' })]);
    edit(IVANOV, C, 3, 'Скидка, %', [[12]]);
    expect(discounts()).toHaveLength(1);
    edit(IVANOV, C, 3, 'Скидка, %', [[14]]);
    expect(lastLog()).toMatchObject({ Действие: 'Скидка', ID: 'К-00002', Было: '12', Стало: '14' });
    // a refused paste goes back to the remembered 14, not to the cell's old value
    edit(IVANOV, C, 3, 'Скидка, %', [[20], ['']]);
    expect(at(C, 3, 'Скидка, %')).toBe(14);
    expect(lastLog()).toMatchObject({ Действие: 'Отклонена скидка', Было: '14', Стало: '20' });
  });

  it('a discount pasted on a key client the memory does not know is logged from no earlier discount', () => {
    open({ clients: [CLIENT_A, KEY] });
    edit(IVANOV, C, 2, 'Скидка, %', [[''], [12]]);
    expect([at(C, 3, 'Скидка, %'), lastLog()]).toEqual([
      12,
      expect.objectContaining({ Действие: 'Скидка', ID: 'К-00002', Было: null, Стало: '12' }),
    ]);
  });

  it('a discount taken away with «Ключевой» is remembered as none: the next one is logged from it', () => {
    open({ clients: [CLIENT_A, KEY] });
    edit(DIRECTOR, C, 3, 'Статус клиента', [['Клиент']]);
    edit(DIRECTOR, C, 3, 'Статус клиента', [['Ключевой']]);
    edit(IVANOV, C, 3, 'Скидка, %', [[5]]);
    expect(lastLog()).toMatchObject({ Действие: 'Скидка', ID: 'К-00002', Было: null, Стало: '5' });
  });

  it('a refused discount goes back to a remembered one typed as text with a comma, as its number', () => {
    open({ clients: [CLIENT_A, KEY] });
    // a plain-text cell keeps «12,5» as it was typed
    ss.getSheetByName(C)!
      .getRange(3, columnOf(session.workbook, C, 'Скидка, %'))
      .setNumberFormat('@');
    edit(IVANOV, C, 3, 'Скидка, %', [['12,5']]);
    expect(at(C, 3, 'Скидка, %')).toBe('12,5');
    edit(IVANOV, C, 3, 'Скидка, %', [[20]]);
    expect(at(C, 3, 'Скидка, %')).toBe(12.5);
    expect(lastLog()).toMatchObject({ Действие: 'Отклонена скидка', Было: '12,5', Стало: '20' });
  });

  it('on «Клиенты» without «Статус клиента», a new client’s discount is refused for a status not given', () => {
    open({
      clientHeaders: headersOf('clients').filter((h) => h !== 'Статус клиента'),
      clients: [CLIENT_A, { Клиент: 'ИП Смирнов', 'Скидка, %': 5 }],
    });
    edit(IVANOV, C, 3, 'Город', [['Казань']]);
    expect([at(C, 3, 'ID клиента'), at(C, 3, 'Скидка, %'), at(C, 3, 'Дата создания')]).toEqual([
      'К-00002',
      '',
      midnight(),
    ]);
    expect(noteAt(C, 3, 'Скидка, %')).toMatch(/^CRM: скидка «5» не принята: .*сейчас статус «не указан»$/);
  });

  it('a pasted new client keeps the date and status it came with; a «Ключевой» and a discount it cannot have are refused', () => {
    open();
    const headers = headersOf('clients');
    const row = (values: Row) => headers.map((h) => values[h] ?? '');
    edit(IVANOV, C, 3, 'ID клиента', [
      row({
        ...CLIENT_A,
        'ID клиента': '',
        ИНН: '7707083090',
        Телефон: '',
        Email: 'a@b.ru',
        'Статус клиента': 'Клиент',
        'Дата создания': new Date(2026, 0, 15),
      }),
      row({
        ...CLIENT_A,
        'ID клиента': '',
        ИНН: '500100730004',
        Тип: 'ИП',
        Телефон: '',
        Email: 'c@d.ru',
        'Статус клиента': 'Ключевой',
        'Скидка, %': 5,
      }),
    ]);
    expect([at(C, 3, 'ID клиента'), at(C, 3, 'Статус клиента'), at(C, 3, 'Дата создания')]).toEqual([
      'К-00002',
      'Клиент',
      new Date(2026, 0, 15),
    ]);
    expect([
      at(C, 4, 'ID клиента'),
      at(C, 4, 'Статус клиента'),
      at(C, 4, 'Скидка, %'),
      at(C, 4, 'Дата создания'),
    ]).toEqual(['К-00003', 'Потенциальный', '', midnight()]);
    expect(noteAt(C, 4, 'Скидка, %')).toMatch(/^CRM: скидка «5» не принята: Скидка возможна только/);
  });

  it('a new client with the ИНН of another is kept and flagged as a possible duplicate', () => {
    open();
    edit(IVANOV, C, 3, 'Клиент', [['ООО «Тепло-2»', 'Юрлицо', '7707083893']]);
    expect(at(C, 3, 'ID клиента')).toBe('К-00002');
    expect(noteAt(C, 3, 'Клиент')).toMatch(/^Возможный дубль: К-00001 «ООО «Тепло»»/);
    expect(lastLog()).toMatchObject({ Действие: 'Возможный дубль', ID: 'К-00002' });
  });

  it('an ИНН typed over an existing client that another already has flags it as a possible duplicate', () => {
    const OTHER: Row = {
      ...CLIENT_A,
      'ID клиента': 'К-00002',
      Клиент: 'ИП Смирнов',
      ИНН: '500100730004',
      Телефон: '+79120000002',
      Email: 'smirnov@mail.ru',
    };
    open({ clients: [CLIENT_A, OTHER] });
    edit(IVANOV, C, 3, 'ИНН', [['7707083893']]);
    expect(noteAt(C, 3, 'Клиент')).toMatch(/^Возможный дубль: К-00001 «ООО «Тепло»» \(ИНН\)/);
    expect(rowsOf(session.workbook, SHEETS.log).filter((r) => r['Действие'] === 'Возможный дубль')).toEqual([
      expect.objectContaining({ ID: 'К-00002', Поле: 'ИНН' }),
    ]);
  });

  it('a name typed in a row that already holds the ИНН of another gives a new client flagged as a possible duplicate', () => {
    open({ clients: [CLIENT_A, { ИНН: '7707083893' }] });
    edit(IVANOV, C, 3, 'Клиент', [['ООО «Тепло-2»']]);
    expect(at(C, 3, 'ID клиента')).toBe('К-00002');
    expect(noteAt(C, 3, 'Клиент')).toMatch(/^Возможный дубль: К-00001 «ООО «Тепло»» \(ИНН\)/);
  });

  it('a city typed in a row that already holds a discount gives a new «Потенциальный» client without it', () => {
    open({ clients: [CLIENT_A, { Клиент: 'ИП Смирнов', 'Скидка, %': 5 }] });
    edit(IVANOV, C, 3, 'Город', [['Казань']]);
    expect([at(C, 3, 'ID клиента'), at(C, 3, 'Статус клиента'), at(C, 3, 'Скидка, %')]).toEqual([
      'К-00002',
      'Потенциальный',
      '',
    ]);
    expect(noteAt(C, 3, 'Скидка, %')).toMatch(
      /^CRM: скидка «5» не принята: Скидка возможна только.*; сейчас статус «Потенциальный»$/,
    );
  });

  it('a phone typed over a client does not check the discount it already holds', () => {
    open({
      clients: [
        CLIENT_A,
        { ...CLIENT_A, 'ID клиента': 'К-00002', ИНН: '', Email: '', 'Статус клиента': 'Клиент', 'Скидка, %': 5 },
      ],
    });
    edit(IVANOV, C, 3, 'Телефон', [['+79120000003']]);
    expect(at(C, 3, 'Телефон')).toBe('+79120000003');
    expect([at(C, 3, 'Скидка, %'), noteAt(C, 3, 'Скидка, %') ?? '']).toEqual([5, '']);
  });

  it('the same status typed again on another specialist’s client is not refused', () => {
    open();
    edit(PETROVA, C, 2, 'Статус клиента', [['Потенциальный']]);
    expect(at(C, 2, 'Статус клиента')).toBe('Потенциальный');
    expect(noteAt(C, 2, 'Статус клиента') ?? '').toBe('');
    expect(toasts()).toEqual([]);
  });

  it('a status left blank where it was already blank is not refused', () => {
    open({ clients: [{ ...CLIENT_A, 'Статус клиента': '' }] });
    edit(DIRECTOR, C, 2, 'Статус клиента', [['']]);
    expect(at(C, 2, 'Статус клиента')).toBe('');
    expect(noteAt(C, 2, 'Статус клиента') ?? '').toBe('');
  });

  it('a refused client status is told in a toast naming the client and the reason', () => {
    open();
    edit(IVANOV, C, 2, 'Статус клиента', [['Ключевой']]);
    expect(toasts()).toEqual([
      expect.objectContaining({
        message: 'К-00001: Статус «Ключевой» присваивает только директор (п. 2.10)',
        title: 'Изменение не принято',
      }),
    ]);
  });

  it('a status typed on a key client keeps the note of a discount refused before', () => {
    open({ clients: [CLIENT_A, KEY] });
    edit(IVANOV, C, 3, 'Скидка, %', [[20]]);
    expect(at(C, 3, 'Скидка, %')).toBe(10);
    const refused = noteAt(C, 3, 'Скидка, %');
    expect(refused).toMatch(/^CRM: скидка «20» не принята: /);
    edit(DIRECTOR, C, 3, 'Статус клиента', [['Ключевой']]);
    expect([at(C, 3, 'Скидка, %'), noteAt(C, 3, 'Скидка, %')]).toEqual([10, refused]);
  });

  it('a discount above the maximum typed before the memory knows the client goes back to the cell’s old value', () => {
    open({ clients: [CLIENT_A, KEY] });
    edit(IVANOV, C, 3, 'Скидка, %', [[20]]);
    expect(at(C, 3, 'Скидка, %')).toBe(10);
    expect(lastLog()).toMatchObject({ Действие: 'Отклонена скидка', Было: '10', Стало: '20' });
  });

  it('a discount above the maximum pasted before the memory knows the client is cleared', () => {
    open({ clients: [CLIENT_A, KEY] });
    edit(IVANOV, C, 2, 'Скидка, %', [[''], [20]]);
    expect(at(C, 3, 'Скидка, %')).toBe('');
    expect(lastLog()).toMatchObject({ Действие: 'Отклонена скидка', ID: 'К-00002', Было: null, Стало: '20' });
  });

  it('a discount refused on a new client the memory does not know yet is logged from no earlier discount', () => {
    open({ clients: [CLIENT_A, { Клиент: 'ИП Смирнов', Город: 'Москва', 'Скидка, %': 5 }] });
    edit(IVANOV, C, 2, 'Статус клиента', [['Клиент']]);
    edit(IVANOV, C, 3, 'Город', [['Казань']]);
    expect([at(C, 3, 'ID клиента'), at(C, 3, 'Скидка, %')]).toEqual(['К-00002', '']);
    expect(lastLog()).toMatchObject({ Действие: 'Отклонена скидка', ID: 'К-00002', Было: null, Стало: '5' });
  });

  it('an edit of a client field no rule checks does not read the memory', () => {
    open();
    expect(memoryReads(() => edit(IVANOV, C, 2, 'Город', [['Казань']]))).toBe(0);
    expect(at(C, 2, 'Город')).toBe('Казань');
  });

  it('an edit of an existing client that touches no ИНН, phone or email does not look for duplicates', () => {
    open({ clients: [CLIENT_A, { ...CLIENT_A, 'ID клиента': 'К-00002', Клиент: 'ИП Смирнов' }] });
    edit(IVANOV, C, 3, 'Город', [['Казань']]);
    expect(noteAt(C, 3, 'Клиент') ?? '').toBe('');
    const logged = session.workbook.sheets.some((s) => s.name === SHEETS.log)
      ? rowsOf(session.workbook, SHEETS.log)
      : [];
    expect(logged.filter((r) => r['Действие'] === 'Возможный дубль')).toEqual([]);
  });
});

describe('IDs in more pastes', () => {
  /** the first five columns of a deal row: ID сделки · ID клиента · Клиент · Ответственный · Этап */
  const head = (id: string, owner: string, stage: string) => [id, 'К-00001', 'ООО «Тепло»', owner, stage];
  const remember = (...rows: number[]) => rows.forEach((r) => edit(IVANOV, D, r, 'Этап', [[at(D, r, 'Этап')]]));

  it('an ID cleared by hand comes back', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'ID сделки', [['']]);
    expect(at(D, 2, 'ID сделки')).toBe('С-00001');
    expect(lastLog()).toMatchObject({ Действие: 'Отклонена смена ID', Было: 'С-00001', Стало: null });
  });

  it('two rows swapped by a paste with IDs the add-on never gave get back each its own, by their fields', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'КП отправлено')] });
    remember(2, 3);
    edit(IVANOV, D, 2, 'ID сделки', [head('С-00005', IVANOV, 'КП отправлено'), head('С-00006', IVANOV, 'Переговоры')]);
    expect([at(D, 2, 'ID сделки'), at(D, 3, 'ID сделки')]).toEqual(['С-00002', 'С-00001']);
    expect([at(D, 2, 'Этап'), at(D, 3, 'Этап')]).toEqual(['КП отправлено', 'Переговоры']);
  });

  it('rows that match two lost IDs equally well get new IDs and are checked as new', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры')] });
    remember(2, 3);
    edit(IVANOV, D, 2, 'ID сделки', [head('С-00005', IVANOV, 'Переговоры'), head('С-00006', IVANOV, 'Переговоры')]);
    expect([at(D, 2, 'ID сделки'), at(D, 3, 'ID сделки')]).toEqual(['С-00007', 'С-00008']);
    expect([at(D, 2, 'Этап'), at(D, 3, 'Этап')]).toEqual(['Новый', 'Новый']);
  });

  it('a row pasted into an empty row does not take the ID of a deleted deal it shares nothing with', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Исполнение', { Ответственный: PETROVA })] });
    remember(2, 3);
    ss.getSheetByName(D)!.deleteRow(3);
    edit(IVANOV, D, 3, 'ID сделки', [head('С-00009', IVANOV, 'Новый')]);
    expect(at(D, 3, 'ID сделки')).toBe('С-00010');
    // one that shares its fields gets it back
    edit(IVANOV, D, 4, 'ID сделки', [head('С-00011', PETROVA, 'Исполнение')]);
    expect(at(D, 4, 'ID сделки')).toBe('С-00002');
  });

  it('before any memory exists, pasted rows keep their IDs, and of two equal IDs the top one keeps it', () => {
    open({ deals: [] });
    edit(IVANOV, D, 2, 'ID сделки', [head('С-00005', IVANOV, 'Новый'), head('С-00005', IVANOV, 'Новый')]);
    expect([at(D, 2, 'ID сделки'), at(D, 3, 'ID сделки')]).toEqual(['С-00005', 'С-00006']);
    expect(rowsOf(session.workbook, SHEETS.log).find((r) => r['Действие'] === 'Новый ID')).toMatchObject({
      Было: 'С-00005',
      Стало: 'С-00006',
      Комментарий: 'ID С-00005 уже есть в другой строке; вставленной строке дан новый ID',
    });
  });

  it('a pasted row the memory knows keeps its ID beside a pasted unknown one, which gets a new ID with no lost ID to take', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'КП отправлено')] });
    remember(2, 3);
    // the memory is read for the pasted IDs, then for the IDs it holds (none lost), then for the new deal
    const reads = memoryReads(() =>
      edit(IVANOV, D, 3, 'ID сделки', [head('С-00002', IVANOV, 'КП отправлено'), head('С-00009', IVANOV, 'Новый')]),
    );
    expect([at(D, 3, 'ID сделки'), at(D, 4, 'ID сделки'), at(D, 3, 'Этап')]).toEqual([
      'С-00002',
      'С-00010',
      'КП отправлено',
    ]);
    expect(rowsOf(session.workbook, SHEETS.log).find((r) => r['Действие'] === 'Новый ID')).toMatchObject({
      Было: 'С-00009',
      Стало: 'С-00010',
    });
    expect(reads).toBe(3);
  });

  it('a paste of IDs the memory knows reads the memory once, for those IDs only', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'КП отправлено')] });
    remember(2, 3);
    const reads = memoryReads(() =>
      edit(IVANOV, D, 2, 'ID сделки', [
        ['С-00001', 'К-00001'],
        ['С-00002', 'К-00001'],
      ]),
    );
    expect([at(D, 2, 'ID сделки'), at(D, 3, 'ID сделки'), reads]).toEqual(['С-00001', 'С-00002', 1]);
  });

  it('pasted rows without IDs are new deals: the memory is read once, for them, and not for IDs swapped', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    remember(2);
    const reads = memoryReads(() =>
      edit(IVANOV, D, 3, 'ID сделки', [head('', IVANOV, 'Новый'), head('', IVANOV, 'Новый')]),
    );
    expect([at(D, 3, 'ID сделки'), at(D, 4, 'ID сделки'), reads]).toEqual(['С-00002', 'С-00003', 1]);
  });

  it('a pasted ID the add-on never gave does not take a client’s ID, though the memory keeps fields the row shares', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    // the client's «Клиент» and «Ответственный» are remembered: the deal row has both
    edit(IVANOV, C, 2, 'Телефон', [['+79123456789']]);
    remember(2);
    edit(IVANOV, D, 3, 'ID сделки', [head('С-00009', IVANOV, 'Новый')]);
    expect(at(D, 3, 'ID сделки')).toBe('С-00010');
  });
});

describe('pastes that reach the header row or hold formulas', () => {
  it('a paste from the header row down checks the deal rows under it', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Новый')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 3, 'Этап', [['Новый']]);
    edit(IVANOV, D, 1, 'Этап', [['Этап'], ['КП отправлено'], ['Исполнение']]);
    expect([at(D, 1, 'Этап'), at(D, 2, 'Этап'), at(D, 3, 'Этап')]).toEqual(['Этап', 'КП отправлено', 'Новый']);
    expect(noteAt(D, 3, 'Этап')).toMatch(/^CRM: этап «Исполнение» не принят: /);
  });

  it('formulas pasted over stages are refused where they stand, the other cells of the paste checked as typed', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 3, 'Этап', [['Переговоры']]);
    const range = ss.getSheetByName(D)!.getRange(2, columnOf(session.workbook, D, 'Ответственный'), 2, 2);
    range.setFormulas([
      ['', ''],
      ['', '="КП отправлено"'],
    ]);
    range.getCell(1, 1).setValue(IVANOV);
    range.getCell(1, 2).setValue('КП отправлено');
    range.getCell(2, 1).setValue(IVANOV);
    enforceEdit(new CrmContext(ss, IVANOV), { range });
    expect([at(D, 2, 'Этап'), at(D, 3, 'Этап')]).toEqual(['КП отправлено', 'Переговоры']);
    expect(noteAt(D, 3, 'Этап')).toMatch(/в «Этап» нельзя формулу/);
    expect(noteAt(D, 2, 'Этап') ?? '').toBe('');
  });
});

describe('the cells of a paste from the header row, and of a paste in one row', () => {
  it('a formula pasted from the header row down is refused in its own row', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 3, 'Этап', [['Переговоры']]);
    const range = ss.getSheetByName(D)!.getRange(1, columnOf(session.workbook, D, 'Этап'), 3, 1);
    range.setFormulas([[''], [''], ['="КП отправлено"']]);
    range.getCell(1, 1).setValue('Этап');
    range.getCell(2, 1).setValue('КП отправлено');
    enforceEdit(new CrmContext(ss, IVANOV), { range });
    expect([at(D, 2, 'Этап'), at(D, 3, 'Этап')]).toEqual(['КП отправлено', 'Переговоры']);
    expect(noteAt(D, 2, 'Этап') ?? '').toBe('');
    expect(noteAt(D, 3, 'Этап')).toMatch(/в «Этап» нельзя формулу/);
  });

  it('a stage refused in a paste of two cells of one row gets its note in its own cell', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 2, 'Этап', [['Исполнение', at(D, 2, 'Дата этапа')]]);
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
    expect(noteAt(D, 2, 'Этап')).toMatch(/^CRM: этап «Исполнение» не принят: /);
    expect(noteAt(D, 2, 'Дата этапа') ?? '').toBe('');
  });
});

describe('what the enforcement tells and remembers', () => {
  it('more than five refusals in one paste name the first five and say there are more', () => {
    const ids = ['С-00001', 'С-00002', 'С-00003', 'С-00004', 'С-00005', 'С-00006'];
    open({ deals: ids.map((id) => fullDeal(id, 'Переговоры')) });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    session.takeUiEvents();
    edit(
      IVANOV,
      D,
      2,
      'Этап',
      ids.map(() => ['Исполнение']),
    );
    expect(ids.map((_, k) => at(D, k + 2, 'Этап'))).toEqual(ids.map(() => 'Переговоры'));
    expect(toasts()).toEqual([
      expect.objectContaining({
        title: 'Изменение не принято',
        message:
          'Не принято изменений: 6 (С-00001, С-00002, С-00003, С-00004, С-00005…). Причины — в примечаниях к ячейкам.',
      }),
    ]);
  });

  it('exactly five refusals in one paste are all named, with nothing left over', () => {
    const ids = ['С-00001', 'С-00002', 'С-00003', 'С-00004', 'С-00005'];
    open({ deals: ids.map((id) => fullDeal(id, 'Переговоры')) });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    session.takeUiEvents();
    edit(
      IVANOV,
      D,
      2,
      'Этап',
      ids.map(() => ['Исполнение']),
    );
    expect(toasts()).toEqual([
      expect.objectContaining({
        message:
          'Не принято изменений: 5 (С-00001, С-00002, С-00003, С-00004, С-00005). Причины — в примечаниях к ячейкам.',
      }),
    ]);
  });

  it('with the memory tab deleted, an edit rebuilds it from the tab, so a later paste is checked again', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    ss.deleteSheet(ss.getSheetByName('_Последние значения')!);
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено']]);
    expect(at(D, 2, 'Этап')).toBe('КП отправлено');
    // row 3 was not edited: its stage was remembered by the rebuild, so a skip in a paste is refused
    edit(IVANOV, D, 3, 'Этап', [['Исполнение'], ['']]);
    expect(at(D, 3, 'Этап')).toBe('Переговоры');
    expect(lastLog()).toMatchObject({ Действие: 'Отклонена смена этапа', ID: 'С-00002', Было: 'Переговоры' });
  });

  it('with «Клиенты» gone, a move that needs the client’s «Источник» is refused, saying the client is not found', () => {
    open({ deals: [fullDeal('С-00001', 'Согласование договора')] });
    ss.deleteSheet(ss.getSheetByName(C)!);
    edit(IVANOV, D, 2, 'Этап', [['Договор заключён']]);
    expect(at(D, 2, 'Этап')).toBe('Согласование договора');
    expect(noteAt(D, 2, 'Этап')).toBe(
      `${NOTE_PREFIX}этап «Договор заключён» не принят: Для этапа «Договор заключён» не хватает: «Источник» в карточке клиента (клиент не найден в «Клиенты»)`,
    );
  });

  it('signing a contract marks its month changed for the payroll', () => {
    open({ deals: [fullDeal('С-00001', 'Согласование договора')] });
    markComputed('2026-03', new Date(Date.now() - 60_000));
    markComputed('2026-04', new Date(Date.now() - 60_000));
    edit(IVANOV, D, 2, 'Этап', [['Договор заключён']]);
    expect(changedSinceComputed('2026-03')?.sheets).toEqual(['Сделки']);
    expect(changedSinceComputed('2026-04')).toBeNull();
  });

  it('a deal reopened from «Отказ» loses its competitor as well, each logged', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры', { 'Причина отказа': 'Цена', Конкурент: 'ТеплоСтрой' })] });
    edit(IVANOV, D, 2, 'Этап', [['Отказ']]);
    expect(at(D, 2, 'Этап')).toBe('Отказ');
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    expect([at(D, 2, 'Этап'), at(D, 2, 'Причина отказа'), at(D, 2, 'Конкурент')]).toEqual(['Переговоры', '', '']);
    const cleared = rowsOf(session.workbook, SHEETS.log).filter(
      (r) => r['Действие'] === 'Сделка возвращена из «Отказ»',
    );
    expect(cleared.map((r) => [r['Поле'], r['Было'], r['Стало']])).toEqual([
      ['Причина отказа', 'Цена', null],
      ['Конкурент', 'ТеплоСтрой', null],
    ]);
  });
});

describe('a paste over stages of several deals', () => {
  it('stamps «Дата этапа» only on the deals whose stage was accepted', () => {
    const old = new Date(2026, 1, 1);
    open({ deals: ['С-00001', 'С-00002', 'С-00003'].map((id) => fullDeal(id, 'Переговоры', { 'Дата этапа': old })) });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено'], ['Исполнение'], ['КП отправлено']]);
    expect([2, 3, 4].map((r) => at(D, r, 'Этап'))).toEqual(['КП отправлено', 'Переговоры', 'КП отправлено']);
    expect([2, 3, 4].map((r) => at(D, r, 'Дата этапа'))).toEqual([midnight(), old, midnight()]);
  });

  it('a new deal started above a refused move gets both stages back in one write', () => {
    open({ deals: [fullDeal('', 'Переговоры'), fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 3, 'Этап', [['Переговоры']]);
    const range = ss.getSheetByName(D)!.getRange(2, columnOf(session.workbook, D, 'Этап'), 2, 1);
    // the new deal's «Этап» pasted blank: it starts at «Новый»
    range.setValues([[''], ['Исполнение']]);
    const writes = valuesWritten(() => enforceEdit(new CrmContext(ss, IVANOV), { range }));
    expect([at(D, 2, 'ID сделки'), at(D, 2, 'Этап'), at(D, 3, 'Этап')]).toEqual(['С-00002', 'Новый', 'Переговоры']);
    expect(writes.filter((w) => w.some((r) => r[0] === 'Новый' || r[0] === 'Переговоры'))).toEqual([
      [['Новый'], ['Переговоры']],
    ]);
  });

  it('two deals of one client signed in one paste make it a «Клиент» once', () => {
    open({ deals: [fullDeal('С-00001', 'Согласование договора'), fullDeal('С-00002', 'Согласование договора')] });
    edit(IVANOV, D, 2, 'Этап', [['Согласование договора']]);
    edit(IVANOV, D, 2, 'Этап', [['Договор заключён'], ['Договор заключён']]);
    expect(at(C, 2, 'Статус клиента')).toBe('Клиент');
    const statusLines = rowsOf(session.workbook, SHEETS.log).filter((r) => r['Действие'] === 'Статус клиента');
    expect(statusLines).toHaveLength(1);
    expect(statusLines[0]).toMatchObject({ ID: 'К-00001', Было: 'Потенциальный', Стало: 'Клиент' });
  });

  it('two deals signed in one paste look up their client’s memory rows once, and the save reads nothing again', () => {
    open({ deals: [fullDeal('С-00001', 'Согласование договора'), fullDeal('С-00002', 'Согласование договора')] });
    edit(IVANOV, D, 2, 'Этап', [['Согласование договора']]);
    session.resetCalls();
    edit(IVANOV, D, 2, 'Этап', [['Договор заключён'], ['Договор заключён']]);
    expect(at(C, 2, 'Статус клиента')).toBe('Клиент');
    // the header row, the edited rows, the deals' memory rows and their client's row: the client's memory
    // rows are searched for before its status is set, so the save reads nothing again
    expect(session.calls()['Range.getValues']).toBe(4);
  });

  it('a new deal pasted at a late stage starts at «Новый», and moves on from there', () => {
    open({ deals: [] });
    edit(IVANOV, D, 2, 'ID сделки', [
      [
        '',
        'К-00001',
        'ООО «Тепло»',
        IVANOV,
        'Исполнение',
        '',
        'ПОЛИФАСАД',
        'Утепление склада',
        500000,
        'Высокая',
        'Отчётность',
      ],
    ]);
    expect([at(D, 2, 'ID сделки'), at(D, 2, 'Этап')]).toEqual(['С-00001', 'Новый']);
    expect(noteAt(D, 2, 'Этап')).toMatch(/^CRM: этап «Исполнение» не принят: /);
    edit(IVANOV, D, 2, 'Этап', [['Потребность выявлена']]);
    expect(at(D, 2, 'Этап')).toBe('Потребность выявлена');
    expect(lastLog()).toMatchObject({ Действие: 'Смена этапа', Было: 'Новый', Стало: 'Потребность выявлена' });
  });

  it('when «Журнал» cannot be written, the edit still holds and the person is told what the director must do', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    session.takeUiEvents();
    // a spreadsheet that refuses new tabs (the log and the memory do not exist yet)
    const refusing = new Proxy(ss, {
      get(target, key) {
        if (key === 'insertSheet') {
          return () => {
            throw new Error('Нет прав на изменение таблицы');
          };
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const range = refusing.getSheetByName(D)!.getRange(2, columnOf(session.workbook, D, 'Этап'));
    range.setValue('КП отправлено');
    enforceEdit(new CrmContext(refusing, IVANOV), { range, value: 'КП отправлено', oldValue: 'Переговоры' });
    warn.mockRestore();
    expect(at(D, 2, 'Этап')).toBe('КП отправлено');
    expect(toasts()).toEqual([
      expect.objectContaining({
        title: 'CRM',
        message: 'Журнал изменений недоступен: директору нужно запустить CRM → «Настроить таблицу».',
      }),
    ]);
  });
});

describe('edits the funnel does not check', () => {
  it('a deal’s plain field is kept as typed, with no memory tab, no log and no toast', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    session.takeUiEvents();
    edit(PETROVA, D, 2, 'Потребность', [['Утепление цеха']]);
    expect(at(D, 2, 'Потребность')).toBe('Утепление цеха');
    expect(session.workbook.sheets.map((s) => s.name)).not.toContain('_Последние значения');
    expect(session.workbook.sheets.map((s) => s.name)).not.toContain(SHEETS.log);
    expect(toasts()).toEqual([]);
  });
});

describe('the cells an edit covers', () => {
  it('an edit beside «Этап» leaves a stage it did not cover alone, even one the add-on would refuse', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    // a stage changed while the trigger did not run (no onEdit)
    ss.getSheetByName(D)!
      .getRange(2, columnOf(session.workbook, D, 'Этап'))
      .setValue('Исполнение');
    edit(IVANOV, D, 2, 'Ответственный', [[IVANOV]]);
    edit(IVANOV, D, 2, 'Дата этапа', [[new Date(2026, 2, 1)]]);
    edit(IVANOV, D, 2, 'Клиент', [['ООО «Тепло»', IVANOV]]);
    expect(at(D, 2, 'Этап')).toBe('Исполнение');
    // the next edit that covers it checks it against the last valid stage
    edit(IVANOV, D, 2, 'Ответственный', [[IVANOV, 'Исполнение']]);
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
  });
});

describe('a row typed by another specialist', () => {
  it('a new deal names its own responsible person, whoever types it', () => {
    open({ deals: [] });
    edit(PETROVA, D, 2, 'ID сделки', [['', 'К-00001', 'ООО «Тепло»', IVANOV, 'Новый']]);
    expect([at(D, 2, 'ID сделки'), at(D, 2, 'Ответственный'), at(D, 2, 'Этап')]).toEqual(['С-00001', IVANOV, 'Новый']);
    expect(noteAt(D, 2, 'Ответственный') ?? '').toBe('');
    // from then on it is Иванов's deal
    edit(PETROVA, D, 2, 'Этап', [['Потребность выявлена']]);
    expect(at(D, 2, 'Этап')).toBe('Новый');
  });
});

describe('a deal signed again', () => {
  it('checks later changes of its pay fields against what they held when it was signed again', () => {
    open({ deals: [fullDeal('С-00001', 'Договор заключён')] });
    edit(DIRECTOR, D, 2, 'Этап', [['Договор заключён']]);
    edit(DIRECTOR, D, 2, 'Этап', [['Согласование договора']]);
    // below signing the amount is the specialist's
    edit(IVANOV, D, 2, 'Сумма договора, руб.', [[520000]]);
    edit(DIRECTOR, D, 2, 'Этап', [['Договор заключён']]);
    // the same amount typed again changes nothing; another one is the director's
    edit(IVANOV, D, 2, 'Сумма договора, руб.', [[520000]]);
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(520000);
    edit(IVANOV, D, 2, 'Сумма договора, руб.', [[530000]]);
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(520000);
    expect(lastLog()).toMatchObject({ Действие: 'Отклонено изменение поля', Было: '520000', Стало: '530000' });
  });

  it('remembers no pay field for a move below signing', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено']]);
    const memory = ValueMemory.load(ss, ['С-00001']);
    expect([memory.get('С-00001', 'Этап')?.value, memory.get('С-00001', 'Сумма договора, руб.')]).toEqual([
      'КП отправлено',
      undefined,
    ]);
  });

  it('does not take an amount changed while the trigger did not run as its own by a move on from signing', () => {
    open({ deals: [fullDeal('С-00001', 'Договор заключён')] });
    edit(IVANOV, D, 2, 'Этап', [['Договор заключён']]);
    ss.getSheetByName(D)!
      .getRange(2, columnOf(session.workbook, D, 'Сумма договора, руб.'))
      .setValue(990000);
    edit(IVANOV, D, 2, 'Этап', [['Исполнение']]);
    edit(IVANOV, D, 2, 'Сумма договора, руб.', [[990000]]);
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(470000);
  });
});

describe('clients the memory missed', () => {
  /** puts a client into row `row` directly, as an edit the trigger did not see */
  const missed = (row: number, record: Row) =>
    ss
      .getSheetByName(C)!
      .getRange(row, 1, 1, headersOf('clients').length)
      .setValues([headersOf('clients').map((h) => record[h] ?? '')]);
  const SMIRNOV: Row = {
    ...CLIENT_A,
    'ID клиента': 'К-00003',
    Клиент: 'ИП Смирнов',
    Тип: 'ИП',
    ИНН: '500100730004',
    Телефон: '+79120000003',
    Email: 'smirnov@mail.ru',
  };
  /** the memory knows К-00001 and not the client put into row 3 after it */
  const openWithMissed = (record: Row) => {
    open();
    edit(IVANOV, C, 2, 'Статус клиента', [['Клиент']]);
    missed(3, record);
  };

  it('another specialist cannot change its status: its owner is read from the row', () => {
    openWithMissed(SMIRNOV);
    edit(PETROVA, C, 3, 'Статус клиента', [['Клиент']]);
    expect(at(C, 3, 'Статус клиента')).toBe('Потенциальный');
    expect(noteAt(C, 3, 'Статус клиента')).toBe(
      `${NOTE_PREFIX}статус «Клиент» не принят: строку ведёт другой сотрудник (${IVANOV}); изменить может он или директор`,
    );
  });

  it('its owner’s discount typed on a key client is kept with the status, logged from what the cell held', () => {
    openWithMissed({ ...SMIRNOV, 'Статус клиента': 'Ключевой', 'Скидка, %': 10 });
    edit(IVANOV, C, 3, 'Скидка, %', [[7]]);
    expect([at(C, 3, 'Статус клиента'), at(C, 3, 'Скидка, %')]).toEqual(['Ключевой', 7]);
    expect(lastLog()).toMatchObject({ Действие: 'Скидка', ID: 'К-00003', Было: '10', Стало: '7' });
  });

  it('an edit of it remembers its other fields: another specialist’s paste over them later goes back to them', () => {
    openWithMissed(SMIRNOV);
    edit(IVANOV, C, 3, 'Статус клиента', [['Клиент']]);
    edit(PETROVA, C, 3, 'ИНН', [['7736207543'], ['']]);
    expect(at(C, 3, 'ИНН')).toBe('500100730004');
    expect(noteAt(C, 3, 'ИНН')).toMatch(/^CRM: .*строку ведёт другой сотрудник/);
  });

  it('a row without an ID whose only «Клиент» is cleared stays empty, with nothing refused', () => {
    open();
    // a name typed into an empty row while the trigger did not run: the row got no ID
    ss.getSheetByName(C)!
      .getRange(3, columnOf(session.workbook, C, 'Клиент'))
      .setValue('ИП Смирнов');
    edit(IVANOV, C, 3, 'Клиент', [['']]);
    expect([at(C, 3, 'ID клиента'), at(C, 3, 'Клиент'), noteAt(C, 3, 'Клиент') ?? '']).toEqual(['', '', '']);
  });

  it('a row without an ID emptied by clearing its only cell stays empty, with nothing refused', () => {
    open();
    // a status typed into an empty row while the trigger did not run: the row got no ID
    ss.getSheetByName(C)!
      .getRange(3, columnOf(session.workbook, C, 'Статус клиента'))
      .setValue('Клиент');
    session.takeUiEvents();
    edit(IVANOV, C, 3, 'Статус клиента', [['']]);
    expect([at(C, 3, 'ID клиента'), at(C, 3, 'Статус клиента'), noteAt(C, 3, 'Статус клиента') ?? '']).toEqual([
      '',
      '',
      '',
    ]);
    expect([toasts(), ss.getSheetByName(SHEETS.log)]).toEqual([[], null]);
  });
});

describe('deals the memory missed', () => {
  /** puts a deal into row `row` directly, as an edit the trigger did not see */
  const missed = (row: number, record: Row) =>
    ss
      .getSheetByName(D)!
      .getRange(row, 1, 1, headersOf('deals').length)
      .setValues([headersOf('deals').map((h) => record[h] ?? '')]);

  it('another specialist cannot move it: its owner is read from the row', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    missed(3, fullDeal('С-00002', 'Переговоры'));
    edit(PETROVA, D, 3, 'Этап', [['КП отправлено']]);
    expect(at(D, 3, 'Этап')).toBe('Переговоры');
    expect(noteAt(D, 3, 'Этап')).toMatch(/строку ведёт другой сотрудник \(ivanov@proekt-a\.ru\)/);
  });

  it('an edit of its owner leaves its stage alone and remembers it, so a later paste is checked', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    missed(3, fullDeal('С-00002', 'Переговоры'));
    edit(IVANOV, D, 3, 'Ответственный', [[IVANOV]]);
    expect(at(D, 3, 'Этап')).toBe('Переговоры');
    edit(IVANOV, D, 2, 'Этап', [['Переговоры'], ['Исполнение']]);
    expect(at(D, 3, 'Этап')).toBe('Переговоры');
    expect(noteAt(D, 3, 'Этап')).toMatch(/^CRM: этап «Исполнение» не принят: /);
  });

  it('an edit of one deal does not take in a deal the memory missed: a paste over that one is still flagged', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    missed(3, fullDeal('С-00002', 'Переговоры'));
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено']]);
    edit(IVANOV, D, 3, 'Этап', [['КП отправлено', '']]);
    expect(at(D, 3, 'Этап')).toBe('КП отправлено');
    expect(noteAt(D, 3, 'Этап')).toBe(
      'CRM: этап «КП отправлено» оставлен без проверки: прежний этап неизвестен; директору — проверить сделку',
    );
    expect(lastLog()).toMatchObject({ Действие: 'Этап без проверки', ID: 'С-00002', Было: '(неизвестно)' });
  });

  it('a row typed without an ID while the trigger did not run is checked as a new deal at its next edit', () => {
    open({ deals: [] });
    missed(2, { ...fullDeal('', 'Исполнение') });
    edit(IVANOV, D, 2, 'Потребность', [['Утепление цеха']]);
    expect([at(D, 2, 'ID сделки'), at(D, 2, 'Этап'), at(D, 2, 'Потребность')]).toEqual([
      'С-00001',
      'Новый',
      'Утепление цеха',
    ]);
  });

  it('a single stage edit of such a row checks it from the start, not from what the cell held', () => {
    open({ deals: [] });
    missed(2, { ...fullDeal('', 'Переговоры') });
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено']]);
    expect([at(D, 2, 'ID сделки'), at(D, 2, 'Этап')]).toEqual(['С-00001', 'Новый']);
  });
});

describe('what a move keeps', () => {
  it('a move between open stages keeps the competitor and marks no pay month', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры', { Конкурент: 'ТеплоСтрой' })] });
    markComputed('2026-03', new Date(Date.now() - 60_000));
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено']]);
    expect([at(D, 2, 'Этап'), at(D, 2, 'Конкурент')]).toEqual(['КП отправлено', 'ТеплоСтрой']);
    expect(changedSinceComputed('2026-03')).toBeNull();
  });

  it('a lost deal typed «Отказ» again still goes back only to the stage it was lost at', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры', { 'Причина отказа': 'Цена' })] });
    edit(IVANOV, D, 2, 'Этап', [['Отказ']]);
    edit(IVANOV, D, 2, 'Этап', [['Отказ']]);
    edit(IVANOV, D, 2, 'Этап', [['Отказ'], ['']]);
    edit(IVANOV, D, 2, 'Этап', [['Новый']]);
    expect(at(D, 2, 'Этап')).toBe('Отказ');
    expect(noteAt(D, 2, 'Этап')).toMatch(/«Переговоры»/);
  });

  it('an empty row inside a paste over stages stays empty, with no note and no log', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено'], ['']]);
    expect([at(D, 3, 'ID сделки'), at(D, 3, 'Этап'), noteAt(D, 3, 'Этап') ?? '']).toEqual(['', '', '']);
    expect(rowsOf(session.workbook, SHEETS.log).map((r) => r['ID'])).toEqual(['С-00001']);
  });
});

describe('what an edit writes back', () => {
  it('a stage move on «Сделки» without a «Дата этапа» column is kept, with no date to stamp', () => {
    open({
      deals: [fullDeal('С-00001', 'Переговоры')],
      dealHeaders: headersOf('deals').filter((h) => h !== 'Дата этапа'),
    });
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено']]);
    expect(at(D, 2, 'Этап')).toBe('КП отправлено');
    expect(lastLog()).toMatchObject({ Действие: 'Смена этапа', Было: 'Переговоры', Стало: 'КП отправлено' });
  });

  it('on «Сделки» without an «ID сделки» column, an edit of a plain field is kept as typed and gives no ID', () => {
    open({
      deals: [fullDeal('', 'Переговоры')],
      dealHeaders: headersOf('deals').filter((h) => h !== 'ID сделки'),
    });
    edit(IVANOV, D, 2, 'Потребность', [['Утепление цеха']]);
    expect([at(D, 2, 'Потребность'), ss.getSheetByName(SHEETS.log)]).toEqual(['Утепление цеха', null]);
  });

  it('a refusal in the last row of a sheet with no rows below it gets its note there', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    const sheet = ss.getSheetByName(D)!;
    sheet.deleteRows(4, sheet.getMaxRows() - 3);
    edit(IVANOV, D, 2, 'Этап', [['Переговоры'], ['Исполнение']]);
    expect([at(D, 2, 'Этап'), at(D, 3, 'Этап')]).toEqual(['Переговоры', 'Переговоры']);
    expect(noteAt(D, 2, 'Этап') ?? '').toBe('');
    expect(noteAt(D, 3, 'Этап')).toMatch(/^CRM: этап «Исполнение» не принят: /);
  });

  it('an accepted move rewrites no note, neither on a cell without one nor on one with the person’s own', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры')] });
    ss.getSheetByName(D)!
      .getRange(3, columnOf(session.workbook, D, 'Этап'))
      .setNote('позвонить в пятницу');
    session.resetCalls();
    edit(IVANOV, D, 2, 'Этап', [['КП отправлено']]);
    edit(IVANOV, D, 3, 'Этап', [['КП отправлено']]);
    expect([at(D, 2, 'Этап'), at(D, 3, 'Этап'), noteAt(D, 3, 'Этап')]).toEqual([
      'КП отправлено',
      'КП отправлено',
      'позвонить в пятницу',
    ]);
    expect(session.calls()['Range.setNotes']).toBeUndefined();
  });
});

describe('the clients of the edited deals', () => {
  it('are found by their exact ID, and of an ID in two rows the upper one is taken', () => {
    open({
      clients: [
        CLIENT_A,
        { ...CLIENT_A, 'ID клиента': 'к-00001', Клиент: 'ООО «Тепло-строчная»' },
        { ...CLIENT_A, Клиент: 'ООО «Тепло-копия»' },
      ],
    });
    const found = loadClients(new CrmContext(ss, IVANOV), ['К-00001']);
    expect([...found!.byId].map(([id, c]) => [id, c.row, c.record['Клиент']])).toEqual([['К-00001', 2, 'ООО «Тепло»']]);
  });
});

describe('what the memory keeps', () => {
  it('a cleared cell of an empty row makes no memory: pasted rows then keep their IDs, as before any memory exists', () => {
    open({ deals: [] });
    edit(IVANOV, D, 2, 'Этап', [['']]);
    expect(ss.getSheetByName('_Последние значения')).toBeNull();
    const head = (id: string) => [id, 'К-00001', 'ООО «Тепло»', IVANOV, 'Новый'];
    edit(IVANOV, D, 2, 'ID сделки', [head('С-00005'), head('С-00005')]);
    expect([at(D, 2, 'ID сделки'), at(D, 3, 'ID сделки')]).toEqual(['С-00005', 'С-00006']);
  });

  it('the amount of a signed deal is remembered: a specialist’s paste of another is refused', () => {
    open({ deals: [fullDeal('С-00001', 'Договор заключён')] });
    edit(IVANOV, D, 2, 'Этап', [['Договор заключён']]);
    edit(IVANOV, D, 2, 'Сумма договора, руб.', [[900000, 300000]]);
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(470000);
    expect(lastLog()).toMatchObject({
      Действие: 'Отклонено изменение поля',
      Поле: 'Сумма договора, руб.',
      Было: '470000',
      Стало: '900000',
    });
  });

  it('the amount of a deal not yet signed is not remembered: the one it has when signed is, so pasting it again changes nothing', () => {
    open({ deals: [fullDeal('С-00001', 'Согласование договора')] });
    edit(IVANOV, D, 2, 'Этап', [['Согласование договора']]);
    edit(IVANOV, D, 2, 'Сумма договора, руб.', [[480000]]);
    edit(IVANOV, D, 2, 'Этап', [['Договор заключён']]);
    expect(at(D, 2, 'Этап')).toBe('Договор заключён');
    edit(IVANOV, D, 2, 'Сумма договора, руб.', [[480000, 300000]]);
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(480000);
    expect(rowsOf(session.workbook, SHEETS.log).filter((r) => r['Действие'] === 'Отклонено изменение поля')).toEqual(
      [],
    );
  });

  it('a word in «Этап» that is not a stage is not remembered: the stage the next paste keeps is, and a skip from it is refused', () => {
    open({ deals: [fullDeal('С-00001', 'Почти договор')] });
    edit(IVANOV, D, 2, 'Ответственный', [[IVANOV]]);
    // the earlier stage is unknown: the paste keeps what the fields allow, flagged
    edit(IVANOV, D, 2, 'Этап', [['Переговоры', '']]);
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
    expect(lastLog()).toMatchObject({ Действие: 'Этап без проверки', Стало: 'Переговоры' });
    edit(IVANOV, D, 2, 'Этап', [['Исполнение', '']]);
    expect(at(D, 2, 'Этап')).toBe('Переговоры');
    expect(lastLog()).toMatchObject({ Действие: 'Отклонена смена этапа', Было: 'Переговоры', Стало: 'Исполнение' });
  });
});

describe('rule-bound fields: what is checked, written and remembered', () => {
  const MEMORY = '_Последние значения';
  const logRows = () =>
    session.workbook.sheets.some((s) => s.name === SHEETS.log) ? rowsOf(session.workbook, SHEETS.log) : [];

  it('a paste of empty owners over rows with no deal makes no memory', () => {
    open({ deals: [] });
    edit(IVANOV, D, 2, 'Ответственный', [[''], ['']]);
    expect(ss.getSheetByName(MEMORY)).toBeNull();
  });

  it('a deal the memory missed is refused to another specialist by its owner in the row, before the signed-deal rule', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    ss.getSheetByName(D)!
      .getRange(3, 1, 1, headersOf('deals').length)
      .setValues([headersOf('deals').map((h) => fullDeal('С-00002', 'Договор заключён')[h] ?? '')]);
    edit(PETROVA, D, 3, 'Сумма договора, руб.', [[480000]]);
    expect(at(D, 3, 'Сумма договора, руб.')).toBe(470000);
    expect(noteAt(D, 3, 'Сумма договора, руб.')).toBe(
      `${NOTE_PREFIX}«480000» не принято: строку ведёт другой сотрудник (${IVANOV}); изменить может он или директор`,
    );
  });

  it('two refusals of one column in one paste each get their note', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 3, 'Этап', [['Переговоры']]);
    edit(IVANOV, D, 2, 'Ответственный', [[PETROVA], [PETROVA]]);
    const refused = `${NOTE_PREFIX}«${PETROVA}» не принято: ответственного назначает только директор`;
    expect([noteAt(D, 2, 'Ответственный'), noteAt(D, 3, 'Ответственный')]).toEqual([refused, refused]);
  });

  it('an amount typed before signing is the specialist’s to change: it is neither logged nor remembered', () => {
    open({ deals: [fullDeal('С-00001', 'Согласование договора')] });
    edit(IVANOV, D, 2, 'Сумма договора, руб.', [[480000]]);
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(480000);
    expect(session.workbook.sheets.find((s) => s.name === SHEETS.log)).toBeUndefined();
    // not remembered: a paste of another amount, still before signing, is kept too
    edit(IVANOV, D, 2, 'Сумма договора, руб.', [[490000], ['']]);
    expect(at(D, 2, 'Сумма договора, руб.')).toBe(490000);
    expect(session.workbook.sheets.find((s) => s.name === SHEETS.log)).toBeUndefined();
  });

  it('formulas pasted over owners the memory does not know yet are replaced by the values they show', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Переговоры')] });
    const range = ss.getSheetByName(D)!.getRange(2, columnOf(session.workbook, D, 'Ответственный'), 2, 1);
    range.setFormulas([[`="${PETROVA}"`], [`="${PETROVA}"`]]);
    enforceEdit(new CrmContext(ss, DIRECTOR), { range });
    expect(range.getFormulas()).toEqual([[''], ['']]);
    expect([at(D, 2, 'Ответственный'), at(D, 3, 'Ответственный')]).toEqual([PETROVA, PETROVA]);
    expect(noteAt(D, 2, 'Ответственный')).toBe(
      `${NOTE_PREFIX}«${PETROVA}» не принято: здесь нельзя формулу: введите значение`,
    );
  });

  it('a pasted new client with a wrong ИНН is kept without it, with the reason noted', () => {
    open();
    const headers = headersOf('clients');
    const row = (values: Row) => headers.map((h) => values[h] ?? '');
    edit(IVANOV, C, 3, 'ID клиента', [
      row({ ...CLIENT_A, 'ID клиента': '', ИНН: '7707083891', Телефон: '', Email: 'a@b.ru' }),
      row({ ...CLIENT_A, 'ID клиента': '', ИНН: '7736207543', Телефон: '', Email: 'c@d.ru' }),
    ]);
    expect([at(C, 3, 'ID клиента'), at(C, 3, 'ИНН')]).toEqual(['К-00002', '']);
    expect(noteAt(C, 3, 'ИНН')).toMatch(/^CRM: «7707083891» не принято: /);
    expect([at(C, 4, 'ID клиента'), String(at(C, 4, 'ИНН'))]).toEqual(['К-00003', '7736207543']);
  });

  it('the owner of a signed deal typed again in capitals is kept in small letters, marks no month and is not logged', () => {
    open({ deals: [fullDeal('С-00001', 'Договор заключён', { 'Дата оплаты': '' })] });
    edit(IVANOV, D, 2, 'Этап', [['Договор заключён']]);
    markComputed('2026-03', new Date(Date.now() - 60_000));
    const logged = logRows().length;
    edit(IVANOV, D, 2, 'Ответственный', [[IVANOV.toUpperCase()]]);
    expect(at(D, 2, 'Ответственный')).toBe(IVANOV);
    expect(changedSinceComputed('2026-03')).toBeNull();
    expect(logRows()).toHaveLength(logged);
  });

  it('an accepted owner that needs no normalising is not written back over itself', () => {
    open({ deals: [fullDeal('С-00001', 'Переговоры')] });
    edit(IVANOV, D, 2, 'Этап', [['Переговоры']]);
    const range = ss.getSheetByName(D)!.getRange(2, columnOf(session.workbook, D, 'Ответственный'));
    range.setValue(PETROVA);
    const writes = valuesWritten(() =>
      enforceEdit(new CrmContext(ss, DIRECTOR), { range, value: PETROVA, oldValue: IVANOV }),
    );
    expect(at(D, 2, 'Ответственный')).toBe(PETROVA);
    expect(writes.filter((w) => JSON.stringify(w) === JSON.stringify([[PETROVA]]))).toEqual([]);
    expect(lastLog()).toMatchObject({ Действие: 'Изменение поля', Было: IVANOV, Стало: PETROVA });
  });

  it('a new deal pasted at a signed stage marks no month: it starts at «Новый», not in pay', () => {
    open({ deals: [] });
    markComputed('2026-03', new Date(Date.now() - 60_000));
    const deal = fullDeal('', 'Договор заключён', { 'Дата оплаты': '' });
    edit(DIRECTOR, D, 2, 'ID сделки', [headersOf('deals').map((h) => deal[h] ?? '')]);
    expect([at(D, 2, 'ID сделки'), at(D, 2, 'Этап')]).toEqual(['С-00001', 'Новый']);
    expect(changedSinceComputed('2026-03')).toBeNull();
  });

  it('a client with no phone whose e-mail a paste clears gets the e-mail back, and only it is refused', () => {
    open({ clients: [{ ...CLIENT_A, Телефон: '' }] });
    edit(IVANOV, C, 2, 'Клиент', [['ООО «Тепло»']]);
    session.takeUiEvents();
    const logged = logRows().length;
    edit(IVANOV, C, 2, 'Телефон', [['', '']]);
    expect([at(C, 2, 'Телефон'), at(C, 2, 'Email')]).toEqual(['', 'info@teplo.ru']);
    expect(noteAt(C, 2, 'Телефон') ?? '').toBe('');
    expect(toasts()).toEqual([
      expect.objectContaining({ message: 'К-00001: «Email»: у клиента должен остаться телефон или e-mail' }),
    ]);
    expect(
      logRows()
        .slice(logged)
        .filter((r) => r['Действие'] === 'Отклонено изменение поля')
        .map((r) => r['Поле']),
    ).toEqual(['Email']);
  });
});
