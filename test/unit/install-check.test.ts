/**
 * The advice of «Проверка установки» on made-up facts: each check's ✓ and ✗,
 * so a wrong verdict or a missing fix fails here before it reaches a director.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  accountKind,
  accountLine,
  checkReportHtml,
  mailLine,
  propertiesLine,
  protectionLines,
  queueLine,
  SCOPE_PURPOSES,
  triggerLine,
  zoneLine,
} from '../../src/domain/install-check';

describe('install check verdicts', () => {
  it('knows a purpose for exactly the scopes of the manifest', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'appsscript.json'), 'utf8')) as {
      oauthScopes: string[];
    };
    expect(Object.keys(SCOPE_PURPOSES).sort()).toEqual([...manifest.oauthScopes].sort());
  });

  it('tells gmail from a Workspace domain, and a blank e-mail from both', () => {
    expect(accountKind('a.b@gmail.com')).toBe('consumer');
    expect(accountKind('A@GoogleMail.com')).toBe('consumer');
    expect(accountKind('saraev@proekt-a.ru')).toBe('workspace');
    expect(accountKind('')).toBe('unknown');
  });

  const trigger = (over: Partial<Parameters<typeof triggerLine>[0]> = {}) =>
    triggerLine({
      purpose: 'проверка правок',
      registration: { id: 't1', owner: 'd@x.ru' },
      mine: ['t1'],
      me: 'd@x.ru',
      directors: ['d@x.ru', 'owner@x.ru'],
      lastRun: new Date(2026, 2, 18, 9, 5),
      missed: false,
      ...over,
    });

  it('passes a registered trigger of a current director that runs, and says when it last ran', () => {
    expect(trigger()).toEqual({
      title: 'Триггер: проверка правок',
      ok: true,
      found: 'Установлен от имени d@x.ru, последний раз сработал 18.03.2026 09:05.',
    });
    // another director's trigger: not among mine, and that is right
    expect(trigger({ registration: { id: 't9', owner: 'owner@x.ru' }, mine: [] }).ok).toBe(true);
  });

  it('fails a missing, deleted, orphaned, duplicated or stopped trigger, each with its own finding', () => {
    expect(trigger({ registration: null }).found).toBe('Не установлен.');
    expect(trigger({ mine: [] }).found).toBe('Был установлен от вашего имени, но удалён.');
    expect(trigger({ registration: { id: 't1', owner: 'gone@x.ru' } }).found).toContain('больше не директор');
    const two = trigger({ mine: ['t1', 't2'] });
    expect(two.found).toContain('ещё 1');
    expect(two.fix).toContain('удалит лишние');
    const stopped = trigger({ missed: true });
    expect(stopped.ok).toBe(false);
    expect(stopped.found).toContain('Не срабатывает с 18.03.2026 09:05');
    for (const line of [trigger({ registration: null }), trigger({ mine: [] }), stopped]) {
      expect(line.fix).toContain('«Настроить таблицу»');
    }
  });

  it('flags a queue left waiting or spilled over, not one waiting for the next hourly run', () => {
    const since = new Date(2026, 2, 18, 6, 0);
    expect(queueLine(null, false, false).ok).toBe(true);
    expect(queueLine(since, false, false).ok).toBe(true);
    expect(queueLine(since, false, true).found).toContain('с 18.03.2026 06:00');
    expect(queueLine(null, true, false).found).toContain('«_Очередь записей»');
  });

  it('refuses warning-only and domain-wide protections and names extra editors', () => {
    const base = { sheet: 'Журнал', exists: true, protected: true, warningOnly: false, domainEdit: false };
    const allowed = ['owner@x.ru', 'director@x.ru'];
    expect(protectionLines([{ ...base, editors: ['director@x.ru'] }], allowed)[0].ok).toBe(true);
    expect(protectionLines([{ ...base, warningOnly: true, editors: [] }], allowed)[0].found).toContain('предупреждает');
    expect(protectionLines([{ ...base, domainEdit: true, editors: [] }], allowed)[0].found).toContain('весь домен');
    expect(
      protectionLines([{ ...base, editors: ['DIRECTOR@x.ru'.toLowerCase(), 'spec@x.ru'] }], allowed)[0].found,
    ).toBe('Изменять лист могут и другие: spec@x.ru.');
  });

  it('reads whose e-mails Google gives from the log, and guesses from the address only before any evidence', () => {
    const none = { unknownUsers: 0, otherUsers: 0 };
    expect(accountLine('d@proekt-a.ru', { unknownUsers: 3, otherUsers: 0 }).found).toContain(
      'в «Журнале» 3 записи без имени',
    );
    expect(accountLine('d@gmail.com', { unknownUsers: 0, otherUsers: 2 }).found).toContain('Google Workspace');
    expect(accountLine('d@gmail.com', none).found).toContain('Личные аккаунты Google (gmail)');
    expect(accountLine('d@proekt-a.ru', none).found).toContain('станет ясно после первой правки');
    expect(accountLine('', none).ok).toBe(false);
  });

  it('flags another zone or a non-Russian locale, not the same zone and ru_RU', () => {
    expect(zoneLine('Europe/Moscow', 'Europe/Moscow', 'ru_RU').ok).toBe(true);
    expect(zoneLine('Europe/Moscow', 'Europe/Moscow', 'en_US').found).toContain('язык таблицы en_US');
    expect(zoneLine('Europe/Kaliningrad', 'Europe/Moscow', 'ru_RU').ok).toBe(false);
  });

  it('compares the mail quota with the team, in Russian plural forms', () => {
    expect(mailLine(100, 7).found).toBe(
      'Сегодня можно отправить ещё 100 писем; сводке и расчётным листкам нужно 7 в день.',
    );
    const short = mailLine(2, 7);
    expect(short.ok).toBe(false);
    expect(short.found).toBe('Сегодня можно отправить только 2 письма, а сотрудников с e-mail 7.');
  });

  it('warns at 80 % of the store or 90 % of one value', () => {
    expect(propertiesLine(400 * 1024, 1000, 'a').ok).toBe(true);
    expect(propertiesLine(410 * 1024, 1000, 'a').ok).toBe(false);
    expect(propertiesLine(10_000, 8400, 'crm.queue').found).toContain('«crm.queue»');
  });

  it('escapes what it found in the dialog', () => {
    const html = checkReportHtml([{ title: 'Лист <b>', ok: false, found: '=HYPERLINK("x")&<i>', fix: 'шаг' }]);
    expect(html).toContain('Лист &lt;b&gt;');
    expect(html).toContain('=HYPERLINK(&quot;x&quot;)&amp;&lt;i&gt;');
    expect(html).toContain('Нужно исправить: 1 из 1.');
  });
});
