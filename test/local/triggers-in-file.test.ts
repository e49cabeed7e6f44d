/**
 * Installable triggers and their owners live with the file, as Google keeps
 * them with the spreadsheet's script: reopening the saved workbook keeps the
 * enforcement running, and a disabled trigger stays disabled.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadWorkbook, saveWorkbook } from '../../local/store/xlsx';
import { OWNER, SPECIALIST, sessionFor, workbookWith } from '../runtime/fixture';

const code = `
function install() { ScriptApp.newTrigger('stamp').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create(); }
function stamp(e) { e.range.offset(0, 1).setValue('проверено ' + Session.getEffectiveUser().getEmail()); }
`;

describe('installable triggers in the saved workbook', () => {
  it('still fire, as their owner, after the file is saved and opened again', async () => {
    const first = sessionFor(code, workbookWith('Лист1'));
    first.run('install');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'triggers-')), 'book.xlsx');
    await saveWorkbook(first.workbook, file);

    const reopened = sessionFor(code, await loadWorkbook(file), { user: SPECIALIST });
    expect(reopened.triggers()).toEqual([expect.objectContaining({ handler: 'stamp', kind: 'onEdit', owner: OWNER })]);
    reopened.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['x']] });
    expect(reopened.workbook.sheets[0].rows[0]?.[1]?.value).toBe(`проверено ${OWNER}`);
  });

  it('a trigger disabled for its owner does not run, and stays disabled in the file', async () => {
    const first = sessionFor(code, workbookWith('Лист1'));
    first.run('install');
    first.disableTrigger(first.triggers()[0].id, 'доступ владельца отозван');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'triggers-')), 'book.xlsx');
    await saveWorkbook(first.workbook, file);
    const reopened = sessionFor(code, await loadWorkbook(file), { user: SPECIALIST });
    reopened.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['x']] });
    expect(reopened.workbook.sheets[0].rows[0]?.[1]).toBeUndefined();
    expect(reopened.logs()).toContain('stamp: не запущен (доступ владельца отозван)');
  });
});
