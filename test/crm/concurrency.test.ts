/**
 * Nothing is lost when the team works at once: each case of two executions
 * overlapping (an edit's check and another's, a sidebar save and a row typed at
 * the same moment, a flush of the queue and a specialist queuing), the queue of
 * pending writes within Google's property limits, retries with a request ID,
 * and the lock waits of a simple trigger.
 */
import { SHEETS } from '../../src/domain/workbook/schema';
import type { LocalRuntimeSession } from '../../local/runtime';
import { mentions, overlapAt } from '../helpers/overlap';
import { bundleSession } from '../helpers/workbook';
import {
  DIRECTOR,
  IVANOV,
  PETROVA,
  NEW_DEAL,
  cell,
  columnOf,
  crmSession,
  crmWorkbook,
  fullDeal,
  rowsOf,
} from './crm-workbook';

const D = SHEETS.deals;
const MEMORY = '_Последние значения';

function stageEdit(session: LocalRuntimeSession, row: number, stage: string): void {
  session.edit({ sheet: D, row, column: columnOf(session.workbook, D, 'Этап'), values: [[stage]] });
}

function logOf(session: LocalRuntimeSession, action?: string) {
  return rowsOf(session.workbook, SHEETS.log).filter((r) => action === undefined || r['Действие'] === action);
}

function memoryIds(session: LocalRuntimeSession): string[] {
  return rowsOf(session.workbook, MEMORY)
    .filter((r) => r['Поле'] === 'Этап')
    .map((r) => String(r['ID']));
}

const newClient = (name: string, phone: string) => ({ Клиент: name, Тип: 'Физлицо', Источник: 'Сайт', Телефон: phone });

/** Bytes of a string in UTF-8, as Google counts a property's size. */
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('appends under the document lock', () => {
  it('keeps both «Журнал» rows of two refused stage edits checked at the same moment', () => {
    const session = crmSession(
      crmWorkbook({ deals: [fullDeal('С-00001', 'Новый'), fullDeal('С-00002', 'Новый')] }),
      IVANOV,
    );
    const before = logOf(session).length;
    // Петрова's refused edit starts while the check of Иванов's is about to write its log row
    const overlap = overlapAt(
      session,
      (call, args) =>
        (call === 'Range.setValues' || call === 'Sheet.appendRow') && mentions(args, 'Отклонена смена этапа'),
      () => {
        session.setUser(PETROVA);
        stageEdit(session, 3, 'Завершена');
        session.setUser(IVANOV);
      },
    );
    stageEdit(session, 2, 'Переговоры');
    overlap.finish();
    expect(overlap.started).toBe(true);
    expect(overlap.error).toBeUndefined();
    const refused = logOf(session, 'Отклонена смена этапа').map((r) => [r['ID'], r['Стало']]);
    expect(refused).toEqual(
      expect.arrayContaining([
        ['С-00001', 'Переговоры'],
        ['С-00002', 'Завершена'],
      ]),
    );
    expect(logOf(session).length).toBe(before + 2);
    expect(cell(session.workbook, D, 3, 'Этап')).toBe('Новый');
  });

  it('keeps the memory of two deals typed at the same moment, so both can be checked later', () => {
    const session = crmSession(crmWorkbook({ deals: [] }), IVANOV);
    const row = (client: string) => [['', 'К-00001', client, IVANOV, 'Новый']];
    const overlap = overlapAt(
      session,
      (call, args) =>
        (call === 'Range.setValues' || call === 'Sheet.appendRow') &&
        mentions(args, 'С-00001') &&
        mentions(args, 'Этап'),
      () => {
        session.setUser(PETROVA);
        session.edit({ sheet: D, row: 3, column: 1, values: row('ООО «Тепло»') });
        session.setUser(IVANOV);
      },
    );
    session.edit({ sheet: D, row: 2, column: 1, values: row('ООО «Тепло»') });
    overlap.finish();
    expect(overlap.started).toBe(true);
    const ids = rowsOf(session.workbook, D).map((r) => r['ID сделки']);
    expect(ids).toEqual(['С-00001', 'С-00002']);
    expect(memoryIds(session).sort()).toEqual(['С-00001', 'С-00002']);
    // so a later paste over the second deal is still checked against «Новый»
    // a paste of two cells carries no old value: only the memory knows the stage
    session.edit({
      sheet: D,
      row: 3,
      column: columnOf(session.workbook, D, 'Этап'),
      values: [['Договор заключён', '']],
    });
    expect(cell(session.workbook, D, 3, 'Этап')).toBe('Новый');
  });

  it('never overwrites a row a person types into «Клиенты» while a sidebar «Новый клиент» is saved', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    const clients = session.workbook.sheets.find((s) => s.name === SHEETS.clients)!;
    const typed = ['', 'ИП Петров', 'ИП', '', '', '+79120000077'];
    const overlap = overlapAt(
      session,
      (call, args) => (call === 'Range.setValues' || call === 'Sheet.appendRow') && mentions(args, 'Сидоров'),
      () => {
        // Петрова types a client into the first empty row at that very moment (typing takes no lock)
        typed.forEach((value, c) => {
          clients.rows[2] ??= [];
          if (value) clients.rows[2][c] = { value };
        });
      },
      { needsLock: false },
    );
    const result = session.run('createClient', [newClient('Сидоров Пётр', '+79120000088'), false]);
    overlap.finish();
    expect(overlap.started).toBe(true);
    expect(result).toMatchObject({ status: 'created' });
    const names = rowsOf(session.workbook, SHEETS.clients).map((r) => r['Клиент']);
    expect(names).toEqual(['ООО «Тепло»', 'ИП Петров', 'Сидоров Пётр']);
  });
});

describe('the queue of entries a specialist cannot write', () => {
  it('writes a queued entry once when two of the director\u2019s runs write out the queue at once', () => {
    const session = crmSession(crmWorkbook({ deals: [NEW_DEAL] }), DIRECTOR);
    session.runAs(IVANOV, 'updateClient', ['К-00001', { Город: 'Самара' }]);
    expect(logOf(session).filter((r) => r['Стало'] === 'Самара')).toHaveLength(0);
    // the director's edit trigger writes out the queue; the director's sidebar save starts meanwhile
    const overlap = overlapAt(
      session,
      (call, args) => (call === 'Range.setValues' || call === 'Sheet.appendRow') && mentions(args, 'Самара'),
      () => session.run('updateClient', ['К-00001', { Примечание: 'Оптовик' }]),
    );
    stageEdit(session, 2, 'Потребность выявлена');
    overlap.finish();
    expect(overlap.started).toBe(true);
    expect(overlap.error).toBeUndefined();
    expect(logOf(session).filter((r) => r['Стало'] === 'Самара')).toHaveLength(1);
    expect(logOf(session).filter((r) => r['Стало'] === 'Оптовик')).toHaveLength(1);
  });

  it('tells the specialist the save worked when it queues while the director writes the queue out', () => {
    const session = crmSession(crmWorkbook({ deals: [NEW_DEAL] }), DIRECTOR);
    session.runAs(IVANOV, 'updateClient', ['К-00001', { Город: 'Самара' }]);
    const overlap = overlapAt(
      session,
      (call) => call === 'Properties.deleteProperty' || call === 'Properties.setProperty',
      () => session.runAs(IVANOV, 'updateClient', ['К-00001', { Город: 'Тверь' }]),
    );
    // the director's own edit: its check writes out Иванов's queued entry
    stageEdit(session, 2, 'Потребность выявлена');
    overlap.finish();
    expect(overlap.started).toBe(true);
    expect(overlap.error).toBeUndefined();
    expect(overlap.result).toMatchObject({ status: 'saved' });
    session.fireTimeTriggers();
    expect(
      logOf(session, 'Изменение поля')
        .filter((r) => r['Пользователь'] === IVANOV)
        .map((r) => r['Стало']),
    ).toEqual(['Самара', 'Тверь']);
  });

  it('keeps every property value under 9 KB and drains by the hourly trigger, each entry once', () => {
    const session = crmSession(crmWorkbook({ deals: [NEW_DEAL] }), IVANOV);
    expect(
      session
        .triggers()
        .filter((t) => t.kind === 'clock')
        .map((t) => t.handler),
    ).toEqual(['flushPendingWrites']);
    const cities = Array.from({ length: 45 }, (_, i) => `Город номер ${i} — ${'длинное название '.repeat(3)}${i}`);
    for (const city of cities) {
      expect(session.run('updateClient', ['К-00001', { Город: city }])).toMatchObject({ status: 'saved' });
    }
    const props = session.workbook.documentProperties;
    for (const [key, value] of Object.entries(props)) expect(bytes(key) + bytes(value)).toBeLessThan(9 * 1024);
    expect(logOf(session).filter((r) => r['Пользователь'] === IVANOV)).toHaveLength(0);
    // no hand edit of the director: the hourly trigger writes them out
    expect(session.fireTimeTriggers()).toEqual([{ handler: 'flushPendingWrites' }]);
    const logged = logOf(session, 'Изменение поля')
      .filter((r) => r['Пользователь'] === IVANOV)
      .map((r) => r['Стало']);
    expect(logged).toEqual(cities);
    expect(Object.keys(session.workbook.documentProperties).filter((k) => k.startsWith('crm.q.'))).toEqual([]);
    session.fireTimeTriggers();
    expect(logOf(session, 'Изменение поля').filter((r) => r['Пользователь'] === IVANOV)).toHaveLength(45);
  });

  it('puts entries in the overflow tab when the store is full, tells the director, and loses none', () => {
    const session = crmSession(crmWorkbook({ deals: [NEW_DEAL] }), IVANOV);
    // other data fills the store close to its 500 KB
    for (let i = 0; i < 62; i++) session.workbook.documentProperties[`other.${i}`] = 'x'.repeat(8 * 1024);
    const city = (i: number) => `Город ${i} ${'в Свердловской области '.repeat(4)}${i}`;
    for (let i = 0; i < 12; i++) {
      expect(session.run('updateClient', ['К-00001', { Город: city(i) }])).toMatchObject({ status: 'saved' });
    }
    const total = Object.entries(session.workbook.documentProperties).reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0);
    expect(total).toBeLessThanOrEqual(500 * 1024);
    expect(session.run('getSidebarState')).toMatchObject({ notice: expect.stringMatching(/Настроить таблицу/) });
    session.setUser(DIRECTOR);
    session.open();
    const toast = session.takeUiEvents().find((e) => e.type === 'toast');
    expect(toast).toMatchObject({ message: expect.stringMatching(/Хранилище.*заполнено.*Настроить таблицу/) });
    // any menu item of the director writes the entries out
    session.run('menuCheckWorkbook');
    const logged = logOf(session, 'Изменение поля')
      .filter((r) => r['Пользователь'] === IVANOV)
      .map((r) => r['Стало']);
    expect(logged).toEqual(Array.from({ length: 12 }, (_, i) => city(i)));
    expect(session.run('getSidebarState')).toMatchObject({ notice: '' });
    expect(Object.keys(session.workbook.documentProperties).filter((k) => k.startsWith('other.'))).toHaveLength(62);
  });
});

describe('retries', () => {
  it('returns the first answer to a retried «Новый клиент» with the same request ID and saves once', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    const form = newClient('Сидоров Пётр', '+79120000088');
    const first = session.run('createClient', [form, false, 'req-7f3a']);
    const retry = session.run('createClient', [form, false, 'req-7f3a']);
    expect(retry).toEqual(first);
    expect(rowsOf(session.workbook, SHEETS.clients).filter((r) => r['Клиент'] === 'Сидоров Пётр')).toHaveLength(1);
    expect(session.run('createClient', [form, true, 'req-other'])).toMatchObject({ status: 'created' });
  });

  it('opens one deal and records one contact when those calls are retried with their request IDs', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    const first = session.run('createDeal', ['К-00001', 'deal-1']);
    expect(session.run('createDeal', ['К-00001', 'deal-1'])).toEqual(first);
    expect(rowsOf(session.workbook, D)).toHaveLength(1);
    const contact = { clientId: 'К-00001', type: 'Звонок', result: 'Договорились о встрече' };
    session.run('logContact', [contact, 'contact-1']);
    session.run('logContact', [contact, 'contact-1']);
    expect(rowsOf(session.workbook, SHEETS.contacts)).toHaveLength(1);
  });
});

describe('lock waits of a simple trigger', () => {
  it('wait at most 15 s in all, inside the 30 s Google gives a simple trigger', () => {
    // before «Настроить таблицу»: the simple trigger does the whole check as the specialist
    const session = bundleSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), { user: IVANOV });
    const waits: number[] = [];
    const stop = session.onServiceCall((call, args) => {
      if (call === 'Lock.waitLock' || call === 'Lock.tryLock') waits.push(Number(args[0]));
    });
    session.edit({ sheet: D, row: 3, column: 1, values: [['', 'К-00001', 'ООО «Тепло»', IVANOV, 'Новый']] });
    stop();
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(15_000);
  });
});
