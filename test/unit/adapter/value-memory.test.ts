/**
 * The last valid value of enforced fields, kept in the hidden technical tab: read whole or only
 * for some IDs, saved in place or appended, never over a row another execution wrote meanwhile;
 * a specialist's values wait in the queue and count at once.
 */
import { ensureMemorySheet, MEMORY_SHEET, ValueMemory } from '../../../src/adapter/value-memory';
import { pendingEntries, queueEntries } from '../../../src/adapter/pending-writes';
import { withDocumentLock } from '../../../src/adapter/lock';
import { emptyWorkbook } from '../../../local/runtime/model';
import type { LocalRuntimeSession } from '../../../local/runtime';
import { activeSpreadsheet, installRuntime, OWNER, uninstallRuntime } from './runtime-services';

const IVANOV = 'ivanov@proekt-a.ru';
const HEADERS = ['ID', 'Поле', 'Значение', 'Этап отказа'];
let session: LocalRuntimeSession;
let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;

beforeEach(() => {
  const workbook = emptyWorkbook('Клиентская база', OWNER);
  workbook.editors = [IVANOV];
  session = installRuntime(workbook);
  ss = activeSpreadsheet();
  ss.insertSheet('Сделки');
});
afterEach(uninstallRuntime);

const tab = () => ss.getSheetByName(MEMORY_SHEET)!;
const cells = () => tab().getRange(1, 1, tab().getLastRow(), 4).getValues();
/** The tab with these data rows, as an earlier save left it. */
function memoryTab(rows: string[][]): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = ensureMemorySheet(ss);
  if (rows.length > 0) sheet.getRange(2, 1, rows.length, 4).setValues(rows);
  return sheet;
}
const calls = (name: string) => session.calls()[name] ?? 0;
/** IDs С-<from> … in a row, as the add-on numbers deals. */
const dealIds = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => `С-${String(from + i).padStart(5, '0')}`);
/** Values queued by a specialist, as her save leaves them. */
function queued(rows: string[][]): void {
  session.setUser(IVANOV);
  queueEntries(ss, 'memory', rows);
  session.setUser(OWNER);
}

describe('ensureMemorySheet', () => {
  it('makes the tab hidden, with its headers frozen, protected for the owner; an existing one is kept', () => {
    const sheet = ensureMemorySheet(ss);
    expect(sheet.getName()).toBe('_Последние значения');
    expect(sheet.getRange(1, 1, 1, 4).getValues()).toEqual([HEADERS]);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.isSheetHidden()).toBe(true);
    const [p] = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
    expect(p.getDescription()).toBe('Служебный лист надстройки CRM: изменяет только директор');
    sheet.getRange(2, 1, 1, 4).setValues([['С-00001', 'Этап', 'КП', '']]);
    expect(ensureMemorySheet(ss).getLastRow()).toBe(2);
    expect(ss.getSheets().filter((s) => s.getName() === MEMORY_SHEET)).toHaveLength(1);
  });
});

describe('ValueMemory.load', () => {
  beforeEach(() =>
    memoryTab([
      ['С-00001', 'Этап', 'Отказ', 'КП'],
      ['С-00001', 'Сумма', '1000', ''],
      ['К-00001', 'Статус клиента', 'Клиент', ''],
      ['', '', '', ''],
      ['С-00002', 'Этап', 'Лид', ''],
      ['С-00001', 'Сумма', '1500', ''],
    ]),
  );

  it('whole: every row, a key written twice read as its last row, blank rows skipped', () => {
    const m = ValueMemory.load(ss);
    expect(m.get('С-00001', 'Этап')).toEqual({ value: 'Отказ', lostAt: 'КП' });
    expect(m.get('С-00001', 'Сумма')).toEqual({ value: '1500', lostAt: '' });
    expect(m.get('С-00003', 'Этап')).toBeUndefined();
    expect(m.knows('С-00002')).toBe(true);
    expect(m.knows('С-0000')).toBe(false);
    expect(m.knows('')).toBe(false);
    expect([...m.fieldsOf('С-00001')]).toEqual([
      ['Этап', 'Отказ'],
      ['Сумма', '1500'],
    ]);
    expect(m.isEmpty).toBe(false);
  });

  it('for some IDs: only their rows, found exactly (not another ID’s case or a longer one)', () => {
    tab().appendRow(['с-00002', 'Этап', 'Чужой', '']);
    tab().appendRow(['С-000021', 'Этап', 'Длинный', '']);
    session.resetCalls();
    const m = ValueMemory.load(ss, ['С-00002', 'К-00001', '']);
    expect(m.get('С-00002', 'Этап')).toEqual({ value: 'Лид', lostAt: '' });
    expect(m.get('К-00001', 'Статус клиента')).toEqual({ value: 'Клиент', lostAt: '' });
    expect(m.get('С-00001', 'Этап')).toBeUndefined();
    expect(m.knows('С-00001')).toBe(false);
    expect(m.knows('с-00002')).toBe(false);
    expect(m.isEmpty).toBe(false);
    // rows 4 and 6 lie within three rows of each other: one read; the case-different row 8 is read but not taken
    expect(calls('Range.getValues')).toBeLessThanOrEqual(2);
    expect(ValueMemory.load(ss, ['С-0000.']).knows('С-00001')).toBe(false);
    expect(ValueMemory.load(ss, ['С-00001']).get('С-00001', 'Сумма')).toEqual({ value: '1500', lostAt: '' });
  });

  it('knows an emptied tab from one that merely lacks the IDs asked', () => {
    expect(ValueMemory.load(ss, ['С-00009']).isEmpty).toBe(false);
    tab().getRange(2, 1, 6, 4).clearContent();
    expect(ValueMemory.load(ss).isEmpty).toBe(true);
    expect(ValueMemory.load(ss, ['С-00009']).isEmpty).toBe(true);
    expect(ValueMemory.load(ss, []).isEmpty).toBe(true);
    expect(ValueMemory.rememberedIds(ss).size).toBe(0);
  });

  it('read whole, is empty when no row names an ID and field; read for IDs, not while the tab has rows', () => {
    tab().getRange(2, 1, 6, 4).clearContent();
    tab().getRange(3, 3).setValue('Лид');
    expect(ValueMemory.load(ss).isEmpty).toBe(true);
    expect(ValueMemory.load(ss, ['С-00009']).isEmpty).toBe(false);
    expect(ValueMemory.load(ss, dealIds(60, 101)).isEmpty).toBe(false);
  });

  it('for IDs, is not empty while values of them wait in the queue, the tab emptied', () => {
    tab().getRange(2, 1, 6, 4).clearContent();
    queued([['С-00001', 'Этап', 'КП', '']]);
    const m = ValueMemory.load(ss, ['С-00001']);
    expect(m.isEmpty).toBe(false);
    expect(m.get('С-00001', 'Этап')).toEqual({ value: 'КП', lostAt: '' });
  });

  it('for no IDs or only blank ones searches nothing, and the tab with rows is not empty', () => {
    session.resetCalls();
    const none = ValueMemory.load(ss, []);
    const blank = ValueMemory.load(ss, ['', '']);
    expect(calls('Range.createTextFinder')).toBe(0);
    expect(none.isEmpty).toBe(false);
    expect(blank.isEmpty).toBe(false);
    expect(blank.knows('')).toBe(false);
  });

  it('searches up to 50 IDs by TextFinder, more by reading the whole tab at once', () => {
    session.resetCalls();
    ValueMemory.load(ss, dealIds(50));
    expect(calls('TextFinder.findAll')).toBe(1);
    session.resetCalls();
    const many = ValueMemory.load(ss, dealIds(51));
    expect(calls('TextFinder.findAll')).toBe(0);
    expect(calls('Range.getValues')).toBe(1);
    expect(many.get('С-00002', 'Этап')).toEqual({ value: 'Лид', lostAt: '' });
  });

  it('finds IDs holding pattern characters, one alone as plain text, several as one pattern', () => {
    tab().appendRow(['А.1+', 'Этап', 'КП', '']);
    expect(ValueMemory.load(ss, ['А.1+']).get('А.1+', 'Этап')).toEqual({ value: 'КП', lostAt: '' });
    const two = ValueMemory.load(ss, ['А.1+', 'С-00002']);
    expect(two.get('А.1+', 'Этап')).toEqual({ value: 'КП', lostAt: '' });
    expect(two.get('С-00002', 'Этап')).toEqual({ value: 'Лид', lostAt: '' });
    // one ID is no pattern: «С-0000.» matches no row, and no row is read
    session.resetCalls();
    expect(ValueMemory.load(ss, ['С-0000.']).knows('С-00001')).toBe(false);
    expect(calls('Range.getValues')).toBe(0);
  });

  it('reads a tab that fills its grid to the last row', () => {
    tab().deleteRows(8, tab().getMaxRows() - 7);
    expect(tab().getMaxRows()).toBe(7);
    expect(ValueMemory.load(ss).get('С-00001', 'Сумма')).toEqual({ value: '1500', lostAt: '' });
    expect(ValueMemory.load(ss, ['С-00001']).get('С-00001', 'Сумма')).toEqual({ value: '1500', lostAt: '' });
    expect([...ValueMemory.rememberedIds(ss)].sort()).toEqual(['К-00001', 'С-00001', 'С-00002']);
  });

  it('lists every remembered ID, the queued ones too', () => {
    expect([...ValueMemory.rememberedIds(ss)].sort()).toEqual(['К-00001', 'С-00001', 'С-00002']);
  });
});

describe('reading the rows of some IDs', () => {
  // rows 2–10: С-00001…С-00009; row 11: an ID that holds С-00001 in it
  beforeEach(() => memoryTab([...dealIds(9).map((id) => [id, 'Этап', 'Лид', '']), ['С-000011', 'Этап', 'КП', '']]));

  it('reads rows up to three apart in one read, rows further apart each on its own', () => {
    session.resetCalls();
    const near = ValueMemory.load(ss, ['С-00001', 'С-00004']);
    expect(calls('Range.getValues')).toBe(1);
    session.resetCalls();
    const apart = ValueMemory.load(ss, ['С-00001', 'С-00005']);
    expect(calls('Range.getValues')).toBe(2);
    for (const [m, id] of [
      [near, 'С-00004'],
      [apart, 'С-00005'],
    ] as const) {
      expect(m.get('С-00001', 'Этап')).toEqual({ value: 'Лид', lostAt: '' });
      expect(m.get(id, 'Этап')).toEqual({ value: 'Лид', lostAt: '' });
      expect(m.knows('С-00002')).toBe(false);
    }
  });

  it('reads no row of an ID that merely holds the one asked', () => {
    session.resetCalls();
    const m = ValueMemory.load(ss, ['С-00001']);
    expect(calls('Range.getValues')).toBe(1);
    expect(m.knows('С-000011')).toBe(false);
  });
});

describe('ValueMemory.include', () => {
  beforeEach(() =>
    memoryTab([
      ['С-00001', 'Этап', 'Отказ', 'КП'],
      ['К-00001', 'Статус клиента', 'Клиент', ''],
      ['С-00002', 'Этап', 'Лид', ''],
    ]),
  );

  it('reads the rows of the IDs not yet read, once; values queued for them stay', () => {
    queued([['С-00002', 'Этап', 'КП', '']]);
    const m = ValueMemory.load(ss, ['К-00001']);
    expect(m.knows('С-00001')).toBe(false);
    session.resetCalls();
    m.include(['С-00001', 'С-00002', 'К-00001']);
    expect(calls('TextFinder.findAll')).toBe(1);
    expect(m.get('С-00001', 'Этап')).toEqual({ value: 'Отказ', lostAt: 'КП' });
    expect(m.get('С-00002', 'Этап')).toEqual({ value: 'КП', lostAt: '' });
    expect(m.get('К-00001', 'Статус клиента')).toEqual({ value: 'Клиент', lostAt: '' });
    session.resetCalls();
    m.include(['С-00001', '', 'К-00001']);
    m.include([]);
    expect(session.calls()).toEqual({});
  });

  it('reads nothing for a memory read whole', () => {
    const m = ValueMemory.load(ss);
    session.resetCalls();
    m.include(['С-00009']);
    expect(session.calls()).toEqual({});
  });
});

describe('a queued entry cut short', () => {
  it('reads its missing cells as empty', () => {
    queued([['С-00001', 'Этап'], ['С-00002'], []]);
    const m = ValueMemory.load(ss);
    expect(m.get('С-00001', 'Этап')).toEqual({ value: '', lostAt: '' });
    expect([...m.fieldsOf('С-00002')]).toEqual([['', '']]);
    expect([...m.fieldsOf('')]).toEqual([['', '']]);
    expect([...ValueMemory.rememberedIds(ss)].sort()).toEqual(['С-00001', 'С-00002']);
  });
});

describe('a missing tab', () => {
  it('reads as empty, lists no IDs, and is made on the first save', () => {
    const m = ValueMemory.load(ss);
    expect(m.isEmpty).toBe(true);
    expect(ValueMemory.load(ss, ['С-00001']).isEmpty).toBe(true);
    expect(ValueMemory.rememberedIds(ss).size).toBe(0);
    m.set('С-00001', 'Этап', 'Лид');
    m.save();
    expect(cells()).toEqual([HEADERS, ['С-00001', 'Этап', 'Лид', '']]);
  });
});

describe('ValueMemory.save', () => {
  it('writes nothing when nothing changed, also for a value set to what it was', () => {
    memoryTab([['С-00001', 'Этап', 'Отказ', 'КП']]);
    const m = ValueMemory.load(ss);
    m.set('С-00001', 'Этап', 'Отказ', 'КП');
    session.resetCalls();
    m.save();
    expect(session.calls()).toEqual({});
    m.set('С-00001', 'Этап', 'Отказ', 'Лид');
    m.save();
    expect(cells()[1]).toEqual(['С-00001', 'Этап', 'Отказ', 'Лид']);
  });

  it('updates rows in place in one block over their span and appends new ones after the real last row', () => {
    memoryTab([
      ['С-00001', 'Этап', 'Лид', ''],
      ['С-00002', 'Этап', 'Лид', ''],
      ['С-00003', 'Этап', 'Лид', ''],
    ]);
    const m = ValueMemory.load(ss);
    // another execution appends a row after this one loaded
    tab().appendRow(['С-00004', 'Этап', 'КП', '']);
    m.set('С-00003', 'Этап', 'КП');
    m.set('С-00001', 'Этап', 'Квалификация');
    m.set('С-00005', 'Этап', '=Лид');
    session.resetCalls();
    m.save();
    expect(cells()).toEqual([
      HEADERS,
      ['С-00001', 'Этап', 'Квалификация', ''],
      ['С-00002', 'Этап', 'Лид', ''],
      ['С-00003', 'Этап', 'КП', ''],
      ['С-00004', 'Этап', 'КП', ''],
      ['С-00005', 'Этап', '=Лид', ''],
    ]);
    expect(tab().getRange(6, 3).getFormula()).toBe('');
    // the span of updated rows in one setValues, the one new row by appendRow
    expect(calls('Range.setValues')).toBe(1);
    expect(calls('Sheet.appendRow')).toBe(1);
    // saved once: a second save writes nothing
    session.resetCalls();
    m.save();
    expect(calls('Range.setValues')).toBe(0);
  });

  it('updates the row where the tab holds it now, after another execution moved it down', () => {
    memoryTab([['С-00001', 'Этап', 'Лид', '']]);
    const m = ValueMemory.load(ss, ['С-00001']);
    tab().insertRowsBefore(2, 2);
    tab()
      .getRange(2, 1, 2, 4)
      .setValues([
        ['К-00001', 'Статус клиента', 'Клиент', ''],
        ['К-00001', 'Скидка, %', 'нет', ''],
      ]);
    m.set('С-00001', 'Этап', 'КП');
    m.set('С-00002', 'Этап', 'Лид');
    m.save();
    expect(cells()).toEqual([
      HEADERS,
      ['К-00001', 'Статус клиента', 'Клиент', ''],
      ['К-00001', 'Скидка, %', 'нет', ''],
      ['С-00001', 'Этап', 'КП', ''],
      ['С-00002', 'Этап', 'Лид', ''],
    ]);
  });

  it('saves rows found for some IDs each in its place when they lie apart', () => {
    memoryTab(Array.from({ length: 10 }, (_, i) => [`С-${String(i + 1).padStart(5, '0')}`, 'Этап', 'Лид', '']));
    const m = ValueMemory.load(ss, ['С-00001', 'С-00009']);
    m.set('С-00001', 'Этап', 'КП');
    m.set('С-00009', 'Этап', 'Договор');
    session.resetCalls();
    m.save();
    expect(calls('Range.setValues')).toBe(2);
    expect(cells().map((r) => r[2])).toEqual([
      'Значение',
      'КП',
      'Лид',
      'Лид',
      'Лид',
      'Лид',
      'Лид',
      'Лид',
      'Лид',
      'Договор',
      'Лид',
    ]);
  });

  it('saves a rebuild of many IDs over the whole tab', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `С-${String(i + 1).padStart(5, '0')}`);
    memoryTab(ids.map((id) => [id, 'Этап', 'Лид', '']));
    const m = ValueMemory.load(ss, ids);
    expect(m.get('С-00060', 'Этап')).toEqual({ value: 'Лид', lostAt: '' });
    for (const id of ids) m.set(id, 'Этап', 'КП');
    session.resetCalls();
    m.save();
    expect(calls('Range.setValues')).toBe(1);
    expect(calls('TextFinder.findAll')).toBe(0);
    expect(
      cells()
        .slice(1)
        .every((r) => r[2] === 'КП'),
    ).toBe(true);
  });

  it('queues a specialist’s values, which count at once, and the director’s next save writes them, once', () => {
    memoryTab([['С-00001', 'Этап', 'Лид', '']]);
    session.setUser(IVANOV);
    const mine = ValueMemory.load(ss, ['С-00001']);
    mine.set('С-00001', 'Этап', 'КП');
    mine.set('С-00002', 'Этап', 'Отказ', 'Лид');
    mine.save();
    expect(cells()).toEqual([HEADERS, ['С-00001', 'Этап', 'Лид', '']]);
    expect(pendingEntries(ss, 'memory').map((e) => e.row)).toEqual([
      ['С-00001', 'Этап', 'КП', ''],
      ['С-00002', 'Этап', 'Отказ', 'Лид'],
    ]);
    // a second save of the same memory queues nothing more
    mine.save();
    expect(pendingEntries(ss, 'memory')).toHaveLength(2);
    const seen = ValueMemory.load(ss);
    expect(seen.get('С-00001', 'Этап')).toEqual({ value: 'КП', lostAt: '' });
    expect(seen.get('С-00002', 'Этап')).toEqual({ value: 'Отказ', lostAt: 'Лид' });
    expect([...ValueMemory.rememberedIds(ss)].sort()).toEqual(['С-00001', 'С-00002']);
    // the specialist's own later load still sees them, and saving it queues nothing new
    ValueMemory.load(ss, ['С-00001']).save();
    expect(pendingEntries(ss, 'memory')).toHaveLength(2);

    session.setUser(OWNER);
    const director = ValueMemory.load(ss, ['С-00001', 'С-00002']);
    director.save();
    expect(cells()).toEqual([HEADERS, ['С-00001', 'Этап', 'КП', ''], ['С-00002', 'Этап', 'Отказ', 'Лид']]);
    expect(pendingEntries(ss, 'memory')).toEqual([]);
    director.save();
    expect(tab().getLastRow()).toBe(3);
  });

  it('writes a span of rows below the first in place', () => {
    memoryTab(dealIds(3).map((id) => [id, 'Этап', 'Лид', '']));
    const m = ValueMemory.load(ss);
    m.set('С-00002', 'Этап', 'КП');
    m.set('С-00003', 'Этап', 'Договор');
    m.save();
    expect(cells()).toEqual([
      HEADERS,
      ['С-00001', 'Этап', 'Лид', ''],
      ['С-00002', 'Этап', 'КП', ''],
      ['С-00003', 'Этап', 'Договор', ''],
    ]);
  });

  it('forgets queued values the tab already holds without reading or writing the tab', () => {
    memoryTab([['С-00001', 'Этап', 'КП', '']]);
    queued([['С-00001', 'Этап', 'КП', '']]);
    const m = ValueMemory.load(ss);
    session.resetCalls();
    m.save();
    expect(pendingEntries(ss, 'memory')).toEqual([]);
    expect(calls('Sheet.getLastRow')).toBe(0);
    expect(calls('Range.getValues')).toBe(0);
    expect(calls('Range.setValues')).toBe(0);
    expect(cells()).toEqual([HEADERS, ['С-00001', 'Этап', 'КП', '']]);
  });

  it('saves into its own tab without looking it up again, and into another spreadsheet’s tab when given one', () => {
    memoryTab(dealIds(3).map((id) => [id, 'Этап', 'Лид', '']));
    const m = ValueMemory.load(ss);
    m.set('С-00001', 'Этап', 'КП');
    session.resetCalls();
    m.save();
    expect(calls('Spreadsheet.getSheetByName')).toBe(0);
    expect(cells()[1]).toEqual(['С-00001', 'Этап', 'КП', '']);

    const other = SpreadsheetApp.create('Копия базы');
    withDocumentLock(() => {
      const mine = ValueMemory.load(ss);
      mine.set('С-00003', 'Этап', 'Договор');
      mine.save(other);
    });
    const copy = other.getSheetByName(MEMORY_SHEET)!;
    expect(copy.getRange(1, 1, copy.getLastRow(), 4).getValues()).toEqual([
      HEADERS,
      ['С-00003', 'Этап', 'Договор', ''],
    ]);
    expect(cells()[3]).toEqual(['С-00003', 'Этап', 'Лид', '']);
  });
});

describe('ValueMemory.save under the document lock', () => {
  beforeEach(() => memoryTab(dealIds(3).map((id) => [id, 'Этап', 'Лид', ''])));
  const reads = () => calls('Range.getValues') + calls('TextFinder.findAll') + calls('Sheet.getLastRow');
  /** Another execution puts two client rows at the top, moving the deal rows down. */
  const rowsMovedDown = () => {
    tab().insertRowsBefore(2, 2);
    tab()
      .getRange(2, 1, 2, 4)
      .setValues([
        ['К-00001', 'Статус клиента', 'Клиент', ''],
        ['К-00001', 'Скидка, %', 'нет', ''],
      ]);
  };

  it('in the hold it was loaded in, writes without reading the tab again (read whole)', () => {
    withDocumentLock(() => {
      const m = ValueMemory.load(ss);
      m.set('С-00002', 'Этап', 'КП');
      m.set('С-00004', 'Этап', 'Лид');
      session.resetCalls();
      m.save();
      expect(reads()).toBe(0);
    });
    expect(cells()).toEqual([
      HEADERS,
      ['С-00001', 'Этап', 'Лид', ''],
      ['С-00002', 'Этап', 'КП', ''],
      ['С-00003', 'Этап', 'Лид', ''],
      ['С-00004', 'Этап', 'Лид', ''],
    ]);
  });

  it('in the hold it was loaded in, writes the IDs it read without reading the tab again', () => {
    withDocumentLock(() => {
      const m = ValueMemory.load(ss, ['С-00001', 'С-00003']);
      m.set('С-00001', 'Этап', 'КП');
      m.set('С-00003', 'Этап', 'Договор');
      session.resetCalls();
      m.save();
      expect(reads()).toBe(0);
    });
    expect(cells().map((r) => r[2])).toEqual(['Значение', 'КП', 'Лид', 'Договор']);
  });

  it('reads the rows of a changed ID it had not read before writing it', () => {
    withDocumentLock(() => {
      const m = ValueMemory.load(ss, ['С-00001']);
      m.set('С-00001', 'Этап', 'КП');
      m.set('С-00003', 'Этап', 'Договор');
      m.save();
    });
    expect(cells()).toEqual([
      HEADERS,
      ['С-00001', 'Этап', 'КП', ''],
      ['С-00002', 'Этап', 'Лид', ''],
      ['С-00003', 'Этап', 'Договор', ''],
    ]);
  });

  it('reads the tab again when saved in a later hold', () => {
    const early = withDocumentLock(() => ValueMemory.load(ss, ['С-00001']));
    rowsMovedDown();
    withDocumentLock(() => {
      early.set('С-00001', 'Этап', 'КП');
      early.save();
    });
    expect(cells().map((r) => r[2])).toEqual(['Значение', 'Клиент', 'нет', 'КП', 'Лид', 'Лид']);
  });

  it('reads the tab again when loaded and saved outside the lock', () => {
    const outside = ValueMemory.load(ss, ['С-00002']);
    rowsMovedDown();
    outside.set('С-00002', 'Этап', 'Договор');
    outside.save();
    expect(cells().map((r) => r[2])).toEqual(['Значение', 'Клиент', 'нет', 'Лид', 'Договор', 'Лид']);
  });

  it('reads the tab again after another memory of the same hold saved', () => {
    withDocumentLock(() => {
      const first = ValueMemory.load(ss, ['С-00009']);
      const second = ValueMemory.load(ss, ['С-00009']);
      first.set('С-00009', 'Этап', 'Лид');
      first.save();
      second.set('С-00009', 'Этап', 'КП');
      second.save();
    });
    expect(cells().slice(4)).toEqual([['С-00009', 'Этап', 'КП', '']]);
  });

  it('reads the tab again after saves of the whole tab and of some rows by other memories', () => {
    withDocumentLock(() => {
      const m = ValueMemory.load(ss, ['С-00009']);
      const whole = ValueMemory.load(ss);
      whole.set('С-00009', 'Этап', 'Лид');
      whole.save();
      const some = ValueMemory.load(ss, ['С-00001']);
      some.set('С-00001', 'Этап', 'КП');
      some.save();
      m.set('С-00009', 'Этап', 'Договор');
      m.save();
    });
    expect(cells().slice(1)).toEqual([
      ['С-00001', 'Этап', 'КП', ''],
      ['С-00002', 'Этап', 'Лид', ''],
      ['С-00003', 'Этап', 'Лид', ''],
      ['С-00009', 'Этап', 'Договор', ''],
    ]);
  });

  it('after an include, writes the IDs it read without reading the tab again', () => {
    withDocumentLock(() => {
      const m = ValueMemory.load(ss, ['С-00001']);
      m.include(['С-00003']);
      m.set('С-00003', 'Этап', 'Договор');
      session.resetCalls();
      m.save();
      expect(reads()).toBe(0);
    });
    withDocumentLock(() => {
      const none = ValueMemory.load(ss, []);
      none.include(['С-00002']);
      none.set('С-00002', 'Этап', 'КП');
      session.resetCalls();
      none.save();
      expect(reads()).toBe(0);
    });
    expect(cells().map((r) => r[2])).toEqual(['Значение', 'Лид', 'КП', 'Договор']);
  });

  it('after an include into a load of the whole tab, reads the tab again', () => {
    withDocumentLock(() => {
      const m = ValueMemory.load(ss, dealIds(60, 101));
      m.include(['С-00003']);
      m.set('С-00003', 'Этап', 'Договор');
      session.resetCalls();
      m.save();
      expect(calls('Range.getValues')).toBe(1);
    });
    expect(cells().map((r) => r[2])).toEqual(['Значение', 'Лид', 'Лид', 'Договор']);
  });
});
