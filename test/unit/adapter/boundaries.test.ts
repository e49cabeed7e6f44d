/**
 * Boundary cases of the adapter: several new IDs from a stored number, a year-to-date change of
 * several months, a moment at a whole hour, the time zone asked once per hour of time, and a
 * queued stage-history row of an older, wider format.
 */
import { emptyWorkbook } from '../../../local/runtime/model';
import { activeSpreadsheet, installRuntime, OWNER, uninstallRuntime } from './runtime-services';

beforeEach(() => jest.resetModules());
afterEach(uninstallRuntime);

describe('allocateIds from the stored number', () => {
  it('gives the next IDs in ascending order', async () => {
    installRuntime();
    const { allocateIds } = await import('../../../src/adapter/id-allocator');
    const { Table } = await import('../../../src/adapter/table');
    PropertiesService.getDocumentProperties().setProperty('crm.lastId.client', '40');
    activeSpreadsheet()
      .insertSheet('Клиенты')
      .getRange(1, 1, 2, 1)
      .setValues([['ID клиента'], ['К-00003']]);
    const table = Table.open(activeSpreadsheet(), 'Клиенты');
    expect(allocateIds(table, 'ID клиента', 'client', 3)).toEqual(['К-00041', 'К-00042', 'К-00043']);
  });
});

describe('markYearToDateChanged of several months', () => {
  it('marks each computed month after any of them in the same year', async () => {
    installRuntime();
    const pay = await import('../../../src/adapter/pay-changes');
    const at = new Date('2026-04-01T10:00:00Z');
    for (const m of ['2026-02', '2026-04']) pay.markComputed(m, at);
    pay.markYearToDateChanged(['2026-03', '2026-01'], new Date('2026-04-01T11:00:00Z'), 'Табель');
    expect(pay.changedSinceComputed('2026-02')?.sheets).toEqual(['Табель']);
    expect(pay.changedSinceComputed('2026-04')?.sheets).toEqual(['Табель']);
  });
});

describe('SheetDates east of the script', () => {
  async function zoned() {
    const workbook = emptyWorkbook('Клиентская база', OWNER);
    workbook.timeZone = 'Asia/Yekaterinburg';
    const session = installRuntime(workbook);
    const { SheetDates } = await import('../../../src/adapter/sheet-dates');
    return { session, dates: SheetDates.of(activeSpreadsheet()) };
  }

  it('writes a moment at a whole hour as it is', async () => {
    const { dates } = await zoned();
    const moment = new Date(2026, 3, 10, 15, 0, 0);
    expect(dates.toSheet(moment)).toBe(moment);
  });

  it('asks the zone’s offset once for the moments of one hour', async () => {
    const { session, dates } = await zoned();
    session.resetCalls();
    const read = [10, 25, 59].map((min) => dates.fromSheet(new Date(`2026-04-10T10:${min}:00Z`)) as Date);
    expect(read.map((d) => d.getMinutes())).toEqual([10, 25, 59]);
    expect(session.calls()['Utilities.formatDate']).toBe(1);
  });
});

describe('appendStageHistory with a queued row of an older format', () => {
  it('writes it at the tab’s width', async () => {
    installRuntime();
    const { appendStageHistory } = await import('../../../src/adapter/stage-history');
    const t = new Date('2026-04-01T09:00:00Z');
    const id = `${t.getTime().toString(36)}-aaaaaa-1`;
    PropertiesService.getDocumentProperties().setProperty(
      `crm.q.00000001.${t.getTime().toString(36)}.abcdef`,
      JSON.stringify([[id, 'history', [t.toISOString(), 'С-00001', 'А', 'Лид', 'КП', OWNER, 'Лист', 'лишнее']]]),
    );
    activeSpreadsheet().insertSheet('Сделки');
    appendStageHistory(activeSpreadsheet(), [], t);
    const sheet = activeSpreadsheet().getSheetByName('История этапов')!;
    expect(sheet.getLastColumn()).toBe(7);
    expect(sheet.getRange(2, 2, 1, 6).getValues()).toEqual([['С-00001', 'А', 'Лид', 'КП', OWNER, 'Лист']]);
  });
});
