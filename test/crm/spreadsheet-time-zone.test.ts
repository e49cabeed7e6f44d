/**
 * The spreadsheet in another time zone than the script (Moscow): a date the
 * add-on stamps must be its own day in the spreadsheet's zone, as a person
 * there reads it.
 */
import { displayValue } from '../../local/runtime';
import { SHEETS } from '../../src/domain/workbook/schema';
import { IVANOV, TODAY, cell, columnOf, crmSession, crmWorkbook, fullDeal } from './crm-workbook';

const D = SHEETS.deals;

describe.each(['Asia/Yekaterinburg', 'Europe/Kaliningrad'])('a spreadsheet in %s', (zone) => {
  // The add-on once stamped midnight in the script's zone (Moscow), which a Kaliningrad sheet
  // showed as 23:00 of the day before and a Yekaterinburg one as 02:00.
  it('«Дата этапа» stamped by a stage edit is today’s date there, with no time of day', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), IVANOV, {
      spreadsheetTimeZone: zone,
    });
    session.edit({
      sheet: D,
      row: 2,
      column: columnOf(session.workbook, D, 'Этап'),
      values: [['Потребность выявлена']],
    });
    const stamped = cell(session.workbook, D, 2, 'Дата этапа');
    const today = new Intl.DateTimeFormat('ru-RU', {
      timeZone: zone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(TODAY);
    expect(displayValue(stamped ?? null, undefined, zone)).toBe(today);
  });
});
