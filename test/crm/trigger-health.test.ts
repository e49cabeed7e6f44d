/**
 * Enforcement never stops silently: the director's installable trigger leaves a
 * heartbeat; when it stops (Google disables it: access revoked, a new version to
 * authorise, the daily budget spent) the simple trigger checks the edits itself,
 * the director is told on open and in the sidebar with the one step that
 * repairs it, and «Настроить таблицу» never installs a second trigger. Also:
 * stages pasted before setup are never emptied, and an unknown user is named.
 */
import { SHEETS } from '../../src/domain/workbook/schema';
import type { LocalRuntimeSession } from '../../local/runtime';
import { bundleSession } from '../helpers/workbook';
import { DIRECTOR, IVANOV, TODAY, cell, columnOf, crmSession, crmWorkbook, fullDeal, rowsOf } from './crm-workbook';

const D = SHEETS.deals;
const DEPUTY = 'deputy@proekt-a.ru';
const MINUTE = 60_000;

function stageEdit(session: LocalRuntimeSession, row: number, stage: string): void {
  session.edit({ sheet: D, row, column: columnOf(session.workbook, D, 'Этап'), values: [[stage]] });
}

function logOf(session: LocalRuntimeSession, action: string) {
  return rowsOf(session.workbook, SHEETS.log).filter((r) => r['Действие'] === action);
}

function toasts(session: LocalRuntimeSession): string[] {
  return session
    .takeUiEvents()
    .filter((e) => e.type === 'toast')
    .map((e) => String((e as { message: string }).message));
}

const twoDeals = () => crmWorkbook({ deals: [fullDeal('С-00001', 'Новый'), fullDeal('С-00002', 'Новый')] });

describe('the director\u2019s edit trigger stops', () => {
  it('the simple trigger checks the missed edit and the next ones, and the director is told the one step', () => {
    const session = crmSession(twoDeals(), IVANOV);
    const trigger = session.triggers().find((t) => t.kind === 'onEdit')!;
    session.disableTrigger(trigger.id, 'Требуется повторная авторизация');
    session.advanceClock(10 * MINUTE);
    // nobody checks this edit at once: the trigger that should have did not run
    stageEdit(session, 2, 'Переговоры');
    session.advanceClock(5 * MINUTE);
    stageEdit(session, 3, 'Переговоры');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Новый');
    expect(cell(session.workbook, D, 3, 'Этап')).toBe('Новый');
    expect(toasts(session).join('\n')).toMatch(/не работает.*Директору: меню CRM → «Настроить таблицу»/s);
    // the director sees it on open and in the sidebar
    session.setUser(DIRECTOR);
    session.open();
    expect(toasts(session).join('\n')).toMatch(/Проверка правок от имени директора не работает/);
    expect(session.run('getSidebarState')).toMatchObject({ notice: expect.stringMatching(/Настроить таблицу/) });
    // the one step: «Настроить таблицу» replaces the stopped trigger; the refusals reach «Журнал» once each
    session.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
    const live = session.triggers().filter((t) => t.kind === 'onEdit' && !t.disabled);
    expect(live).toHaveLength(1);
    expect(session.run('getSidebarState')).toMatchObject({ notice: '' });
    const refused = logOf(session, 'Отклонена смена этапа').map((r) => r['ID']);
    expect(refused.sort()).toEqual(['С-00001', 'С-00002']);
    // from now on the new trigger checks every edit once
    session.setUser(IVANOV);
    session.advanceClock(MINUTE);
    stageEdit(session, 2, 'Завершена');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Новый');
    expect(logOf(session, 'Отклонена смена этапа').filter((r) => r['Стало'] === 'Завершена')).toHaveLength(1);
  });

  it('keeps standing aside while the trigger runs, however long nobody edits', () => {
    const session = crmSession(twoDeals(), IVANOV);
    session.advanceClock(3 * 60 * MINUTE);
    stageEdit(session, 2, 'Переговоры');
    session.advanceClock(3 * 60 * MINUTE);
    stageEdit(session, 3, 'Переговоры');
    expect(toasts(session).join('\n')).not.toMatch(/не работает/);
    // each refusal logged once (by the director's trigger alone)
    expect(logOf(session, 'Отклонена смена этапа').map((r) => r['ID'])).toEqual(['С-00001', 'С-00002']);
  });
});

describe('another director runs «Настроить таблицу»', () => {
  it('installs no second trigger while the first one works: the run finds it, whoever installed it', () => {
    const session = crmSession(twoDeals(), DIRECTOR);
    const before = session.triggers();
    // the same director again, and then the check of an edit: one trigger, one entry
    session.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
    expect(session.triggers()).toEqual(before);
    session.setUser(IVANOV);
    stageEdit(session, 2, 'Переговоры');
    expect(logOf(session, 'Отклонена смена этапа')).toHaveLength(1);
  });

  it('takes over from the trigger of someone no longer the director, which then stands aside', () => {
    const workbook = twoDeals();
    workbook.editors.push(DEPUTY);
    const session = crmSession(workbook, DIRECTOR);
    // the file passes to a new director (its owner now), who runs the setup again
    session.workbook.owner = DEPUTY;
    session.runAs(DEPUTY, 'menuSetupWorkbook', [], [{ button: 'OK' }]);
    const edits = session.triggers().filter((t) => t.kind === 'onEdit');
    expect(edits.map((t) => t.owner).sort()).toEqual([DEPUTY, DIRECTOR].sort());
    expect(session.triggers().filter((t) => t.handler === 'flushPendingWrites' && t.owner === DEPUTY)).toHaveLength(1);
    session.setUser(IVANOV);
    stageEdit(session, 2, 'Переговоры');
    // the new director's next menu item writes out anything the old trigger queued: still one entry
    session.runAs(DEPUTY, 'menuCheckWorkbook');
    expect(logOf(session, 'Отклонена смена этапа')).toHaveLength(1);
  });
});

describe('before «Настроить таблицу»', () => {
  it('a paste over «Этап» applies valid moves, keeps pasted stages it cannot check, and empties none', () => {
    const workbook = crmWorkbook({
      deals: [fullDeal('С-00001', 'Новый'), fullDeal('С-00002', 'Переговоры'), fullDeal('С-00003', 'Исполнение')],
    });
    // the demo as shipped: nobody has run the setup, no memory of stages, no trigger
    const session = bundleSession(workbook, { user: IVANOV, now: () => TODAY });
    const col = columnOf(session.workbook, D, 'Этап');
    session.edit({
      sheet: D,
      row: 2,
      column: col,
      values: [['Потребность выявлена'], ['КП отправлено'], ['Завершена']],
    });
    const stages = rowsOf(session.workbook, D).map((r) => r['Этап']);
    expect(stages.every((s) => typeof s === 'string' && s !== '')).toBe(true);
    expect(stages).toEqual(['Потребность выявлена', 'КП отправлено', 'Завершена']);
    const flagged = logOf(session, 'Этап без проверки');
    expect(flagged.map((r) => [r['ID'], r['Было'], r['Стало']])).toEqual([
      ['С-00001', '(неизвестно)', 'Потребность выявлена'],
      ['С-00002', '(неизвестно)', 'КП отправлено'],
      ['С-00003', '(неизвестно)', 'Завершена'],
    ]);
    const sheet = session.workbook.sheets.find((s) => s.name === D)!;
    expect(sheet.rows[1]![col - 1]!.note).toMatch(/директору — проверить/);
  });
});

describe('who made the edit', () => {
  it('is «не определён» in «Журнал» where Google gives no e-mail (personal accounts)', () => {
    const session = crmSession(twoDeals(), IVANOV);
    stageEdit(session, 2, 'Переговоры');
    const row = logOf(session, 'Отклонена смена этапа')[0];
    expect(row['Пользователь']).toBe('не определён');
  });
});
