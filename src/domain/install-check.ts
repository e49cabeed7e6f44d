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
  'https://www.googleapis.com/auth/documents': 'КП и договоры в Google Документах',
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

/** What «Журнал» shows of whose e-mails Google gives the add-on: entries with an unknown user, and with someone else's e-mail. */
export interface AccountEvidence {
  unknownUsers: number;
  otherUsers: number;
}

const HIDDEN_MEANS =
  'В «Журнале» правки других людей в листах записаны как «не определён», а изменения, которые может делать только ' +
  'директор («Ответственный», «Ключевой», скидка, суммы подписанных сделок), сделанные в листе неизвестным ' +
  'человеком, отменяются. Директору их удобнее делать в боковой панели: там Google называет пользователя.';

/**
 * The account kind is not a fault, but the director must know what it means.
 * The log is the evidence: on personal (gmail) accounts a hand edit by someone
 * else reaches the director's trigger without an e-mail. Before any such edit,
 * the director's own address is the best guess.
 */
export function accountLine(email: string, evidence: AccountEvidence): CheckLine {
  const title = 'Учётные записи';
  if (accountKind(email) === 'unknown') {
    return {
      title,
      ok: false,
      found: 'Google не сообщил e-mail того, кто запустил проверку.',
      fix: 'Запустите проверку под своей учётной записью из меню CRM (не из редактора скриптов другого аккаунта).',
    };
  }
  if (evidence.unknownUsers > 0) {
    return {
      title,
      ok: true,
      found: `Google скрывает от надстройки e-mail других людей (личные аккаунты): в «Журнале» ${evidence.unknownUsers} ${pluralForm(evidence.unknownUsers, ENTRY_FORMS)} без имени. ${HIDDEN_MEANS}`,
    };
  }
  if (evidence.otherUsers > 0) {
    return {
      title,
      ok: true,
      found: 'Google сообщает надстройке e-mail сотрудников (один домен Google Workspace): «Журнал» называет каждого.',
    };
  }
  if (accountKind(email) === 'consumer') {
    return {
      title,
      ok: true,
      found: `Личные аккаунты Google (gmail): Google не сообщает надстройке e-mail других людей. ${HIDDEN_MEANS}`,
    };
  }
  return {
    title,
    ok: true,
    found:
      'Пока не видно, сообщает ли Google e-mail сотрудников: это станет ясно после первой правки специалиста в листе. ' +
      'Если у команды личные аккаунты Google, а не один домен Google Workspace, то: ' +
      HIDDEN_MEANS.charAt(0).toLowerCase() +
      HIDDEN_MEANS.slice(1),
  };
}

const ENTRY_FORMS = ['запись', 'записи', 'записей'] as const;

/** What the spreadsheet records of one of the director's installable triggers, and what this director owns. */
export interface TriggerFacts {
  /** what the trigger does, for the line's title */
  purpose: string;
  /** the trigger that does the work, as registered by setup: its unique ID and owner; null when none */
  registration: { id: string; owner: string } | null;
  /** unique IDs of the running director's own triggers of this handler (Google shows each user only theirs) */
  mine: readonly string[];
  /** the running director */
  me: string;
  /** everyone who is a director now (owner and «Настройки»), lower-case */
  directors: readonly string[];
  /** the trigger's last run (its heartbeat) */
  lastRun: Date | null;
  /** the trigger did not run for something it should have (an edit it missed, a queue left waiting) */
  missed: boolean;
}

const REPAIR = 'Запустите CRM → «Настроить таблицу» от своей учётной записи директора.';

/** Local date and time as the director reads it: 18.03.2026 09:05. */
function dateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * One installable trigger: registered, owned by a current director, still
 * present (when it is this director's), running, and with no second copy of
 * this director's standing by to check and log everything twice.
 */
export function triggerLine(f: TriggerFacts): CheckLine {
  const title = `Триггер: ${f.purpose}`;
  const reg = f.registration;
  if (!reg) return { title, ok: false, found: 'Не установлен.', fix: REPAIR };
  const owner = reg.owner.toLowerCase();
  if (owner !== '' && !f.directors.includes(owner)) {
    return {
      title,
      ok: false,
      found: `Установлен от имени ${reg.owner}, который больше не директор: его записи в защищённые листы не проходят.`,
      fix: REPAIR,
    };
  }
  if (owner === f.me && reg.id !== '' && !f.mine.includes(reg.id)) {
    return { title, ok: false, found: 'Был установлен от вашего имени, но удалён.', fix: REPAIR };
  }
  const extra = f.mine.filter((id) => id !== reg.id).length;
  if (extra > 0) {
    return {
      title,
      ok: false,
      found: `Кроме рабочего, от вашего имени установлено ещё ${extra}: лишние нужно удалить, иначе действия повторяются.`,
      fix: 'Запустите CRM → «Настроить таблицу»: она оставит один триггер и удалит лишние.',
    };
  }
  if (f.missed) {
    return {
      title,
      ok: false,
      found:
        `Не срабатывает${f.lastRun ? ` с ${dateTime(f.lastRun)}` : ''}: Google его остановил ` +
        '(отозван доступ, нужна повторная авторизация после обновления или исчерпан дневной лимит триггеров).',
      fix: REPAIR + ' Если Google попросит разрешения, дайте их.',
    };
  }
  return {
    title,
    ok: true,
    found:
      `Установлен${reg.owner ? ` от имени ${reg.owner}` : ''}` +
      (f.lastRun ? `, последний раз сработал ${dateTime(f.lastRun)}.` : ', ещё не срабатывал.'),
  };
}

/** The queue of «Журнал» entries that specialists' executions could not write. */
export function queueLine(waitingSince: Date | null, overflow: boolean, stale: boolean): CheckLine {
  const title = 'Отложенные записи журнала';
  if (overflow) {
    return {
      title,
      ok: false,
      found: 'Служебная память документа заполнена: часть записей ждёт на скрытом листе «_Очередь записей».',
      fix: 'Сделайте любую правку в таблице под учётной записью директора: записи перенесутся в «Журнал».',
    };
  }
  if (waitingSince && stale) {
    return {
      title,
      ok: false,
      found: `Записи ждут переноса в «Журнал» с ${dateTime(waitingSince)}: ежечасный перенос не работает.`,
      fix: REPAIR,
    };
  }
  return {
    title,
    ok: true,
    found: waitingSince ? `Есть записи, ждущие ближайшего переноса (с ${dateTime(waitingSince)}).` : 'Очередь пуста.',
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
  // a size in whole bytes never equals 90 % of 9 KB (8 294,4), so `>` and `>=` agree
  // Stryker disable next-line EqualityOperator: see above
  const valueNearLimit = largestBytes > PROPERTY_VALUE_LIMIT * 0.9;
  if (totalBytes <= PROPERTY_STORE_LIMIT * 0.8 && !valueNearLimit) {
    return { title, ok: true, found };
  }
  return {
    title,
    ok: false,
    found:
      found +
      (valueNearLimit ? ` Близко к пределу значение «${largestKey}».` : '') +
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
