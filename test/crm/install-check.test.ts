/**
 * «Проверка установки» on the local runtime: every line ✓ on a workbook the
 * director has set up, and each induced fault shows its ✗ with its advice;
 * nothing the check makes (a temporary tab, a file on Drive) is left behind.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SpreadsheetExporter } from '../../local/runtime';
import type { WorkbookModel } from '../../local/runtime/model';
import { SHEETS } from '../../src/domain/workbook/schema';
import { bundleSession } from '../helpers/workbook';
import { columnOf, crmWorkbook, DIRECTOR, IVANOV, TODAY } from './crm-workbook';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST_SCOPES = (
  JSON.parse(readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] }
).oauthScopes;

/** Google's side of the export URL: a small PDF for any request. */
const tinyPdf: SpreadsheetExporter = () => ({
  bytes: new TextEncoder().encode('%PDF-1.4 check'),
  contentType: 'application/pdf',
});

interface Line {
  title: string;
  ok: boolean;
  found: string;
  fix?: string;
}

function setUp(workbook: WorkbookModel = crmWorkbook(), options: Parameters<typeof bundleSession>[1] = {}) {
  const files = { created: 0, removed: 0 };
  const session = bundleSession(workbook, {
    now: () => TODAY,
    exporter: tinyPdf,
    onFileCreated: () => files.created++,
    onFileRemoved: () => files.removed++,
    ...options,
  });
  // the director's setup, declining the offered check
  session.run('menuSetupWorkbook', [], [{ button: 'NO' }]);
  session.takeUiEvents();
  return { session, workbook, files };
}

/** Runs the check as `user` and returns its lines (the dialog is the HTML of the same lines). */
function check(session: ReturnType<typeof setUp>['session'], user = DIRECTOR): Line[] {
  session.setUser(user);
  session.run('menuInstallCheck');
  const events = session.takeUiEvents();
  const dialog = events.find((e) => e.type === 'dialog') as { html: string } | undefined;
  if (!dialog) throw new Error('no dialog: ' + JSON.stringify(events));
  return parseDialog(dialog.html);
}

function parseDialog(html: string): Line[] {
  const rows = [
    ...html.matchAll(/<tr class="(ok|bad)"><td class="mark">[✓✗]<\/td><td><b>(.*?)<\/b><br>(.*?)<\/td><\/tr>/g),
  ];
  return rows.map(([, cls, title, rest]) => {
    const [found, fix] = rest.split('<br><i>Что сделать:</i> ');
    return { title, ok: cls === 'ok', found, fix };
  });
}

const line = (lines: Line[], title: string) => {
  const found = lines.find((l) => l.title === title);
  if (!found) throw new Error(`no line «${title}» in ${lines.map((l) => l.title).join(', ')}`);
  return found;
};

describe('«Проверка установки»', () => {
  it('shows every line ✓ on a workbook the director has set up, and leaves no trace', () => {
    const { session, workbook, files } = setUp();
    const sheetsBefore = workbook.sheets.map((s) => s.name);
    const lines = check(session);
    expect(lines.filter((l) => !l.ok)).toEqual([]);
    expect(lines.map((l) => l.title)).toEqual(
      expect.arrayContaining([
        'Разрешения',
        'Учётные записи',
        'Триггер: проверка правок от имени директора',
        `Защита листа «${SHEETS.settings}»`,
        `Защита листа «${SHEETS.log}»`,
        'Часовой пояс и язык',
        'Почта: дневной лимит',
        'Служебная память документа',
        'Функции ячеек',
        'Печать в PDF и Google Диск',
      ]),
    );
    expect(line(lines, 'Функции ячеек').found).toContain('21 рабочий день');
    // the temporary tab and the PDF are gone
    expect(workbook.sheets.map((s) => s.name)).toEqual(sheetsBefore);
    expect(files).toEqual({ created: 1, removed: 1 });
  });

  it("is offered at the end of the director's «Настроить таблицу» and runs on «Да»", () => {
    const { session } = setUp();
    session.run('menuSetupWorkbook', [], [{ button: 'YES' }]);
    const events = session.takeUiEvents();
    const offer = events.find((e) => e.type === 'alert') as { message: string; buttons: string };
    expect(offer.message).toContain('Проверить установку сейчас?');
    expect(offer.buttons).toBe('YES_NO');
    expect(events.some((e) => e.type === 'dialog')).toBe(true);
  });

  it('refuses a specialist before it runs anything', () => {
    const { session, workbook } = setUp();
    session.setUser(IVANOV);
    session.resetCalls();
    session.run('menuInstallCheck');
    const events = session.takeUiEvents();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'alert',
        title: 'Проверка установки',
        message: 'Проверку установки запускает директор.',
      }),
    ]);
    expect(workbook.sheets.some((s) => s.name === '_Проверка установки')).toBe(false);
    expect(session.calls()['ScriptApp.getAuthorizationInfo']).toBeUndefined();
  });

  it('names a scope the director did not grant, with what it is for', () => {
    const granted = MANIFEST_SCOPES.filter((s) => !s.endsWith('/drive.file'));
    const { session } = setUp(crmWorkbook(), { grantedScopes: { [DIRECTOR]: granted } });
    const scopes = line(check(session), 'Разрешения');
    expect(scopes.ok).toBe(false);
    expect(scopes.found).toBe('Не выданы: drive.file (сохранить PDF на Google Диск).');
    expect(scopes.fix).toContain('«Настроить таблицу»');
  });

  it('names an extra editor on a director-only tab', () => {
    const { session, workbook } = setUp();
    const log = workbook.sheets.find((s) => s.name === SHEETS.log)!;
    log.protections[0].editors.push(IVANOV);
    const lines = check(session);
    const logLine = line(lines, `Защита листа «${SHEETS.log}»`);
    expect(logLine.ok).toBe(false);
    expect(logLine.found).toBe(`Изменять лист могут и другие: ${IVANOV}.`);
    expect(line(lines, `Защита листа «${SHEETS.settings}»`).ok).toBe(true);
  });

  it('names a director-only tab left unprotected', () => {
    const { session, workbook } = setUp();
    workbook.sheets.find((s) => s.name === SHEETS.settings)!.protections = [];
    const settings = line(check(session), `Защита листа «${SHEETS.settings}»`);
    expect(settings.ok).toBe(false);
    expect(settings.found).toContain('не защищён');
  });

  it('says what differs when the spreadsheet is in another time zone than the script', () => {
    const { session, workbook } = setUp();
    workbook.timeZone = 'Asia/Yekaterinburg';
    const zone = line(check(session), 'Часовой пояс и язык');
    expect(zone.ok).toBe(false);
    expect(zone.found).toContain('часовой пояс таблицы Asia/Yekaterinburg, а скрипта Europe/Moscow');
    expect(zone.fix).toContain('Europe/Moscow');
  });

  it("warns when the document properties are close to Google's limits", () => {
    const { session, workbook } = setUp();
    workbook.documentProperties['crm.pending.0'] = 'x'.repeat(8 * 1024 + 700);
    const props = line(check(session), 'Служебная память документа');
    expect(props.ok).toBe(false);
    expect(props.found).toContain('«crm.pending.0»');
  });

  it('reports a failed export and still removes its temporary tab', () => {
    const failing: SpreadsheetExporter = () => {
      throw new Error('Exception: Request failed for https://docs.google.com returned code 401');
    };
    const { session, workbook, files } = setUp(crmWorkbook(), { exporter: failing });
    const lines = check(session);
    const pdf = line(lines, 'Печать в PDF и Google Диск');
    expect(pdf.ok).toBe(false);
    expect(pdf.found).toContain('401');
    expect(line(lines, 'Функции ячеек').ok).toBe(true);
    expect(workbook.sheets.some((s) => s.name === '_Проверка установки')).toBe(false);
    expect(files.created).toBe(0);
  });

  it('sees a gmail director as a consumer account and explains what it means', () => {
    const wb = crmWorkbook();
    const gmail = 'saraev.director@gmail.com';
    wb.owner = gmail;
    wb.sheets
      .find((s) => s.name === SHEETS.staff)!
      .rows.forEach((row) => row?.forEach((c) => c && c.value === DIRECTOR && (c.value = gmail)));
    const { session } = setUp(wb, { user: gmail });
    const account = line(check(session, gmail), 'Учётные записи');
    expect(account.ok).toBe(true);
    expect(account.found).toContain('не определён');
  });

  it("learns from «Журнал» that Google hides the team's e-mails once a specialist's hand edit is logged", () => {
    const { session, workbook } = setUp();
    expect(line(check(session), 'Учётные записи').found).toContain('станет ясно');
    session.setUser(IVANOV);
    // «Ключевой» typed by a specialist: refused and logged by the director's trigger, which on gmail gets no e-mail
    session.edit({
      sheet: SHEETS.clients,
      row: 2,
      column: columnOf(workbook, SHEETS.clients, 'Статус клиента'),
      values: [['Ключевой']],
    });
    const account = line(check(session), 'Учётные записи');
    expect(account.found).toMatch(
      /^Google скрывает от надстройки e-mail других людей \(личные аккаунты\): в «Журнале» \d+ запис/,
    );
  });

  it("names a stopped edit trigger: a specialist's edit it never answered", () => {
    const { session, workbook } = setUp();
    const trigger = workbook.triggers!.find((t) => t.handler === 'onEditAsOwner')!;
    session.disableTrigger(trigger.id, 'Требуется авторизация');
    session.setUser(IVANOV);
    session.advanceClock(10 * 60_000);
    session.edit({
      sheet: SHEETS.clients,
      row: 2,
      column: columnOf(workbook, SHEETS.clients, 'Примечание'),
      values: [['звонил']],
    });
    session.advanceClock(10 * 60_000);
    const lines = check(session);
    const edits = line(lines, 'Триггер: проверка правок от имени директора');
    expect(edits.ok).toBe(false);
    expect(edits.found).toMatch(/^Не срабатывает с \d\d\.\d\d\.\d{4} \d\d:\d\d: Google его остановил/);
    expect(edits.fix).toContain('«Настроить таблицу»');
    // setup repairs it, and the check is then clean
    session.run('menuSetupWorkbook', [], [{ button: 'NO' }]);
    session.takeUiEvents();
    expect(line(check(session), 'Триггер: проверка правок от имени директора').ok).toBe(true);
  });

  it("names a trigger deleted from the director's account and a second copy of one", () => {
    const { session, workbook } = setUp();
    const triggers = workbook.triggers!;
    const flush = triggers.find((t) => t.handler === 'flushPendingWrites')!;
    triggers.splice(triggers.indexOf(flush), 1);
    const edit = triggers.find((t) => t.handler === 'onEditAsOwner')!;
    triggers.push({ ...edit, id: edit.id + '-copy' });
    const lines = check(session);
    expect(line(lines, 'Триггер: ежечасный перенос записей в «Журнал»').found).toBe(
      'Был установлен от вашего имени, но удалён.',
    );
    const edits = line(lines, 'Триггер: проверка правок от имени директора');
    expect(edits.ok).toBe(false);
    expect(edits.fix).toContain('удалит лишние');
  });
});
