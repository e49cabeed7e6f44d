/**
 * The advice of «Проверка установки» on made-up facts: each check's ✓ and ✗,
 * so a wrong verdict or a missing fix fails here before it reaches a director.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  accountKind,
  checkReportHtml,
  heartbeatLine,
  mailLine,
  propertiesLine,
  protectionLines,
  SCOPE_PURPOSES,
  triggerLines,
  zoneLine,
} from '../../src/domain/install-check';

const at = (iso: string) => new Date(iso);
const EDIT = [{ handler: 'onEditAsOwner', purpose: 'проверка правок' }];

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

  it('wants each trigger exactly once: none and two are both faults, with different advice', () => {
    expect(triggerLines(EDIT, [{ handler: 'onEditAsOwner', owner: 'd@x.ru' }], 'd@x.ru')[0].ok).toBe(true);
    const none = triggerLines(EDIT, [{ handler: 'sendDigest', owner: 'd@x.ru' }], 'd@x.ru')[0];
    expect(none.ok).toBe(false);
    expect(none.found).toContain('Не установлен');
    const two = triggerLines(
      EDIT,
      [
        { handler: 'onEditAsOwner', owner: 'd@x.ru' },
        { handler: 'onEditAsOwner', owner: 'd@x.ru' },
      ],
      'd@x.ru',
    )[0];
    expect(two.ok).toBe(false);
    expect(two.found).toContain('2 раза');
    expect(two.fix).toContain('удалит лишние');
  });

  it('sees a trigger that stopped: an edit it never answered, beyond the grace of a few minutes', () => {
    expect(heartbeatLine(null, null).ok).toBe(true);
    expect(heartbeatLine(at('2026-03-18T09:00:00Z'), at('2026-03-18T09:04:00Z')).ok).toBe(true);
    const stale = heartbeatLine(at('2026-03-18T09:00:00Z'), at('2026-03-18T09:06:00Z'));
    expect(stale.ok).toBe(false);
    expect(stale.found).toContain('последний раз сработал 2026-03-18 09:00 UTC');
    const never = heartbeatLine(null, at('2026-03-18T09:06:00Z'));
    expect(never.ok).toBe(false);
    expect(never.found).toContain('ни разу не сработал');
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
