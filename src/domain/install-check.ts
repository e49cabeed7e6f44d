/**
 * «Проверка установки»: what each check found, judged and explained in Russian
 * with the one step that fixes it. Pure: the server gathers the facts on the
 * live platform, this module decides ✓ or ✗ and writes the advice, so every
 * piece of advice is tested on made-up facts too.
 */
import { pluralForm } from './words';

export interface CheckLine {
  /** what was checked, e.g. «Разрешения» */
  title: string;
  ok: boolean;
  /** what was found, one or two sentences */
  found: string;
  /** the one step that repairs it (only when !ok) */
  fix?: string;
}

/** What each OAuth scope of the manifest is for, as the README's table says. */
export const SCOPE_PURPOSES: Readonly<Record<string, string>> = {
  'https://www.googleapis.com/auth/spreadsheets': 'эта таблица и отдельная таблица ведомостей',
  'https://www.googleapis.com/auth/script.container.ui': 'меню, боковая панель, диалоги',
  'https://www.googleapis.com/auth/script.scriptapp': 'триггеры проверки правок и очереди журнала',
  'https://www.googleapis.com/auth/script.send_mail': 'ежедневная сводка и расчётные листки по почте',
  'https://www.googleapis.com/auth/userinfo.email': 'знать, кто работает',
  'https://www.googleapis.com/auth/script.external_request': 'PDF листа по адресу выгрузки',
  'https://www.googleapis.com/auth/drive.file': 'сохранить PDF на Google Диск',
};

const shortScope = (scope: string) => scope.replace('https://www.googleapis.com/auth/', '');

/** Granted scopes against the manifest's; `granted` null means Google did not say. */
export function scopesLine(required: readonly string[], granted: readonly string[] | null): CheckLine {
  const title = 'Разрешения';
  if (granted === null) {
    return {
      title,
      ok: false,
      found: 'Google не сообщил, какие разрешения выданы.',
      fix: 'Запустите любой пункт меню CRM и на экране Google нажмите «Разрешить».',
    };
  }
  const missing = required.filter((s) => !granted.includes(s));
  if (missing.length === 0) {
    return { title, ok: true, found: `Выданы все ${required.length}: ${required.map(shortScope).join(', ')}.` };
  }
  return {
    title,
    ok: false,
    found:
      'Не выданы: ' +
      missing.map((s) => `${shortScope(s)} (${SCOPE_PURPOSES[s] ?? 'нужно надстройке'})`).join('; ') +
      '.',
    fix: 'Откройте меню CRM → «Настроить таблицу» и на экране Google отметьте все разрешения, затем «Разрешить».',
  };
}

/** Domains of Google's consumer accounts. */
const CONSUMER_DOMAINS = ['gmail.com', 'googlemail.com'];

export type AccountKind = 'consumer' | 'workspace' | 'unknown';

/** The kind of account by the director's e-mail: gmail hides other people's e-mails from triggers. */
export function accountKind(email: string): AccountKind {
  const at = email.lastIndexOf('@');
  if (!email || at < 0) return 'unknown';
  return CONSUMER_DOMAINS.includes(email.slice(at + 1).toLowerCase()) ? 'consumer' : 'workspace';
}

/**
 * The account kind is not a fault, but the director must know what it means:
 * on gmail a hand edit by someone else reaches the director's trigger without
 * an e-mail, so «Журнал» says «не определён» and a director-only change typed in
 * the sheet by an unknown person is refused as a specialist's.
 */
export function accountLine(email: string): CheckLine {
  const title = 'Учётные записи';
  const kind = accountKind(email);
  if (kind === 'workspace') {
    return {
      title,
      ok: true,
      found: `Домен ${email.slice(email.lastIndexOf('@') + 1)} (Google Workspace): триггеры видят e-mail сотрудников своего домена, «Журнал» называет каждого.`,
    };
  }
  if (kind === 'consumer') {
    return {
      title,
      ok: true,
      found:
        'Личные аккаунты Google (gmail): при правке ячеек Google не сообщает надстройке e-mail других людей. ' +
        'В «Журнале» такие правки записаны как «не определён», а изменения, которые может делать только директор ' +
        '(«Ответственный», «Ключевой», скидка), сделанные в листе неизвестным человеком, отменяются. ' +
        'Директору их удобнее делать в боковой панели: там Google называет пользователя.',
    };
  }
  return {
    title,
    ok: false,
    found: 'Google не сообщил e-mail того, кто запустил проверку.',
    fix: 'Запустите проверку под своей учётной записью из меню CRM (не из редактора скриптов другого аккаунта).',
  };
}

export interface TriggerFact {
  handler: string;
  /** the e-mail of its owner, '' when not known */
  owner: string;
}

export interface TriggerExpectation {
  handler: string;
  /** what the trigger does, for the line's title */
  purpose: string;
}

/**
 * The installable triggers the director's setup installs: each present exactly
 * once. `triggers` are the director's own (ScriptApp shows a user only their own).
 */
export function triggerLines(
  expected: readonly TriggerExpectation[],
  triggers: readonly TriggerFact[],
  directorEmail: string,
): CheckLine[] {
  return expected.map(({ handler, purpose }) => {
    const title = `Триггер: ${purpose}`;
    const mine = triggers.filter((t) => t.handler === handler);
    if (mine.length === 1) {
      return { title, ok: true, found: `Установлен, работает от имени ${mine[0].owner || directorEmail}.` };
    }
    if (mine.length === 0) {
      return {
        title,
        ok: false,
        found: 'Не установлен от вашего имени: проверки и записи директора не выполняются.',
        fix: 'Запустите CRM → «Настроить таблицу» от своей учётной записи директора.',
      };
    }
    return {
      title,
      ok: false,
      found: `Установлен ${mine.length} раза: каждое действие выполняется и записывается в «Журнал» несколько раз.`,
      fix: 'Запустите CRM → «Настроить таблицу»: она оставит один триггер и удалит лишние.',
    };
  });
}

/** How long after an edit the director's trigger may still be on its way. */
export const HEARTBEAT_GRACE_MS = 5 * 60 * 1000;

/**
 * The last time the director's edit trigger ran, against the last edit that
 * should have reached it (`null`: none seen since setup).
 */
export function heartbeatLine(lastRun: Date | null, lastEdit: Date | null): CheckLine {
  const title = 'Проверка правок работает';
  const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  if (!lastEdit) {
    return {
      title,
      ok: true,
      found: lastRun
        ? `Триггер директора последний раз сработал ${when(lastRun)}.`
        : 'Правок после настройки ещё не было; триггер сработает при первой правке.',
    };
  }
  if (lastRun && lastEdit.getTime() <= lastRun.getTime() + HEARTBEAT_GRACE_MS) {
    return { title, ok: true, found: `Триггер директора последний раз сработал ${when(lastRun)}.` };
  }
  return {
    title,
    ok: false,
    found:
      `Последняя правка в таблице — ${when(lastEdit)}, а триггер директора ` +
      (lastRun ? `последний раз сработал ${when(lastRun)}` : 'ни разу не сработал') +
      ': Google его отключил (отозван доступ, нужна повторная авторизация или исчерпан дневной лимит). ' +
      'Пока он не работает, правки проверяет простой триггер, но записать «Журнал» он не может.',
    fix: 'Запустите CRM → «Настроить таблицу»: триггер будет установлен заново; если Google попросит разрешения, дайте их.',
  };
}

export interface ProtectionFact {
  sheet: string;
  /** false when the tab does not exist */
  exists: boolean;
  protected: boolean;
  warningOnly: boolean;
  domainEdit: boolean;
  /** lower-case e-mails on the protection's editor list */
  editors: string[];
}

/** Each director-only tab protected so that only the expected people (directors, owner) may edit it. */
export function protectionLines(facts: readonly ProtectionFact[], allowed: readonly string[]): CheckLine[] {
  const allowedSet = new Set(allowed.map((e) => e.toLowerCase()));
  return facts.map((f) => {
    const title = `Защита листа «${f.sheet}»`;
    const fix = 'Запустите CRM → «Настроить таблицу»: она восстановит защиту с правильным списком редакторов.';
    if (!f.exists) return { title, ok: false, found: 'Листа нет.', fix };
    if (!f.protected) return { title, ok: false, found: 'Лист не защищён: его может изменить любой редактор.', fix };
    if (f.warningOnly) {
      return { title, ok: false, found: 'Защита только предупреждает: изменить лист может любой редактор.', fix };
    }
    if (f.domainEdit) return { title, ok: false, found: 'Изменять лист может весь домен.', fix };
    const extra = f.editors.filter((e) => !allowedSet.has(e));
    if (extra.length > 0) {
      return { title, ok: false, found: `Изменять лист могут и другие: ${extra.join(', ')}.`, fix };
    }
    return { title, ok: true, found: `Изменяют только: ${f.editors.join(', ') || 'владелец'}.` };
  });
}

/** The spreadsheet's time zone and locale against the script's and the expected Russian locale. */
export function zoneLine(spreadsheetZone: string, scriptZone: string, locale: string): CheckLine {
  const title = 'Часовой пояс и язык';
  const problems: string[] = [];
  if (spreadsheetZone !== scriptZone) {
    problems.push(
      `часовой пояс таблицы ${spreadsheetZone}, а скрипта ${scriptZone}: даты надстройка пересчитывает в пояс таблицы, ` +
        'но время в «Журнале» и триггер сводки в 8:00 идут по поясу скрипта',
    );
  }
  if (!/^ru(_|$)/i.test(locale)) {
    problems.push(`язык таблицы ${locale}: формулы ведомости в нём пишутся через «,», а даты и суммы — не по-русски`);
  }
  if (problems.length === 0) {
    return { title, ok: true, found: `Пояс ${spreadsheetZone} (как у скрипта), язык ${locale}.` };
  }
  return {
    title,
    ok: false,
    found: problems.join('; ') + '.',
    fix: 'Файл → Настройки → «Региональные настройки»: Россия, «Часовой пояс»: ' + scriptZone + '.',
  };
}

const LETTER_FORMS = ['письмо', 'письма', 'писем'] as const;

/** Messages a day the team needs: the digest for each specialist, and one payslip each at month end. */
export function mailLine(remaining: number, teamSize: number): CheckLine {
  const title = 'Почта: дневной лимит';
  const need = teamSize;
  if (remaining >= need) {
    return {
      title,
      ok: true,
      found: `Сегодня можно отправить ещё ${remaining} ${pluralForm(remaining, LETTER_FORMS)}; сводке и расчётным листкам нужно ${need} в день.`,
    };
  }
  return {
    title,
    ok: false,
    found: `Сегодня можно отправить только ${remaining} ${pluralForm(remaining, LETTER_FORMS)}, а сотрудников с e-mail ${teamSize}.`,
    fix:
      'Лимит Google (100 получателей в день на личном аккаунте) обновится через сутки; рассылка расчётных листков ' +
      'продолжит с того, кому письмо не ушло. Если команда больше лимита, включите сводку не всем.',
  };
}

/** Google's limits on document properties (PropertiesService quotas). */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

/** The document properties' size against Google's limits, with room left for the queued log. */
export function propertiesLine(totalBytes: number, largestBytes: number, largestKey: string): CheckLine {
  const title = 'Служебная память документа';
  const kb = (n: number) => `${(n / 1024).toFixed(1).replace('.', ',')} КБ`;
  const found = `Занято ${kb(totalBytes)} из 500 КБ; самое большое значение — ${kb(largestBytes)} из 9 КБ.`;
  if (totalBytes <= PROPERTY_STORE_LIMIT * 0.8 && largestBytes <= PROPERTY_VALUE_LIMIT * 0.9) {
    return { title, ok: true, found };
  }
  return {
    title,
    ok: false,
    found:
      found +
      (largestBytes > PROPERTY_VALUE_LIMIT * 0.9 ? ` Близко к пределу значение «${largestKey}».` : '') +
      ' Когда место кончится, записи журнала от специалистов не смогут дождаться директора.',
    fix: 'Откройте таблицу под учётной записью директора и сделайте любую правку: ожидающие записи будут перенесены в «Журнал» и память освободится.',
  };
}

/** A step that needed the live platform (export, Drive, a custom function): ok, or the error Google gave. */
export function liveLine(title: string, error: string | null, okText: string, fix: string): CheckLine {
  return error === null ? { title, ok: true, found: okText } : { title, ok: false, found: error, fix };
}

/** The dialog: a line per check, ✓ / ✗, what was found and the fix. All text is escaped. */
export function checkReportHtml(lines: readonly CheckLine[]): string {
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const failed = lines.filter((l) => !l.ok).length;
  const head =
    failed === 0
      ? 'Всё в порядке: надстройка установлена правильно.'
      : `Нужно исправить: ${failed} из ${lines.length}.`;
  const rows = lines
    .map(
      (l) =>
        `<tr class="${l.ok ? 'ok' : 'bad'}"><td class="mark">${l.ok ? '✓' : '✗'}</td><td><b>${esc(l.title)}</b><br>` +
        `${esc(l.found)}${l.fix ? `<br><i>Что сделать:</i> ${esc(l.fix)}` : ''}</td></tr>`,
    )
    .join('');
  return (
    '<style>body{font:13px Arial,sans-serif}table{border-collapse:collapse}td{padding:4px 6px;vertical-align:top;' +
    'border-bottom:1px solid #ddd}.mark{font-size:16px}.ok .mark{color:#188038}.bad .mark{color:#d93025}</style>' +
    `<p><b>${esc(head)}</b></p><table>${rows}</table>`
  );
}
