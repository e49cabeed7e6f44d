/**
 * onOpen as Sheets runs it: LIMITED for a bound script or a used add-on, NONE
 * for an add-on installed but not yet used in the document, where only the
 * menu may be built. The add-on's own onOpen is checked in both shapes.
 */
import { createSession } from '../../local/runtime';
import { CALLS_ALLOWED_IN_AUTH_MODE_NONE } from '../../local/runtime/runtime-context';
import { DIST_CODE, sessionFor, workbookWith } from './fixture';

describe('AuthMode.NONE in the runtime', () => {
  it('lets onOpen build a menu and refuses any other service call', () => {
    const menuOnly = sessionFor(`function onOpen(e) {
      SpreadsheetApp.getUi().createAddonMenu().addItem('Пункт', 'go').addToUi();
    }`);
    expect(menuOnly.open('NONE')).toHaveLength(1);

    const reader = sessionFor(`function onOpen(e) {
      SpreadsheetApp.getActiveSpreadsheet().getSheets();
    }`);
    expect(() => reader.open('NONE')).toThrow(/AuthMode\.NONE/);
    expect(() => reader.open('LIMITED')).not.toThrow();
  });

  it('passes an event with authMode NONE and no source or user', () => {
    const session = sessionFor(
      `function onOpen(e) { SpreadsheetApp.getUi().createMenu(JSON.stringify(Object.keys(e)) + e.authMode).addToUi(); }`,
    );
    expect(session.open('NONE')[0].title).toBe('["authMode"]NONE');
  });
});

describe('the add-on menus', () => {
  const open = (installationSource: 'NONE' | 'WEB_STORE_ADD_ON', authMode: 'NONE' | 'LIMITED') => {
    const session = createSession({ workbook: workbookWith('Лист1'), codePath: DIST_CODE, installationSource });
    session.resetCalls();
    const menus = session.open(authMode);
    return { menus, calls: Object.keys(session.calls()) };
  };

  it('bound to the spreadsheet: top-level «CRM» and «Зарплата» menus', () => {
    const { menus } = open('NONE', 'LIMITED');
    expect(menus.map((m) => m.title)).toEqual(['CRM', 'Зарплата']);
    const captions = menus[1].items.flatMap((i) => ('caption' in i ? [i.caption] : []));
    expect(captions).toEqual(expect.arrayContaining(['Рассчитать за месяц…', 'Закрыть месяц', 'Печать / PDF']));
  });

  it('as an add-on not yet used in the document: one add-on menu with both submenus, nothing else called', () => {
    const { menus, calls } = open('WEB_STORE_ADD_ON', 'NONE');
    expect(menus).toHaveLength(1);
    const submenus = menus[0].items.flatMap((i) => ('submenu' in i ? [i.submenu.title] : []));
    expect(submenus).toEqual(['CRM', 'Зарплата']);
    for (const call of calls) expect(CALLS_ALLOWED_IN_AUTH_MODE_NONE.has(call)).toBe(true);
  });

  it('as an add-on in use: the same add-on menu; onInstall builds it too', () => {
    const { menus } = open('WEB_STORE_ADD_ON', 'LIMITED');
    expect(menus).toHaveLength(1);
    const session = createSession({
      workbook: workbookWith('Лист1'),
      codePath: DIST_CODE,
      installationSource: 'WEB_STORE_ADD_ON',
    });
    session.run('onInstall', [{ authMode: 'FULL' }]);
    expect(session.takeUiEvents()).toEqual([]);
    expect(session.calls()['Ui.createAddonMenu']).toBe(1);
  });
});
