/**
 * «История этапов» through the local runtime: every accepted stage change is a
 * row (time, deal, from, to, who, how) whether it was made in the sheet, from
 * the sidebar or by the director's override; a refused change is not; the tab
 * is protected for the director, so a specialist's sidebar move waits in the
 * queue until the director's next execution. A reopened deal loses its loss
 * reason and competitor on every path, and an old refusal note goes away.
 */
import { SHEETS } from '../../src/domain/workbook/schema';
import { DIRECTOR, IVANOV, cell, columnOf, crmSession, crmWorkbook, fullDeal, rowsOf } from './crm-workbook';

const D = SHEETS.deals;
const H = SHEETS.stageHistory;

function stageEdit(session: ReturnType<typeof crmSession>, row: number, stage: string): void {
  session.edit({ sheet: D, row, column: columnOf(session.workbook, D, 'Этап'), values: [[stage]] });
}

function history(session: ReturnType<typeof crmSession>) {
  return rowsOf(session.workbook, H).map((r) => [
    r['ID сделки'],
    r['Было'] ?? '',
    r['Стало'],
    r['Пользователь'],
    r['Способ'],
  ]);
}

describe('«История этапов»', () => {
  it('records sheet edits, sidebar moves and overrides, not refusals, with the time', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), IVANOV);
    stageEdit(session, 2, 'Потребность выявлена');
    stageEdit(session, 2, 'Переговоры'); // skips a stage: refused
    session.setUser(DIRECTOR);
    session.run('moveDeal', ['С-00001', 'Надёжность оценена', {}]);
    session.run('overrideStage', ['С-00001', 'Исполнение', 'Договор подписан на бумаге']);
    expect(history(session)).toEqual([
      // the director's trigger is not told who edited on personal accounts
      ['С-00001', 'Новый', 'Потребность выявлена', 'не определён', 'Лист'],
      ['С-00001', 'Потребность выявлена', 'Надёжность оценена', DIRECTOR, 'Боковая панель'],
      ['С-00001', 'Надёжность оценена', 'Исполнение', DIRECTOR, 'Директор в обход правил'],
    ]);
    const time = rowsOf(session.workbook, H)[0]['Время'];
    expect(time).toBeInstanceOf(Date);
    const sheet = session.workbook.sheets.find((s) => s.name === H)!;
    expect(sheet.rows[1]?.[0]?.numberFormat ?? '').toMatch(/HH:mm/);
    // «Журнал» shows the time of each entry too, not only the day
    const log = session.workbook.sheets.find((s) => s.name === SHEETS.log)!;
    expect(log.rows[1]?.[0]?.numberFormat ?? '').toMatch(/HH:mm/);
  });

  it('is protected for the director: a specialist’s sidebar move waits, then is written by the director', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), IVANOV);
    session.run('moveDeal', ['С-00001', 'Потребность выявлена', {}]);
    session.run('createDeal', ['К-00001']);
    expect(history(session)).toEqual([]);
    session.setUser(DIRECTOR);
    session.run('moveDeal', ['С-00001', 'Надёжность оценена', {}]);
    expect(history(session)).toEqual([
      ['С-00001', 'Новый', 'Потребность выявлена', IVANOV, 'Боковая панель'],
      ['С-00002', '', 'Новый', IVANOV, 'Боковая панель'],
      ['С-00001', 'Потребность выявлена', 'Надёжность оценена', DIRECTOR, 'Боковая панель'],
    ]);
    const protections = session.workbook.sheets.find((s) => s.name === H)!.protections ?? [];
    expect(protections.length).toBeGreaterThan(0);
  });

  it('clears the loss reason and competitor of a deal reopened in the sheet or from the sidebar', () => {
    const lost = (id: string) =>
      fullDeal(id, 'Отказ', { 'Причина отказа': 'Выбрал конкурента', Конкурент: 'ТеплоЛюкс' });
    const open = fullDeal('С-00002', 'КП отправлено', {
      'Причина отказа': 'Выбрал конкурента',
      Конкурент: 'ТеплоЛюкс',
    });
    const session = crmSession(crmWorkbook({ deals: [lost('С-00001'), open] }), IVANOV);
    stageEdit(session, 3, 'Отказ');
    stageEdit(session, 3, 'КП отправлено');
    session.setUser(DIRECTOR);
    session.run('overrideStage', ['С-00001', 'Переговоры', 'Клиент вернулся']);
    for (const row of [2, 3]) {
      expect(cell(session.workbook, D, row, 'Причина отказа')).toBeFalsy();
      expect(cell(session.workbook, D, row, 'Конкурент')).toBeFalsy();
    }
    const log = rowsOf(session.workbook, SHEETS.log).filter((r) => r['Действие'] === 'Сделка возвращена из «Отказ»');
    expect(log.map((r) => [r['ID'], r['Поле'], r['Было']])).toEqual([
      ['С-00002', 'Причина отказа', 'Выбрал конкурента'],
      ['С-00002', 'Конкурент', 'ТеплоЛюкс'],
      ['С-00001', 'Причина отказа', 'Выбрал конкурента'],
      ['С-00001', 'Конкурент', 'ТеплоЛюкс'],
    ]);
  });

  it('removes an old refusal note when a later move from the sidebar is accepted', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), IVANOV);
    stageEdit(session, 2, 'Переговоры');
    const note = () =>
      session.workbook.sheets.find((s) => s.name === D)!.rows[1]?.[columnOf(session.workbook, D, 'Этап') - 1]?.note;
    expect(note()).toMatch(/^CRM: этап «Переговоры» не принят/);
    session.run('moveDeal', ['С-00001', 'Потребность выявлена', {}]);
    expect(note() ?? '').toBe('');
  });
});
