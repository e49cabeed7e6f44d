/**
 * protectForDirectors on a tab already protected as it should be changes nothing (no calls to
 * change editors), and in a Workspace domain takes away the domain's right to edit.
 */
import { protectForDirectors } from '../../../src/adapter/protection';
import { emptyWorkbook } from '../../../local/runtime/model';
import { activeSpreadsheet, installRuntime, OWNER, uninstallRuntime } from './runtime-services';

const DEPUTY = 'deputy@proekt-a.ru';
const IVANOV = 'ivanov@proekt-a.ru';

function session(accounts: 'consumer' | 'workspace') {
  const workbook = emptyWorkbook('Клиентская база', OWNER);
  workbook.editors = [DEPUTY, IVANOV];
  return installRuntime(workbook, { accounts });
}
afterEach(uninstallRuntime);

describe('protectForDirectors', () => {
  it('leaves a protection that is already right as it is, without changing its editors', () => {
    const s = session('consumer');
    const sheet = activeSpreadsheet().insertSheet('Журнал');
    expect(protectForDirectors(sheet, 'Журнал', [OWNER, DEPUTY])).toBe(true);
    s.resetCalls();
    expect(protectForDirectors(sheet, 'Журнал', [DEPUTY, OWNER])).toBe(false);
    const calls = s.calls();
    expect(calls['Protection.removeEditors']).toBeUndefined();
    expect(calls['Protection.addEditors']).toBeUndefined();
    expect(calls['Protection.setDomainEdit']).toBeUndefined();
    expect(calls['Sheet.protect']).toBeUndefined();
  });

  it('adds a director the protection does not name yet', () => {
    session('consumer');
    const sheet = activeSpreadsheet().insertSheet('Журнал');
    protectForDirectors(sheet, 'Журнал', [OWNER]);
    protectForDirectors(sheet, 'Журнал', [OWNER, 'Deputy@Proekt-A.ru']);
    const [p] = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(
      p
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual([DEPUTY, OWNER].sort());
  });

  it('in a Workspace domain, takes away the domain’s right to edit', () => {
    session('workspace');
    const sheet = activeSpreadsheet().insertSheet('Журнал');
    const p = sheet.protect();
    p.setDomainEdit(true);
    expect(p.canDomainEdit()).toBe(true);
    protectForDirectors(sheet, 'Журнал', [OWNER]);
    const [after] = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(after.canDomainEdit()).toBe(false);
    expect(after.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
  });
});
