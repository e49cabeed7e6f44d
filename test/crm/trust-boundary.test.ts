/**
 * What a specialist who wants a bigger bonus would try, through the local
 * runtime: ordinary edits of any tab (typed, pasted, a formula) and the
 * sidebar's server functions. Only the director changes what decides pay and
 * rights; every refused attempt is in «Журнал».
 */
import { PERSON_PROTECTED_MESSAGE } from '../../local/runtime';
import type { CellModel, WorkbookModel } from '../../local/runtime/model';
import { MEMORY_SHEET } from '../../src/adapter/value-memory';
import { SHEETS } from '../../src/domain/workbook/schema';
import { CLOSED_MONTHS_SHEET } from '../../src/server/payroll/closed-months';
import {
  CLIENT_A,
  DIRECTOR,
  IVANOV,
  PETROVA,
  cell,
  columnOf,
  crmSession,
  crmWorkbook,
  fullDeal,
  rowsOf,
} from './crm-workbook';

const D = SHEETS.deals;
const C = SHEETS.clients;
const WORKSPACE = { accounts: 'workspace' as const };

type Session = ReturnType<typeof crmSession>;

function type(session: Session, sheet: string, row: number, header: string, text: string): void {
  session.edit({ sheet, row, column: columnOf(session.workbook, sheet, header), values: [[text]] });
}

function lastLog(session: Session) {
  const log = rowsOf(session.workbook, SHEETS.log);
  return log[log.length - 1];
}

function noteOf(session: Session, sheet: string, row: number, header: string): string | undefined {
  const s = session.workbook.sheets.find((x) => x.name === sheet)!;
  return s.rows[row - 1]?.[columnOf(session.workbook, sheet, header) - 1]?.note;
}

function settingsCell(workbook: WorkbookModel, name: string): CellModel {
  const sheet = workbook.sheets.find((s) => s.name === SHEETS.settings)!;
  const row = sheet.rows.find((r) => r?.[0]?.value === name)!;
  return (row[1] ??= { value: null });
}

/** Every cell holding a formula on a tab, as «row:col formula». */
function formulasOn(workbook: WorkbookModel, name: string): string[] {
  const sheet = workbook.sheets.find((s) => s.name === name);
  const out: string[] = [];
  sheet?.rows.forEach((row, r) => row?.forEach((c, k) => c?.formula && out.push(`${r + 1}:${k + 1} ${c.formula}`)));
  return out;
}

const IVANOV_SIGNED = fullDeal('С-00001', 'Договор заключён');
const IVANOV_DONE = fullDeal('С-00002', 'Завершена');
const IVANOV_OFFER = fullDeal('С-00003', 'КП отправлено');

describe('who is the director', () => {
  it('«Сотрудники», «Планы», «Табель», «Настройки», «Журнал» and the memory tab: only the director edits them', () => {
    const workbook = crmWorkbook({ deals: [IVANOV_SIGNED] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    for (const name of [SHEETS.staff, SHEETS.plans, SHEETS.timesheet, SHEETS.settings, SHEETS.log, MEMORY_SHEET]) {
      const protections = workbook.sheets.find((s) => s.name === name)!.protections;
      expect({ name, protections }).toEqual({
        name,
        protections: [expect.objectContaining({ type: 'sheet', warningOnly: false, editors: [DIRECTOR] })],
      });
      expect(() => session.edit({ sheet: name, row: 3, column: 2, values: [['Директор']] })).toThrow(
        PERSON_PROTECTED_MESSAGE,
      );
    }
  });

  it('«Директор» in a specialist’s own «Должность» gives her no rights', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    // as if typed before the tab was protected
    const staff = workbook.sheets.find((s) => s.name === SHEETS.staff)!;
    staff.rows[2]![columnOf(workbook, SHEETS.staff, 'Должность') - 1] = { value: 'Директор' };
    expect(() => session.run('overrideStage', ['С-00001', 'Завершена', 'так надо'])).toThrow(/только директор/);
    const result = session.run('updateClient', ['К-00001', { 'Статус клиента': 'Ключевой' }]) as {
      status: string;
    };
    expect(result.status).toBe('invalid');
    type(session, C, 2, 'Статус клиента', 'Ключевой');
    expect(cell(workbook, C, 2, 'Статус клиента')).toBe('Потенциальный');
    session.takeUiEvents();
    session.run('menuComputePayroll', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
    expect(session.takeUiEvents()[0]).toMatchObject({ message: expect.stringMatching(/только директор/) });
    expect(workbook.sheets.map((s) => s.name)).not.toContain('Зарплата 03.2026');
  });

  it('a director named in «Настройки» is an editor of the director’s tabs and has the director’s rights', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] });
    settingsCell(workbook, 'E-mail директора').value = PETROVA;
    const session = crmSession(workbook, PETROVA, WORKSPACE);
    const protections = workbook.sheets.find((s) => s.name === SHEETS.staff)!.protections;
    expect(protections[0].editors.sort()).toEqual([DIRECTOR, PETROVA].sort());
    expect(session.run('overrideStage', ['С-00001', 'Переговоры', 'проверено'])).toMatchObject({ ok: true });
    // a specialist may not read that protection's editors (Google throws): she still works, as a specialist
    session.setUser(IVANOV);
    expect(session.run('getClientCard', ['К-00001'])).toMatchObject({ canOverride: false });
    expect(() => session.run('overrideStage', ['С-00001', 'Новый', 'проверено'])).toThrow(/только директор/);
    session.setUser(PETROVA);
    // with «Настройки» left open to everyone, the list there names nobody
    workbook.sheets.find((s) => s.name === SHEETS.settings)!.protections = [];
    expect(() => session.run('overrideStage', ['С-00001', 'Новый', 'проверено'])).toThrow(/только директор/);
  });

  it('a director from «Настройки» who is not the owner runs «Настроить таблицу»: it repairs what she may change', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] });
    settingsCell(workbook, 'E-mail директора').value = PETROVA;
    const session = crmSession(workbook, PETROVA, WORKSPACE);
    workbook.sheets = workbook.sheets.filter((s) => s.name !== MEMORY_SHEET);
    session.run('menuSetupWorkbook', [], [{ button: 'OK' }, { button: 'NO' }]);
    const said = session.takeUiEvents().map((e) => ('message' in e ? e.message : ''));
    expect(said.join('\n')).not.toMatch(/[A-Za-z]{4,} (a|the|to) /);
    expect(said[0]).toMatch(/Защищённые листы изменяют/);
    const memory = workbook.sheets.find((s) => s.name === MEMORY_SHEET)!;
    expect(memory.protections[0].editors.sort()).toEqual([DIRECTOR, PETROVA].sort());
    expect(memory.rows.some((r) => r?.[0]?.value === 'С-00001')).toBe(true);
  });

  it('a listed director whom the owner’s protection of a tab does not name is told in Russian, and nothing changes', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] });
    settingsCell(workbook, 'E-mail директора').value = PETROVA;
    const session = crmSession(workbook, PETROVA, WORKSPACE);
    workbook.sheets.find((s) => s.name === SHEETS.plans)!.protections[0].editors = [DIRECTOR];
    // a column the setup would add, and a memory tab it would create: neither happens
    const deals = workbook.sheets.find((s) => s.name === D)!;
    deals.rows[0]![deals.rows[0]!.length - 1] = { value: null };
    workbook.sheets = workbook.sheets.filter((s) => s.name !== MEMORY_SHEET);
    const before = JSON.stringify(workbook.sheets);
    session.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
    const said = session.takeUiEvents().map((e) => ('message' in e ? e.message : ''));
    expect(said).toEqual([
      expect.stringMatching(
        /ничего не изменила: защиту листа «Планы» ставил владелец таблицы \(director@proekt-a\.ru\)/,
      ),
    ]);
    expect(said[0]).not.toMatch(/protected/);
    expect(JSON.stringify(workbook.sheets)).toBe(before);
    // the owner runs it once: the tab names her again, and her own run works
    session.setUser(DIRECTOR);
    session.run('menuSetupWorkbook', [], [{ button: 'OK' }, { button: 'NO' }]);
    expect(workbook.sheets.find((s) => s.name === SHEETS.plans)!.protections[0].editors.sort()).toEqual(
      [DIRECTOR, PETROVA].sort(),
    );
    session.setUser(PETROVA);
    session.takeUiEvents();
    session.run('menuSetupWorkbook', [], [{ button: 'OK' }, { button: 'NO' }]);
    expect(
      session
        .takeUiEvents()
        .map((e) => ('message' in e ? e.message : ''))
        .join('\n'),
    ).not.toMatch(/ничего не изменила/);
  });

  it('on gmail accounts a director-only change by someone Google does not name is refused and logged as «не определён»', () => {
    const workbook = crmWorkbook();
    const session = crmSession(workbook, IVANOV);
    type(session, C, 2, 'Ответственный', PETROVA);
    expect(cell(workbook, C, 2, 'Ответственный')).toBe(IVANOV);
    expect(lastLog(session)).toMatchObject({
      Пользователь: 'не определён',
      Действие: 'Отклонено изменение поля',
      Поле: 'Ответственный',
      Было: IVANOV,
      Стало: PETROVA,
    });
    // the director's own edit is named to the director's trigger, and the sidebar knows the director too
    session.setUser(DIRECTOR);
    type(session, C, 2, 'Ответственный', PETROVA);
    expect(cell(workbook, C, 2, 'Ответственный')).toBe(PETROVA);
    expect(session.run('updateClient', ['К-00001', { Ответственный: IVANOV }])).toMatchObject({ status: 'saved' });
    expect(cell(workbook, C, 2, 'Ответственный')).toBe(IVANOV);
  });
});

describe('a deal signed again in the sidebar', () => {
  it('checks later changes of its pay fields against what they held when it was signed again', () => {
    const workbook = crmWorkbook({ deals: [IVANOV_SIGNED] });
    const session = crmSession(workbook, DIRECTOR);
    expect(session.run('moveDeal', ['С-00001', 'Согласование договора', {}])).toMatchObject({ ok: true });
    session.setUser(IVANOV);
    // below signing the amount is the specialist's, typed in the sheet
    type(session, D, 2, 'Сумма договора, руб.', '520000');
    session.setUser(DIRECTOR);
    expect(session.run('moveDeal', ['С-00001', 'Договор заключён', {}])).toMatchObject({ ok: true });
    session.setUser(IVANOV);
    type(session, D, 2, 'Сумма договора, руб.', '520000');
    expect(cell(workbook, D, 2, 'Сумма договора, руб.')).toBe(520000);
    type(session, D, 2, 'Сумма договора, руб.', '530000');
    expect(cell(workbook, D, 2, 'Сумма договора, руб.')).toBe(520000);
  });
});

describe('refused attempts through the sidebar and the menu', () => {
  it('are all in «Журнал» once the director’s trigger next writes it', () => {
    const workbook = crmWorkbook({ deals: [IVANOV_SIGNED] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    expect(() => session.run('overrideStage', ['С-00001', 'Завершена', 'так надо'])).toThrow(/только директор/);
    expect(() => session.run('changeDealAsDirector', ['С-00001', { 'Сумма договора, руб.': '1' }, 'так надо'])).toThrow(
      /только директор/,
    );
    session.run('updateClient', ['К-00001', { 'Статус клиента': 'Ключевой' }]);
    session.run('moveDeal', ['С-00001', 'Исполнение', { 'Сумма договора, руб.': '990000' }]);
    session.run('menuComputePayroll', [], [{ button: 'OK', text: '03.2026' }]);
    session.setUser(DIRECTOR);
    type(session, C, 2, 'Примечание', 'проверка');
    const log = rowsOf(workbook, SHEETS.log).filter((r) => r['Пользователь'] === IVANOV);
    expect(log.map((r) => r['Действие'])).toEqual([
      'Отказано: только директор',
      'Отказано: только директор',
      'Отклонено изменение поля',
      'Отклонено изменение поля',
      'Отказано: только директор',
    ]);
    expect(log.map((r) => r['Поле']).filter(Boolean)).toEqual(['Статус клиента', 'Сумма договора, руб.']);
  });
});

describe('the hidden memory of last valid values', () => {
  it('cannot be rewritten by a specialist, so a skipped stage stays refused', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Переговоры')] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    const memory = workbook.sheets.find((s) => s.name === MEMORY_SHEET)!;
    const row = memory.rows.findIndex((r) => r?.[0]?.value === 'С-00001' && r?.[1]?.value === 'Этап') + 1;
    expect(() => session.edit({ sheet: MEMORY_SHEET, row, column: 3, values: [['Согласование договора']] })).toThrow(
      PERSON_PROTECTED_MESSAGE,
    );
    type(session, D, 2, 'Этап', 'Договор заключён');
    expect(cell(workbook, D, 2, 'Этап')).toBe('Переговоры');
  });
});

describe('the overflow tab of the queue', () => {
  const OVERFLOW = '_Очередь записей';
  const overflowRows = (workbook: WorkbookModel) =>
    (workbook.sheets.find((s) => s.name === OVERFLOW)?.rows ?? [])
      .slice(1)
      .filter((r) => r?.some((c) => c?.value !== null && c?.value !== undefined && c?.value !== ''))
      .map((r) => r!.map((c) => String(c?.value ?? '')));
  const memoryStage = (workbook: WorkbookModel, id: string) =>
    workbook.sheets
      .find((s) => s.name === MEMORY_SHEET)!
      .rows.filter((r) => r?.[0]?.value === id && r?.[1]?.value === 'Этап')
      .map((r) => r![2]?.value);

  it('takes no entry a specialist typed into it, nor a copy of one already written out; both are reported in «Журнал»', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Переговоры')] });
    const session = crmSession(workbook, IVANOV);
    // other data fills the document's store: the specialist's queued writes go to the overflow tab
    for (let i = 0; i < 62; i++) workbook.documentProperties[`other.${i}`] = 'x'.repeat(8 * 1024);
    expect(session.run('moveDeal', ['С-00001', 'КП отправлено', {}])).toMatchObject({ ok: true });
    const legit = overflowRows(workbook).find((r) => r[1] === 'memory' && r[2].includes('КП отправлено'))!;
    expect(legit).toBeDefined();
    session.setUser(DIRECTOR);
    session.run('menuCheckWorkbook');
    session.takeUiEvents();
    expect(memoryStage(workbook, 'С-00001')).toEqual(['КП отправлено']);
    session.setUser(IVANOV);
    expect(session.run('moveDeal', ['С-00001', 'Согласование договора', {}])).toMatchObject({ ok: true });
    // she types a forged entry and pastes back the copy of the one written out before
    const forged = ['zzzzzzzz-abcdef-1', 'memory', JSON.stringify(['С-00001', 'Этап', 'Договор заключён', '']), 'f00d'];
    const at = overflowRows(workbook).length + 2;
    session.edit({ sheet: OVERFLOW, row: at, column: 1, values: [forged, legit] });
    // what she sees in the card already comes from the queue: not the planted stage
    expect(JSON.stringify(session.run('getClientCard', ['К-00001']))).not.toMatch(
      /"stage":"(Договор заключён|КП отправлено)"/,
    );
    session.setUser(DIRECTOR);
    session.run('menuCheckWorkbook');
    expect(memoryStage(workbook, 'С-00001')).toEqual(['Согласование договора']);
    const reported = rowsOf(workbook, SHEETS.log).filter((r) => r['Действие'] === 'Отброшена запись очереди');
    expect(reported.map((r) => r['ID'])).toEqual([forged[0], legit[0]]);
    expect(reported[0]).toMatchObject({ Пользователь: 'не определён', Поле: 'memory' });
    expect(overflowRows(workbook)).toEqual([]);
    // a skipped stage typed next is still refused from the true last stage
    session.setUser(IVANOV);
    type(session, D, 2, 'Этап', 'Исполнение');
    expect(cell(workbook, D, 2, 'Этап')).toBe('Согласование договора');
  });
});

describe('«Сделки»: what decides pay', () => {
  it('her own e-mail typed into «Ответственный» of a colleague’s signed deal goes back, with a note and a log line', () => {
    const workbook = crmWorkbook({ deals: [IVANOV_SIGNED] });
    const session = crmSession(workbook, PETROVA, WORKSPACE);
    type(session, D, 2, 'Ответственный', PETROVA);
    expect(cell(workbook, D, 2, 'Ответственный')).toBe(IVANOV);
    expect(noteOf(session, D, 2, 'Ответственный')).toMatch(/не принято/);
    expect(lastLog(session)).toMatchObject({
      Пользователь: PETROVA,
      Действие: 'Отклонено изменение поля',
      ID: 'С-00001',
      Было: IVANOV,
      Стало: PETROVA,
    });
  });

  it('a colleague’s deal cannot be moved back in the sheet', () => {
    const workbook = crmWorkbook({ deals: [IVANOV_OFFER] });
    const session = crmSession(workbook, PETROVA, WORKSPACE);
    type(session, D, 2, 'Этап', 'Потребность выявлена');
    expect(cell(workbook, D, 2, 'Этап')).toBe('КП отправлено');
    expect(lastLog(session)).toMatchObject({ Действие: 'Отклонена смена этапа', Пользователь: PETROVA });
  });

  it('«Сумма договора», «Дата договора», «Дата оплаты» of her own finished deal stay, pasted or typed, and each attempt is logged', () => {
    const workbook = crmWorkbook({ deals: [IVANOV_DONE] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    const first = columnOf(workbook, D, 'Дата договора');
    expect(columnOf(workbook, D, 'Дата оплаты')).toBe(first + 3);
    session.edit({ sheet: D, row: 2, column: first, values: [['01.04.2026', '990000', '1', '02.04.2026']] });
    expect(cell(workbook, D, 2, 'Дата договора')).toEqual(new Date(2026, 2, 12));
    expect(cell(workbook, D, 2, 'Сумма договора, руб.')).toBe(470000);
    expect(cell(workbook, D, 2, 'Себестоимость, руб.')).toBe(300000);
    expect(cell(workbook, D, 2, 'Дата оплаты')).toEqual(new Date(2026, 2, 14));
    const refused = rowsOf(workbook, SHEETS.log).filter((r) => r['Действие'] === 'Отклонено изменение поля');
    expect(refused.map((r) => r['Поле']).sort()).toEqual(
      ['Дата договора', 'Дата оплаты', 'Себестоимость, руб.', 'Сумма договора, руб.'].sort(),
    );
    // the sidebar refuses the same
    const result = session.run('moveDeal', ['С-00002', 'Завершена', { 'Сумма договора, руб.': '990000' }]) as {
      ok: boolean;
      reason: string;
    };
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/только директор/) });
    expect(cell(workbook, D, 2, 'Сумма договора, руб.')).toBe(470000);
  });

  it('a signed deal is not moved back by a specialist (that would unlock its amounts)', () => {
    const workbook = crmWorkbook({ deals: [IVANOV_SIGNED] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    type(session, D, 2, 'Этап', 'Согласование договора');
    expect(cell(workbook, D, 2, 'Этап')).toBe('Договор заключён');
    const result = session.run('moveDeal', ['С-00001', 'Согласование договора', {}]) as { ok: boolean };
    expect(result.ok).toBe(false);
  });

  it('the director changes a signed deal’s amount in the sheet, logged with before and after', () => {
    const workbook = crmWorkbook({ deals: [IVANOV_SIGNED] });
    const session = crmSession(workbook, DIRECTOR, WORKSPACE);
    type(session, D, 2, 'Сумма договора, руб.', '480000');
    expect(cell(workbook, D, 2, 'Сумма договора, руб.')).toBe(480000);
    expect(lastLog(session)).toMatchObject({
      Пользователь: DIRECTOR,
      Действие: 'Изменение поля',
      Поле: 'Сумма договора, руб.',
      Было: '470000',
      Стало: '480000',
    });
  });

  it('a change touching a closed month is refused in the sheet, even to the director; the card takes it with a reason', () => {
    const workbook = crmWorkbook({ deals: [IVANOV_DONE] });
    const session = crmSession(workbook, DIRECTOR, WORKSPACE);
    const closed = workbook.sheets.find((s) => s.name === CLOSED_MONTHS_SHEET)!;
    closed.rows[1] = ['2026-03', '2', 'Иванов И. И.', 50000, 0, 6500].map((value) => ({ value }));
    type(session, D, 2, 'Дата оплаты', '15.03.2026');
    expect(cell(workbook, D, 2, 'Дата оплаты')).toEqual(new Date(2026, 2, 14));
    expect(lastLog(session)).toMatchObject({ Действие: 'Отклонено изменение поля', Поле: 'Дата оплаты' });
    expect(lastLog(session)['Комментарий']).toMatch(/закрытому месяцу 2026-03/);
    const result = session.run('changeDealAsDirector', [
      'С-00002',
      { 'Дата оплаты': '15.03.2026' },
      'Ошибка в дате платёжки',
    ]);
    expect(result).toMatchObject({ ok: true });
    expect(cell(workbook, D, 2, 'Дата оплаты')).toEqual(new Date(2026, 2, 15));
    expect(lastLog(session)).toMatchObject({
      Действие: 'Изменение директором',
      Поле: 'Дата оплаты',
      Было: '14.03.2026',
      Стало: '15.03.2026',
      Комментарий: 'Ошибка в дате платёжки',
    });
    session.setUser(IVANOV);
    expect(() => session.run('changeDealAsDirector', ['С-00002', { 'Сумма договора, руб.': '1' }, 'так надо'])).toThrow(
      /только директор/,
    );
  });
});

describe('«Клиенты»: the card’s rules for direct edits', () => {
  it('«Ответственный» goes back; a required field cannot be cleared; one of phone and e-mail stays', () => {
    const workbook = crmWorkbook();
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    type(session, C, 2, 'Ответственный', PETROVA);
    expect(cell(workbook, C, 2, 'Ответственный')).toBe(IVANOV);
    for (const header of ['Клиент', 'Тип', 'Источник', 'Статус клиента']) {
      type(session, C, 2, header, '');
      expect({ header, value: cell(workbook, C, 2, header) }).toEqual({ header, value: CLIENT_A[header] });
    }
    type(session, C, 2, 'Телефон', '');
    expect(cell(workbook, C, 2, 'Телефон')).toBe(null);
    type(session, C, 2, 'Email', '');
    expect(cell(workbook, C, 2, 'Email')).toBe('info@teplo.ru');
    expect(noteOf(session, C, 2, 'Email')).toMatch(/телефон или e-mail/);
    expect(lastLog(session)).toMatchObject({ Действие: 'Отклонено изменение поля', Поле: 'Email' });
  });

  it('ИНН, phone and e-mail are checked and normalised as in the card; in a paste the rest stays as typed', () => {
    const workbook = crmWorkbook();
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    const first = columnOf(workbook, C, 'ИНН');
    session.edit({
      sheet: C,
      row: 2,
      column: first,
      values: [['7707083894', 'Пётр Сидоров', '8 (912) 345-67-00', 'INFO@Teplo.RU', 'Казань']],
    });
    expect(cell(workbook, C, 2, 'ИНН')).toBe('7707083893');
    expect(noteOf(session, C, 2, 'ИНН')).toMatch(/контрольных цифр/);
    expect(cell(workbook, C, 2, 'Контактное лицо')).toBe('Пётр Сидоров');
    expect(cell(workbook, C, 2, 'Телефон')).toBe('+79123456700');
    expect(cell(workbook, C, 2, 'Email')).toBe('info@teplo.ru');
    expect(cell(workbook, C, 2, 'Город')).toBe('Казань');
    type(session, C, 2, 'Телефон', '12345');
    expect(cell(workbook, C, 2, 'Телефон')).toBe('+79123456700');
  });
});

describe('formulas where rules apply', () => {
  it('a formula in «Этап» reading another column is refused, so that column cannot move the deal later', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Исполнение', { 'Дата оплаты': '' })] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    const other = columnOf(workbook, D, 'Разногласия');
    session.edit({ sheet: D, row: 2, column: other, values: [['Исполнение']] });
    const letter = String.fromCharCode(64 + other);
    type(session, D, 2, 'Этап', `=${letter}2`);
    expect(formulasOn(workbook, D)).toEqual([]);
    expect(cell(workbook, D, 2, 'Этап')).toBe('Исполнение');
    session.edit({ sheet: D, row: 2, column: other, values: [['Завершена']] });
    expect(cell(workbook, D, 2, 'Этап')).toBe('Исполнение');
    expect(rowsOf(workbook, SHEETS.log).some((r) => /формул/.test(String(r['Комментарий'])))).toBe(true);
  });

  it('a formula in «Ответственный», «Статус клиента» or a signed deal’s amount is refused', () => {
    const workbook = crmWorkbook({ deals: [IVANOV_SIGNED] });
    const session = crmSession(workbook, DIRECTOR, WORKSPACE);
    type(session, D, 2, 'Сумма договора, руб.', '=470000*2');
    type(session, D, 2, 'Ответственный', `="${PETROVA}"`);
    type(session, C, 2, 'Статус клиента', '="Ключевой"');
    expect(formulasOn(workbook, D)).toEqual([]);
    expect(formulasOn(workbook, C)).toEqual([]);
    expect(cell(workbook, D, 2, 'Сумма договора, руб.')).toBe(470000);
    expect(cell(workbook, D, 2, 'Ответственный')).toBe(IVANOV);
  });
});

describe('IDs stay unique', () => {
  it('a deal row copied with its ID into an empty row gets a new ID, and the original still moves', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Переговоры')] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    const sheet = workbook.sheets.find((s) => s.name === D)!;
    const row = sheet.rows[1]!.map((c) => (c?.value instanceof Date ? '12.03.2026' : String(c?.value ?? '')));
    session.edit({ sheet: D, row: 3, column: 1, values: [row] });
    expect(cell(workbook, D, 3, 'ID сделки')).toBe('С-00002');
    expect(cell(workbook, D, 3, 'Этап')).toBe('Новый');
    expect(rowsOf(workbook, SHEETS.log).find((r) => r['Действие'] === 'Новый ID')).toMatchObject({
      Было: 'С-00001',
      Стало: 'С-00002',
    });
    type(session, D, 2, 'Этап', 'КП отправлено');
    expect(cell(workbook, D, 2, 'Этап')).toBe('КП отправлено');
  });

  it('a changed ID goes back', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Переговоры')] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    type(session, D, 2, 'ID сделки', 'С-00077');
    expect(cell(workbook, D, 2, 'ID сделки')).toBe('С-00001');
    expect(lastLog(session)).toMatchObject({ Действие: 'Отклонена смена ID', Стало: 'С-00077' });
  });

  /** Row `row` of `sheet` as a person would copy it, with `changes` by header. */
  function copiedRow(workbook: WorkbookModel, sheet: string, row: number, changes: Record<string, string>): string[] {
    const model = workbook.sheets.find((s) => s.name === sheet)!;
    const headers = model.rows[0]!.map((c) => String(c?.value ?? ''));
    return model.rows[row - 1]!.slice(0, headers.length).map((c, k) =>
      headers[k] in changes
        ? changes[headers[k]]
        : c?.value instanceof Date
          ? `${String(c.value.getDate()).padStart(2, '0')}.${String(c.value.getMonth() + 1).padStart(2, '0')}.${c.value.getFullYear()}`
          : String(c?.value ?? ''),
    );
  }

  it('an ID swapped for a free one inside a pasted block goes back, and the skipped stage is refused', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Переговоры')] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    const block = copiedRow(workbook, D, 2, { 'ID сделки': 'С-00050', Этап: 'Договор заключён' });
    session.edit({ sheet: D, row: 2, column: 1, values: [block] });
    expect(cell(workbook, D, 2, 'ID сделки')).toBe('С-00001');
    expect(cell(workbook, D, 2, 'Этап')).toBe('Переговоры');
    const log = rowsOf(workbook, SHEETS.log);
    expect(log.find((r) => r['Действие'] === 'Отклонена смена ID')).toMatchObject({
      ID: 'С-00001',
      Было: 'С-00001',
      Стало: 'С-00050',
    });
    expect(log.find((r) => r['Действие'] === 'Отклонена смена этапа')).toMatchObject({
      ID: 'С-00001',
      Стало: 'Договор заключён',
    });
    // the memory still knows the deal: the next valid move is taken
    type(session, D, 2, 'Этап', 'КП отправлено');
    expect(cell(workbook, D, 2, 'Этап')).toBe('КП отправлено');
  });

  it('a colleague’s signed deal pasted over with a free ID and her own e-mail keeps its ID and its owner', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Договор заключён', { Ответственный: PETROVA })] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    const block = copiedRow(workbook, D, 2, { 'ID сделки': 'С-00042', Ответственный: IVANOV });
    session.edit({ sheet: D, row: 2, column: 1, values: [block] });
    expect(cell(workbook, D, 2, 'ID сделки')).toBe('С-00001');
    expect(cell(workbook, D, 2, 'Ответственный')).toBe(PETROVA);
  });

  it('IDs swapped between free ones in a pasted ID column go back each to its row', () => {
    const workbook = crmWorkbook({
      deals: [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Новый'), fullDeal('С-00003', 'КП отправлено')],
    });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    session.edit({ sheet: D, row: 2, column: 1, values: [['С-00061'], ['С-00062']] });
    expect([2, 3, 4].map((r) => cell(workbook, D, r, 'ID сделки'))).toEqual(['С-00001', 'С-00002', 'С-00003']);
    expect(rowsOf(workbook, SHEETS.log).filter((r) => r['Действие'] === 'Отклонена смена ID')).toHaveLength(2);
    // a skipped stage stays refused for the restored deal
    type(session, D, 3, 'Этап', 'Переговоры');
    expect(cell(workbook, D, 3, 'Этап')).toBe('Новый');
  });

  it('a pasted row with an ID the add-on never gave, and no ID gone from the tab, is a new deal with a new ID', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Переговоры')] });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    const block = copiedRow(workbook, D, 2, { 'ID сделки': 'С-00090' });
    session.edit({ sheet: D, row: 3, column: 1, values: [block] });
    expect(cell(workbook, D, 2, 'ID сделки')).toBe('С-00001');
    expect(cell(workbook, D, 3, 'ID сделки')).toBe('С-00091');
    expect(cell(workbook, D, 3, 'Этап')).toBe('Новый');
    expect(rowsOf(workbook, SHEETS.log).find((r) => r['Действие'] === 'Новый ID')).toMatchObject({
      Было: 'С-00090',
      Стало: 'С-00091',
      Комментарий: expect.stringContaining('надстройка не выдавала'),
    });
  });

  it('a client row pasted over with a free ID keeps its ID, and its «Ответственный» stays', () => {
    const workbook = crmWorkbook();
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    const block = copiedRow(workbook, C, 2, { 'ID клиента': 'К-00033', Ответственный: PETROVA });
    session.edit({ sheet: C, row: 2, column: 1, values: [block] });
    expect(cell(workbook, C, 2, 'ID клиента')).toBe('К-00001');
    expect(cell(workbook, C, 2, 'Ответственный')).toBe(IVANOV);
    expect(rowsOf(workbook, SHEETS.log).find((r) => r['Действие'] === 'Отклонена смена ID')).toMatchObject({
      Стало: 'К-00033',
    });
  });

  it('with the memory tab deleted, a paste rebuilds it and never leaves a stage blank', () => {
    const deals = [fullDeal('С-00001', 'Переговоры'), fullDeal('С-00002', 'Новый', { 'Дата переговоров': '' })];
    const workbook = crmWorkbook({ deals });
    const session = crmSession(workbook, IVANOV, WORKSPACE);
    workbook.sheets = workbook.sheets.filter((s) => s.name !== MEMORY_SHEET);
    const stageCol = columnOf(workbook, D, 'Этап');
    session.edit({ sheet: D, row: 2, column: stageCol, values: [['КП отправлено'], ['Переговоры']] });
    expect(cell(workbook, D, 2, 'Этап')).toBe('КП отправлено');
    // its earlier stage is unknown: it keeps the furthest stage its fields allow, up to what was pasted
    expect(cell(workbook, D, 3, 'Этап')).toBe('Надёжность оценена');
    const memory = workbook.sheets.find((s) => s.name === MEMORY_SHEET)!;
    expect(memory.protections[0].editors).toEqual([DIRECTOR]);
    expect(memory.rows.some((r) => r?.[0]?.value === 'С-00002' && r?.[2]?.value === 'Надёжность оценена')).toBe(true);
  });
});

describe('text copied into the log and the memory', () => {
  it.each([`'=HYPERLINK("http://evil.example";"жми")`, '\t=1+1', '\n=1+1'])(
    '%p typed into an ID cell never becomes a formula there',
    (text) => {
      const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] });
      const session = crmSession(workbook, IVANOV, WORKSPACE);
      type(session, D, 2, 'ID сделки', text);
      type(session, D, 2, 'Этап', 'Потребность выявлена');
      expect(columnOf(workbook, D, 'Этап')).toBe(5);
      session.edit({ sheet: D, row: 3, column: 1, values: [[text, 'К-00001', 'ООО «Тепло»', IVANOV, 'Новый']] });
      expect(formulasOn(workbook, SHEETS.log)).toEqual([]);
      expect(formulasOn(workbook, MEMORY_SHEET)).toEqual([]);
      expect(formulasOn(workbook, D)).toEqual([]);
    },
  );
});
