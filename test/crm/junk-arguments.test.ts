/**
 * Anyone with the document can call every top-level function of Code.js from
 * the browser console with anything. Each answers missing, junk and extreme
 * arguments with a clear Russian message (or does nothing harmful), never with
 * an English engine error; a specialist running a director's menu item is
 * refused before being asked anything.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SHEETS } from '../../src/domain/workbook/schema';
import { IVANOV, crmSession, crmWorkbook, fullDeal } from './crm-workbook';

const ENTRY_POINTS = (
  JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'build', 'entry-points.json'), 'utf8')) as {
    entryPoints: Array<{ name: string; customFunction: boolean }>;
  }
).entryPoints;

const JUNK: unknown[][] = [
  [],
  [null, null, null],
  ['x', 'y', 'z'],
  [1e308, 1e308, 1e308],
  [NaN, NaN, NaN],
  [{}],
  [[[1e308, 'x']], [[NaN]]],
  [{ range: {}, source: 42 }],
  ['С-00001', { 'Сумма договора, руб.': 1e308, Ответственный: ['x'] }, 'причина'],
];

const CYRILLIC = /[А-Яа-яЁё]/;
const ENGINE = /TypeError|ReferenceError|RangeError|Cannot read|is not a function|undefined|Invalid array length/;

/** A function whose call with these args threw an English or engine message, with that message. */
function englishErrors(session: ReturnType<typeof crmSession>, name: string): string[] {
  const out: string[] = [];
  for (const args of JUNK) {
    try {
      session.run(
        name,
        args,
        Array.from({ length: 4 }, () => ({ button: 'OK', text: 'мусор' })),
      );
    } catch (error) {
      const message = (error as Error).message;
      if (!CYRILLIC.test(message) || ENGINE.test(message)) out.push(`${name}(${JSON.stringify(args)}): ${message}`);
    }
    for (const e of session.takeUiEvents()) {
      const text = JSON.stringify(e);
      if (/"message":"[^"]*(TypeError|Cannot read|is not a function)/.test(text)) out.push(`${name}: ${text}`);
    }
  }
  return out;
}

describe('every top-level function of Code.js called with junk', () => {
  it('answers in Russian (or does nothing) — for a specialist and for the director', () => {
    const workbook = crmWorkbook({ deals: [fullDeal('С-00001', 'Договор заключён')] });
    const specialist = crmSession(workbook, IVANOV, { accounts: 'workspace' });
    const failures: string[] = [];
    for (const { name } of ENTRY_POINTS) failures.push(...englishErrors(specialist, name));
    specialist.setUser(workbook.owner);
    for (const { name } of ENTRY_POINTS) failures.push(...englishErrors(specialist, name));
    expect(failures).toEqual([]);
  });

  it('custom functions answer 1e308, NaN and junk with a Russian error', () => {
    const session = crmSession(crmWorkbook(), IVANOV, { accounts: 'workspace' });
    const failures: string[] = [];
    for (const { name, customFunction } of ENTRY_POINTS) {
      if (!customFunction) continue;
      for (const args of [
        [1e308, 1e308],
        [NaN, 1],
        [1, 1e308, 1e308, 1e308],
        [[[1e308]], [[1e308]]],
      ]) {
        try {
          const result = session.run(name, args);
          const flat = JSON.stringify(result);
          if (/Infinity|NaN|null/.test(flat)) failures.push(`${name}(${JSON.stringify(args)}) = ${flat}`);
        } catch (error) {
          const message = (error as Error).message;
          if (!CYRILLIC.test(message) || ENGINE.test(message)) failures.push(`${name}: ${message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('a specialist running a director’s menu item', () => {
  it.each(['menuComputePayroll', 'menuClosePayrollMonth', 'menuPayslips', 'menuPrintPdf', 'menuCategoryReport'])(
    '%s is refused before any prompt',
    (fn) => {
      const session = crmSession(crmWorkbook(), IVANOV, { accounts: 'workspace' });
      session.run(fn, [], [{ button: 'OK', text: '03.2026' }, { button: 'YES' }, { button: 'OK' }]);
      const events = session.takeUiEvents().filter((e) => e.type === 'alert');
      // a prompt is shown as a dialog asking for the month: the refusal comes first and alone
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ message: expect.stringMatching(/только директор/) });
    },
  );

  it('«Настроить таблицу» is refused in Russian, with nothing changed', () => {
    const workbook = crmWorkbook();
    const session = crmSession(workbook, IVANOV, { accounts: 'workspace' });
    const before = JSON.stringify(workbook.sheets.find((s) => s.name === SHEETS.settings)!.protections);
    session.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
    const events = session.takeUiEvents();
    expect(events.find((e) => e.type === 'alert')).toMatchObject({ message: expect.stringMatching(/директор/) });
    expect(JSON.stringify(workbook.sheets.find((s) => s.name === SHEETS.settings)!.protections)).toBe(before);
  });
});
