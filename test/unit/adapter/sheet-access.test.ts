/**
 * Who may write a director's tab: the current user per the protection, or anyone once the
 * execution is known to run as a director (the installable trigger); and a user Google does not
 * name is nobody.
 */
import { currentUserEmail, ownerEmail } from '../../../src/adapter/user';
import { protectForDirectors } from '../../../src/adapter/protection';
import { emptyWorkbook } from '../../../local/runtime/model';
import { activeSpreadsheet, installRuntime, OWNER, uninstallRuntime } from './runtime-services';

const IVANOV = 'ivanov@proekt-a.ru';
afterEach(uninstallRuntime);

describe('userMayWrite', () => {
  it('asks the protection until the execution is known to run as a director, then lets it write', async () => {
    jest.resetModules();
    const { runsAsDirector, userMayWrite } = await import('../../../src/adapter/sheet-access');
    const workbook = emptyWorkbook('Клиентская база', OWNER);
    workbook.editors = [IVANOV];
    const session = installRuntime(workbook);
    const sheet = activeSpreadsheet().insertSheet('Журнал');
    protectForDirectors(sheet, 'Журнал', [OWNER]);
    session.setUser(IVANOV);
    expect(userMayWrite(sheet)).toBe(false);
    runsAsDirector();
    session.resetCalls();
    expect(userMayWrite(sheet)).toBe(true);
    expect(session.calls()['Sheet.getProtections']).toBeUndefined();
  });
});

describe('a user Google does not name', () => {
  it('is the empty e-mail, and so is an owner without one', () => {
    const session = installRuntime();
    session.setUser('');
    expect(currentUserEmail()).toBe('');
    const ss = activeSpreadsheet();
    const noEmail = new Proxy(ss, {
      get: (target, key) => (key === 'getOwner' ? () => ({ getEmail: () => '' }) : Reflect.get(target, key)),
    });
    expect(ownerEmail(noEmail)).toBe('');
  });
});
