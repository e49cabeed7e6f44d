/**
 * Dates are the day the person sees, whatever the spreadsheet's time zone (the
 * script runs in Moscow): a custom function's date argument, dates the sidebar
 * shows, «Мои задачи», and «Дата этапа» the add-on writes.
 */
import { SHEETS } from '../../src/domain/workbook/schema';
import { bundleSession } from '../helpers/workbook';
import { IVANOV, TODAY, columnOf, crmWorkbook, fullDeal } from './crm-workbook';
import { displayValue } from '../../local/runtime';

const D = SHEETS.deals;

function session(zone: string, deals = [fullDeal('С-00001', 'Новый')]) {
  const s = bundleSession(crmWorkbook({ deals }), { now: () => TODAY, spreadsheetTimeZone: zone });
  s.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
  s.takeUiEvents();
  s.setUser(IVANOV);
  return s;
}

/** What the cell shows, as the person in that zone reads it. */
function shown(s: ReturnType<typeof session>, sheet: string, row: number, header: string): string {
  const model = s.workbook.sheets.find((x) => x.name === sheet)!;
  const c = model.rows[row - 1]![columnOf(s.workbook, sheet, header) - 1]!;
  return displayValue(c.value ?? null, 'dd.MM.yyyy', s.workbook.timeZone);
}

describe.each(['Asia/Yekaterinburg', 'Europe/Kaliningrad', 'America/New_York'])('a spreadsheet in %s', (zone) => {
  it('WORKING_DAYS of 01.03.2026 is March’s norm', () => {
    const s = session(zone);
    s.edit({ sheet: SHEETS.dashboard, row: 40, column: 1, values: [['01.03.2026']] });
    s.edit({ sheet: SHEETS.dashboard, row: 40, column: 2, values: [['=WORKING_DAYS(A40)']] });
    s.recalculate();
    const dashboard = s.workbook.sheets.find((x) => x.name === SHEETS.dashboard)!;
    expect(dashboard.rows[39]![1]!.value).toBe(21);
  });

  it('the card and the tasks show the day typed in the sheet', () => {
    const s = session(zone);
    const col = columnOf(s.workbook, D, 'Следующий шаг');
    s.edit({ sheet: D, row: 2, column: col, values: [['01.03.2026']] });
    const card = s.run('getClientCard', ['К-00001']) as { deals: Array<{ fields: Record<string, string> }> };
    expect(card.deals[0].fields['Следующий шаг']).toBe('01.03.2026');
    const tasks = s.run('getMyTasks') as Array<{ id: string; due: string }>;
    expect(tasks.find((t) => t.id === 'С-00001')?.due).toBe('01.03.2026');
  });

  it('«Дата этапа» shows today’s date there, and the sidebar says the same day', () => {
    const s = session(zone);
    const moved = s.run('moveDeal', ['С-00001', 'Потребность выявлена', {}]) as { stageDate: string };
    const seen = shown(s, D, 2, 'Дата этапа');
    const today = displayValue(TODAY, 'dd.MM.yyyy', zone);
    expect(seen).toBe(today);
    expect(moved.stageDate).toBe(today);
  });
});
