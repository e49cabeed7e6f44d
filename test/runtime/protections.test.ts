/**
 * Protections as Sheets keeps them: the owner and the current user cannot be
 * removed from the editors, a new protection starts with the file's editors,
 * and a Workspace file's protection can let the whole domain edit.
 */
import { PERSON_PROTECTED_MESSAGE } from '../../local/runtime';
import { OWNER, SPECIALIST, sessionFor, workbookWith } from './fixture';

const code = `
function lockB(domain) {
  var p = SpreadsheetApp.getActive().getRange('B1:B5').protect();
  var before = p.getEditors().map(function (u) { return u.getEmail(); });
  p.removeEditors(p.getEditors());
  if (domain) p.setDomainEdit(true);
  return { before: before, after: p.getEditors().map(function (u) { return u.getEmail(); }), domain: p.canDomainEdit() };
}
`;

describe('protections', () => {
  it('start with the file’s editors; removing everyone leaves the owner and the current user', () => {
    const s = sessionFor(code, workbookWith('Лист1'), { user: SPECIALIST });
    const seen = s.run('lockB', [false]) as { before: string[]; after: string[] };
    expect(seen.before.sort()).toEqual([OWNER, SPECIALIST].sort());
    expect(seen.after.sort()).toEqual([OWNER, SPECIALIST].sort());
  });

  it('on one Workspace domain, domain editing lets a colleague edit; on gmail accounts there is no domain', () => {
    const colleague = 'buh@example.com';
    for (const accounts of ['workspace', 'consumer'] as const) {
      const workbook = workbookWith('Лист1');
      workbook.editors.push(colleague);
      const s = sessionFor(code, workbook, { accounts });
      expect((s.run('lockB', [true]) as { domain: boolean }).domain).toBe(accounts === 'workspace');
      s.setUser(colleague);
      const edit = () => s.edit({ sheet: 'Лист1', row: 2, column: 2, values: [['1']] });
      if (accounts === 'workspace') expect(edit).not.toThrow();
      else expect(edit).toThrow(PERSON_PROTECTED_MESSAGE);
    }
  });
});
