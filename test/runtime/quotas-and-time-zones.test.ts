/**
 * Google's limits with Google's messages, and a spreadsheet whose time zone is
 * not the script's.
 */
import { PROPERTY_STORAGE_QUOTA_MESSAGE, PROPERTY_VALUE_TOO_LARGE_MESSAGE } from '../../local/runtime/script-services';
import { sessionFor, workbookWith } from './fixture';

const code = `
function put(key, size) { PropertiesService.getDocumentProperties().setProperty(key, new Array(size + 1).join('я')); }
function putAll(count, size) {
  var props = PropertiesService.getScriptProperties();
  for (var i = 0; i < count; i++) props.setProperty('k' + i, new Array(size + 1).join('x'));
}
function readDate() {
  var ss = SpreadsheetApp.getActive();
  var d = ss.getRange('A1').getValue();
  return {
    own: Utilities.formatDate(d, ss.getSpreadsheetTimeZone(), 'dd.MM.yyyy HH:mm'),
    inScriptZone: Utilities.formatDate(d, Session.getScriptTimeZone(), 'dd.MM.yyyy HH:mm'),
    getDate: d.getDate(),
    sheetZone: ss.getSpreadsheetTimeZone(),
    scriptZone: Session.getScriptTimeZone(),
  };
}
/** @customfunction */
function DAY_OF(d) { return Utilities.formatDate(d, SpreadsheetApp.getActive().getSpreadsheetTimeZone(), 'dd.MM'); }
`;

describe('PropertiesService quotas', () => {
  it('a value over 9 KB (with its key) throws as on Google and is not stored', () => {
    const s = sessionFor(code);
    // 'я' is two bytes in UTF-8: 4 606 of them with a 4-byte key are 9 216 bytes, one more is over
    expect(() => s.run('put', ['long', 4606])).not.toThrow();
    expect(() => s.run('put', ['long', 4607])).toThrow(PROPERTY_VALUE_TOO_LARGE_MESSAGE);
    expect(s.workbook.documentProperties.long).toHaveLength(4606);
  });

  it('a store over 500 KB throws the storage quota message', () => {
    const s = sessionFor(code);
    expect(() => s.run('putAll', [60, 9000])).toThrow(PROPERTY_STORAGE_QUOTA_MESSAGE);
  });
});

describe.each(['Asia/Yekaterinburg', 'Europe/Kaliningrad'])('a spreadsheet in %s, the script in Moscow', (zone) => {
  it('a typed date is midnight of its own day in the spreadsheet zone', () => {
    const workbook = workbookWith('Лист1');
    const s = sessionFor(code, workbook, { spreadsheetTimeZone: zone });
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['15.03.2026']] });
    const seen = s.run('readDate') as Record<string, unknown>;
    expect(seen).toMatchObject({ own: '15.03.2026 00:00', sheetZone: zone, scriptZone: 'Europe/Moscow' });
    // the documented pitfall: read in the script's zone, Yekaterinburg's midnight is the day before in Moscow
    expect(seen.inScriptZone).toBe(zone === 'Asia/Yekaterinburg' ? '14.03.2026 22:00' : '15.03.2026 01:00');
    expect(seen.getDate).toBe(zone === 'Asia/Yekaterinburg' ? 14 : 15);
  });

  it('a custom function gets the same instant as its argument', () => {
    const workbook = workbookWith('Лист1');
    const s = sessionFor(code, workbook, { spreadsheetTimeZone: zone });
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['15.03.2026']] });
    s.edit({ sheet: 'Лист1', row: 1, column: 2, values: [['=DAY_OF(A1)']] });
    expect(workbook.sheets[0].rows[0]?.[1]?.value).toBe('15.03');
  });
});
