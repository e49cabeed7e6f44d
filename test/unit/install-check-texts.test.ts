/**
 * The exact words of «Проверка установки»: each line a director reads, ✓ or ✗, with the finding and
 * the one step that fixes it, written out by hand so a changed verdict, a lost clause or a wrong
 * threshold fails here.
 */
import {
  accountKind,
  accountLine,
  checkReportHtml,
  liveLine,
  mailLine,
  propertiesLine,
  protectionLines,
  queueLine,
  scopesLine,
  triggerLine,
  zoneLine,
} from '../../src/domain/install-check';

const REPAIR = 'Запустите CRM → «Настроить таблицу» от своей учётной записи директора.';
const HIDDEN_MEANS =
  'В «Журнале» правки других людей в листах записаны как «не определён», а изменения, которые может делать только ' +
  'директор («Ответственный», «Ключевой», скидка, суммы подписанных сделок), сделанные в листе неизвестным ' +
  'человеком, отменяются. Директору их удобнее делать в боковой панели: там Google называет пользователя.';

describe('«Разрешения»', () => {
  const SHEETS = 'https://www.googleapis.com/auth/spreadsheets';
  const MAIL = 'https://www.googleapis.com/auth/script.send_mail';
  const OTHER = 'https://www.googleapis.com/auth/calendar';

  it('asks to allow the add-on when Google did not say which scopes it granted', () => {
    expect(scopesLine([SHEETS], null)).toEqual({
      title: 'Разрешения',
      ok: false,
      found: 'Google не сообщил, какие разрешения выданы.',
      fix: 'Запустите любой пункт меню CRM и на экране Google нажмите «Разрешить».',
    });
  });

  it('passes when every scope of the manifest is granted, naming them short', () => {
    expect(scopesLine([SHEETS, MAIL], [MAIL, SHEETS, OTHER])).toEqual({
      title: 'Разрешения',
      ok: true,
      found: 'Выданы все 2: spreadsheets, script.send_mail.',
    });
  });

  it('names each missing scope with what it is for', () => {
    expect(scopesLine([SHEETS, MAIL, OTHER], [SHEETS])).toEqual({
      title: 'Разрешения',
      ok: false,
      found:
        'Не выданы: script.send_mail (ежедневная сводка и расчётные листки по почте); calendar (нужно надстройке).',
      fix: 'Откройте меню CRM → «Настроить таблицу» и на экране Google отметьте все разрешения, затем «Разрешить».',
    });
  });
});

describe('«Учётные записи»', () => {
  const none = { unknownUsers: 0, otherUsers: 0 };

  it('tells the kind of account by the part after the last @ only', () => {
    expect(accountKind('gmail.com@proekt-a.ru')).toBe('workspace');
    expect(accountKind('odd@name@gmail.com')).toBe('consumer');
    expect(accountKind('no-at-sign')).toBe('unknown');
    expect(accountKind('@gmail.com')).toBe('consumer');
  });

  it('asks to run the check under one’s own account when Google gave no e-mail', () => {
    expect(accountLine('', { unknownUsers: 5, otherUsers: 5 })).toEqual({
      title: 'Учётные записи',
      ok: false,
      found: 'Google не сообщил e-mail того, кто запустил проверку.',
      fix: 'Запустите проверку под своей учётной записью из меню CRM (не из редактора скриптов другого аккаунта).',
    });
  });

  it('counts the log entries without a name, in Russian plural forms, even on a Workspace address', () => {
    expect(accountLine('d@proekt-a.ru', { unknownUsers: 1, otherUsers: 4 })).toEqual({
      title: 'Учётные записи',
      ok: true,
      found: `Google скрывает от надстройки e-mail других людей (личные аккаунты): в «Журнале» 1 запись без имени. ${HIDDEN_MEANS}`,
    });
    expect(accountLine('d@gmail.com', { unknownUsers: 11, otherUsers: 0 }).found).toContain('11 записей без имени');
  });

  it('says Google names everyone when the log holds other people’s e-mails, whatever the address', () => {
    expect(accountLine('d@gmail.com', { unknownUsers: 0, otherUsers: 1 })).toEqual({
      title: 'Учётные записи',
      ok: true,
      found: 'Google сообщает надстройке e-mail сотрудников (один домен Google Workspace): «Журнал» называет каждого.',
    });
  });

  it('before any evidence, explains gmail by the address, and a Workspace address as not yet known', () => {
    expect(accountLine('D@GMAIL.COM', none)).toEqual({
      title: 'Учётные записи',
      ok: true,
      found: `Личные аккаунты Google (gmail): Google не сообщает надстройке e-mail других людей. ${HIDDEN_MEANS}`,
    });
    expect(accountLine('d@proekt-a.ru', none)).toEqual({
      title: 'Учётные записи',
      ok: true,
      found:
        'Пока не видно, сообщает ли Google e-mail сотрудников: это станет ясно после первой правки специалиста в листе. ' +
        'Если у команды личные аккаунты Google, а не один домен Google Workspace, то: в «Журнале» правки других людей ' +
        HIDDEN_MEANS.slice('В «Журнале» правки других людей '.length),
    });
  });
});

describe('«Триггер: …»', () => {
  const facts = (over: Partial<Parameters<typeof triggerLine>[0]> = {}) => ({
    purpose: 'очередь журнала',
    registration: { id: 't1', owner: 'd@x.ru' },
    mine: ['t1'],
    me: 'd@x.ru',
    directors: ['d@x.ru', 'owner@x.ru'],
    lastRun: new Date(2026, 0, 5, 7, 3),
    missed: false,
    ...over,
  });

  it('says a trigger is not installed, with the repair', () => {
    expect(triggerLine(facts({ registration: null }))).toEqual({
      title: 'Триггер: очередь журнала',
      ok: false,
      found: 'Не установлен.',
      fix: REPAIR,
    });
  });

  it('fails a trigger owned by someone no longer a director, comparing e-mails without case', () => {
    expect(triggerLine(facts({ registration: { id: 't1', owner: 'Gone@x.ru' } }))).toEqual({
      title: 'Триггер: очередь журнала',
      ok: false,
      found: 'Установлен от имени Gone@x.ru, который больше не директор: его записи в защищённые листы не проходят.',
      fix: REPAIR,
    });
    expect(triggerLine(facts({ registration: { id: 't1', owner: 'D@X.RU' } })).ok).toBe(true);
  });

  it('passes a registration without an owner or an id (set up before owners were recorded)', () => {
    expect(triggerLine(facts({ registration: { id: 't1', owner: '' }, lastRun: null }))).toEqual({
      title: 'Триггер: очередь журнала',
      ok: true,
      found: 'Установлен, ещё не срабатывал.',
    });
    expect(triggerLine(facts({ registration: { id: '', owner: 'd@x.ru' }, mine: [] })).ok).toBe(true);
  });

  it('fails this director’s trigger deleted since setup', () => {
    expect(triggerLine(facts({ mine: ['t7'] }))).toEqual({
      title: 'Триггер: очередь журнала',
      ok: false,
      found: 'Был установлен от вашего имени, но удалён.',
      fix: REPAIR,
    });
  });

  it('counts the extra copies of this director’s, not the working one', () => {
    expect(triggerLine(facts({ mine: ['t2', 't1', 't3'] }))).toEqual({
      title: 'Триггер: очередь журнала',
      ok: false,
      found: 'Кроме рабочего, от вашего имени установлено ещё 2: лишние нужно удалить, иначе действия повторяются.',
      fix: 'Запустите CRM → «Настроить таблицу»: она оставит один триггер и удалит лишние.',
    });
    // another director's working trigger and one copy of mine
    expect(triggerLine(facts({ registration: { id: 't9', owner: 'owner@x.ru' }, mine: ['t1'] })).found).toContain(
      'ещё 1:',
    );
  });

  it('fails a stopped trigger, with and without a last run, and asks to grant permissions again', () => {
    expect(triggerLine(facts({ missed: true }))).toEqual({
      title: 'Триггер: очередь журнала',
      ok: false,
      found:
        'Не срабатывает с 05.01.2026 07:03: Google его остановил ' +
        '(отозван доступ, нужна повторная авторизация после обновления или исчерпан дневной лимит триггеров).',
      fix: REPAIR + ' Если Google попросит разрешения, дайте их.',
    });
    expect(triggerLine(facts({ missed: true, lastRun: null })).found).toMatch(/^Не срабатывает: Google его остановил/);
  });

  it('writes the last run as the director reads it, two digits each', () => {
    expect(triggerLine(facts({ lastRun: new Date(2026, 10, 23, 18, 45) })).found).toBe(
      'Установлен от имени d@x.ru, последний раз сработал 23.11.2026 18:45.',
    );
  });
});

describe('«Отложенные записи журнала»', () => {
  const since = new Date(2026, 8, 1, 23, 59);

  it('reports an overflow before anything else', () => {
    expect(queueLine(since, true, true)).toEqual({
      title: 'Отложенные записи журнала',
      ok: false,
      found: 'Служебная память документа заполнена: часть записей ждёт на скрытом листе «_Очередь записей».',
      fix: 'Сделайте любую правку в таблице под учётной записью директора: записи перенесутся в «Журнал».',
    });
  });

  it('fails a queue left waiting, passes one waiting for the next run, and an empty one', () => {
    expect(queueLine(since, false, true)).toEqual({
      title: 'Отложенные записи журнала',
      ok: false,
      found: 'Записи ждут переноса в «Журнал» с 01.09.2026 23:59: ежечасный перенос не работает.',
      fix: REPAIR,
    });
    expect(queueLine(since, false, false)).toEqual({
      title: 'Отложенные записи журнала',
      ok: true,
      found: 'Есть записи, ждущие ближайшего переноса (с 01.09.2026 23:59).',
    });
    expect(queueLine(null, false, true)).toEqual({
      title: 'Отложенные записи журнала',
      ok: true,
      found: 'Очередь пуста.',
    });
  });
});

describe('«Защита листа …»', () => {
  const fix = 'Запустите CRM → «Настроить таблицу»: она восстановит защиту с правильным списком редакторов.';
  const base = { sheet: 'Настройки', exists: true, protected: true, warningOnly: false, domainEdit: false };

  it('gives each tab its line with its own finding', () => {
    expect(
      protectionLines(
        [
          { ...base, exists: false, protected: false, editors: [] },
          { ...base, protected: false, editors: [] },
          { ...base, warningOnly: true, editors: [] },
          { ...base, domainEdit: true, editors: [] },
          { ...base, editors: ['a@x.ru', 'b@x.ru', 'c@x.ru'] },
          { ...base, editors: ['a@x.ru'] },
          { ...base, editors: [] },
          { ...base, editors: ['a@x.ru', 'owner@x.ru'] },
        ],
        ['A@X.RU', 'owner@x.ru'],
      ),
    ).toEqual([
      { title: 'Защита листа «Настройки»', ok: false, found: 'Листа нет.', fix },
      {
        title: 'Защита листа «Настройки»',
        ok: false,
        found: 'Лист не защищён: его может изменить любой редактор.',
        fix,
      },
      {
        title: 'Защита листа «Настройки»',
        ok: false,
        found: 'Защита только предупреждает: изменить лист может любой редактор.',
        fix,
      },
      { title: 'Защита листа «Настройки»', ok: false, found: 'Изменять лист может весь домен.', fix },
      { title: 'Защита листа «Настройки»', ok: false, found: 'Изменять лист могут и другие: b@x.ru, c@x.ru.', fix },
      { title: 'Защита листа «Настройки»', ok: true, found: 'Изменяют только: a@x.ru.' },
      { title: 'Защита листа «Настройки»', ok: true, found: 'Изменяют только: владелец.' },
      { title: 'Защита листа «Настройки»', ok: true, found: 'Изменяют только: a@x.ru, owner@x.ru.' },
    ]);
  });
});

describe('«Часовой пояс и язык»', () => {
  it('passes the script’s zone and a Russian locale, with or without a region', () => {
    expect(zoneLine('Europe/Moscow', 'Europe/Moscow', 'ru_RU')).toEqual({
      title: 'Часовой пояс и язык',
      ok: true,
      found: 'Пояс Europe/Moscow (как у скрипта), язык ru_RU.',
    });
    expect(zoneLine('Europe/Moscow', 'Europe/Moscow', 'ru').ok).toBe(true);
    expect(zoneLine('Europe/Moscow', 'Europe/Moscow', 'RU_ru').ok).toBe(true);
  });

  it('does not take a language that only starts with “ru” for Russian', () => {
    expect(zoneLine('Europe/Moscow', 'Europe/Moscow', 'rue').ok).toBe(false);
    expect(zoneLine('Europe/Moscow', 'Europe/Moscow', 'en_RU').ok).toBe(false);
  });

  it('names both problems and the setting that fixes them', () => {
    expect(zoneLine('Europe/Kaliningrad', 'Europe/Moscow', 'en_US')).toEqual({
      title: 'Часовой пояс и язык',
      ok: false,
      found:
        'часовой пояс таблицы Europe/Kaliningrad, а скрипта Europe/Moscow: даты надстройка пересчитывает в пояс таблицы, ' +
        'но время в «Журнале» и триггер сводки в 8:00 идут по поясу скрипта; ' +
        'язык таблицы en_US: формулы ведомости в нём пишутся через «,», а даты и суммы — не по-русски.',
      fix: 'Файл → Настройки → «Региональные настройки»: Россия, «Часовой пояс»: Europe/Moscow.',
    });
  });
});

describe('«Почта: дневной лимит»', () => {
  it('passes when exactly the team’s letters are left, and fails one short', () => {
    expect(mailLine(7, 7)).toEqual({
      title: 'Почта: дневной лимит',
      ok: true,
      found: 'Сегодня можно отправить ещё 7 писем; сводке и расчётным листкам нужно 7 в день.',
    });
    expect(mailLine(1, 2)).toEqual({
      title: 'Почта: дневной лимит',
      ok: false,
      found: 'Сегодня можно отправить только 1 письмо, а сотрудников с e-mail 2.',
      fix:
        'Лимит Google (100 получателей в день на личном аккаунте) обновится через сутки; рассылка расчётных листков ' +
        'продолжит с того, кому письмо не ушло. Если команда больше лимита, включите сводку не всем.',
    });
  });
});

describe('«Служебная память документа»', () => {
  const title = 'Служебная память документа';
  const fix =
    'Откройте таблицу под учётной записью директора и сделайте любую правку: ожидающие записи будут перенесены в «Журнал» и память освободится.';

  it('passes up to 80 % of the store and 90 % of one value, in kilobytes with a decimal comma', () => {
    // 409 600 bytes are 80 % of 500 KB; 8294.4 bytes are 90 % of 9 KB
    expect(propertiesLine(409_600, 8294, 'crm.queue')).toEqual({
      title,
      ok: true,
      found: 'Занято 400,0 КБ из 500 КБ; самое большое значение — 8,1 КБ из 9 КБ.',
    });
  });

  it('warns just past 80 % of the store without naming a value that is not near its limit', () => {
    expect(propertiesLine(409_601, 1536, 'crm.queue')).toEqual({
      title,
      ok: false,
      found:
        'Занято 400,0 КБ из 500 КБ; самое большое значение — 1,5 КБ из 9 КБ.' +
        ' Когда место кончится, записи журнала от специалистов не смогут дождаться директора.',
      fix,
    });
  });

  it('warns just past 90 % of one value and names it', () => {
    expect(propertiesLine(10_240, 8295, 'crm.queue')).toEqual({
      title,
      ok: false,
      found:
        'Занято 10,0 КБ из 500 КБ; самое большое значение — 8,1 КБ из 9 КБ. Близко к пределу значение «crm.queue».' +
        ' Когда место кончится, записи журнала от специалистов не смогут дождаться директора.',
      fix,
    });
  });
});

describe('a step on the live platform', () => {
  it('passes with its own text, or fails with Google’s error and the fix', () => {
    expect(liveLine('PDF ведомости', null, 'Выгрузка работает.', 'Дайте доступ.')).toEqual({
      title: 'PDF ведомости',
      ok: true,
      found: 'Выгрузка работает.',
    });
    expect(liveLine('PDF ведомости', 'Доступ запрещён', 'Выгрузка работает.', 'Дайте доступ.')).toEqual({
      title: 'PDF ведомости',
      ok: false,
      found: 'Доступ запрещён',
      fix: 'Дайте доступ.',
    });
  });
});

describe('the check dialog', () => {
  it('says all is well when no line failed, and marks each line', () => {
    const html = checkReportHtml([
      { title: 'Разрешения', ok: true, found: 'Выданы все 1: spreadsheets.' },
      { title: 'Очередь', ok: true, found: 'Очередь пуста.' },
    ]);
    expect(html).toContain('<p><b>Всё в порядке: надстройка установлена правильно.</b></p>');
    expect(html).toContain(
      '<table><tr class="ok"><td class="mark">✓</td><td><b>Разрешения</b><br>Выданы все 1: spreadsheets.</td></tr>' +
        '<tr class="ok"><td class="mark">✓</td><td><b>Очередь</b><br>Очередь пуста.</td></tr></table>',
    );
  });

  it('counts failed lines of all, and shows the fix of each failed one, escaped', () => {
    const html = checkReportHtml([
      { title: 'A', ok: true, found: 'да' },
      { title: 'B', ok: false, found: 'нет', fix: 'шаг "1" <сразу>' },
      { title: 'C', ok: false, found: 'a & b' },
    ]);
    expect(html).toContain('<p><b>Нужно исправить: 2 из 3.</b></p>');
    expect(html).toContain(
      '<tr class="bad"><td class="mark">✗</td><td><b>B</b><br>нет<br><i>Что сделать:</i> шаг &quot;1&quot; &lt;сразу&gt;</td></tr>',
    );
    expect(html).toContain('<tr class="bad"><td class="mark">✗</td><td><b>C</b><br>a &amp; b</td></tr>');
    expect(html).toMatch(/^<style>body\{font:13px Arial,sans-serif\}.*\.bad \.mark\{color:#d93025\}<\/style><p>/);
  });

  it('escapes every ampersand and bracket, not only the first', () => {
    const html = checkReportHtml([{ title: '<a><b>', ok: true, found: '&&"">>' }]);
    expect(html).toContain('<b>&lt;a&gt;&lt;b&gt;</b><br>&amp;&amp;&quot;&quot;&gt;&gt;</td>');
  });
});
