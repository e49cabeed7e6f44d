/**
 * «Разослать расчётные листки» with a daily mail quota that ends midway: the
 * first run sends what the quota allows and stops cleanly, the next day's run
 * sends the rest, a third sends nothing; every employee with an e-mail gets
 * exactly one mail whose only attachment is a one-page PDF of their own slip,
 * the one without an e-mail is named to the director, and «Журнал» records
 * each mail.
 */
import { PDFDocument } from 'pdf-lib';
import { createPdfExporter } from '../../local/export/pdf-exporter';
import type { LocalRuntimeSession } from '../../local/runtime';
import type { UiEvent } from '../../local/runtime/session';
import { formatRubles } from '../../src/domain/payroll/payslip';
import { DAILY_MAIL_RECIPIENTS } from '../../local/runtime/script-services';
import { MAIL_LOG_ACTION } from '../../src/server/payroll/payslip-mail';
import { bundleSession, IVANOV } from '../helpers/workbook';
import { computeMonth, NOW, sheetNamed } from '../payroll/payroll-workbook';
import { pdfPageTexts } from './pdf-text';
import { paperStaff, paperWorkbook } from './paper-workbook';

jest.setTimeout(300_000);

const N = 6;
const WITHOUT_EMAIL = 3;
const QUOTA = 3;
type Mail = Extract<UiEvent, { type: 'mail' }>;

function mailRun(s: LocalRuntimeSession): { mails: Mail[]; report: string } {
  s.run('menuMailPayslips', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
  const events = s.takeUiEvents();
  const payslipMails = events.filter((e): e is Mail => e.type === 'mail' && e.subject.startsWith('Расчётный листок'));
  // the last window: the report (the first is the month's prompt)
  const alert = events.filter((e) => e.type === 'alert').pop();
  return {
    mails: payslipMails,
    report: alert?.type === 'alert' ? alert.message : '',
  };
}

/** The «К выплате» of each employee on the ведомость, by «Таб. №». */
function toPayByTabNo(s: LocalRuntimeSession): Map<string, string> {
  const tab = sheetNamed(s, 'Зарплата 03.2026')!;
  const header = tab.rows.findIndex((r) => r?.[0]?.value === '№ п/п');
  const col = tab.rows[header]!.findIndex((c) => c?.value === 'К выплате');
  const out = new Map<string, string>();
  for (const row of tab.rows.slice(header + 2)) {
    const v = row?.[col]?.value;
    if (typeof v === 'number' && row?.[1]?.value) out.set(String(row[1].value), formatRubles(Math.round(v * 100)));
  }
  return out;
}

describe('mailing the payslips past the daily quota', () => {
  const staff = paperStaff(N, { withoutEmail: [WITHOUT_EMAIL] });
  const withEmail = staff.filter((p) => p.email);
  const s = bundleSession(paperWorkbook(N, { withoutEmail: [WITHOUT_EMAIL] }), {
    exporter: createPdfExporter(),
    now: () => NOW,
  });
  computeMonth(s, '03.2026');
  // the director has already mailed today all but QUOTA of gmail's 100 recipients a day
  let mailedToday = false;
  const stop = s.onServiceCall(() => {
    if (mailedToday) return;
    mailedToday = true;
    const others = Array.from({ length: DAILY_MAIL_RECIPIENTS.consumer - QUOTA }, (_, i) => `client${i}@example.com`);
    (s.services.MailApp as GoogleAppsScript.Mail.MailApp).sendEmail(others.join(', '), 'Рассылка клиентам', 'Текст');
  });
  const first = mailRun(s);
  stop();
  s.advanceClock(24 * 60 * 60 * 1000 + 60_000);
  const second = mailRun(s);
  const third = mailRun(s);
  const all = [...first.mails, ...second.mails, ...third.mails];

  it('sends what the quota allows, stops cleanly and says what is left and why', () => {
    expect(first.mails).toHaveLength(QUOTA);
    expect(first.report).toContain(`отправлено сейчас ${QUOTA} из ${N}`);
    expect(first.report).toContain(`Не отправлено ${withEmail.length - QUOTA}: на сегодня исчерпан лимит писем Google`);
    expect(first.report).toContain(staff[WITHOUT_EMAIL].name);
  });

  it('continues the next day with the rest only, and then sends nothing more', () => {
    expect(second.mails).toHaveLength(withEmail.length - QUOTA);
    expect(second.report).toContain(`Получили раньше (повторно не отправлялись): ${QUOTA}`);
    expect(third.mails).toHaveLength(0);
    expect(third.report).toContain(`Получили раньше (повторно не отправлялись): ${withEmail.length}`);
  });

  it('sends every employee with an e-mail exactly one mail, and none to the one without', () => {
    expect(all.map((m) => m.to).sort()).toEqual(withEmail.map((p) => p.email).sort());
  });

  it('attaches to each mail one page: the addressee’s own slip and nobody else’s', async () => {
    const toPay = toPayByTabNo(s);
    for (const mail of all) {
      const person = staff.find((p) => p.email === mail.to)!;
      expect(mail.subject).toBe('Расчётный листок за март 2026 г.');
      expect(mail.attachments).toHaveLength(1);
      const [pdf] = mail.attachments!;
      expect(pdf.contentType).toBe('application/pdf');
      expect(pdf.name).toBe(`Расчётный листок 03.2026 — ${person.name}.pdf`);
      expect((await PDFDocument.load(pdf.bytes)).getPageCount()).toBe(1);
      const text = (await pdfPageTexts(pdf.bytes))[0].replace(/\s+/g, ' ');
      // exactly one slip, and it is the addressee's: their «Таб. №», name and amount
      expect(text.split('Расчётный листок за').length - 1).toBe(1);
      expect([...text.matchAll(/Таб\. № (\d+)/g)].map((m) => m[1])).toEqual([person.tabNo]);
      for (const part of person.name.split(' ')) expect(text).toContain(part);
      expect(text).toContain(`К выплате: ${toPay.get(person.tabNo)!.replace(/\s/g, ' ')} руб.`);
      for (const other of staff.filter((p) => p !== person)) expect(text).not.toContain(other.name.split(' ')[0] + ' ');
    }
  });

  it('records in «Журнал» who got which month, once each, without amounts', () => {
    const log = s.workbook.sheets.find((sh) => sh.name === 'Журнал')!;
    const entries = log.rows.filter((r) => r?.[2]?.value === MAIL_LOG_ACTION);
    expect(entries.map((r) => String(r![4]!.value)).sort()).toEqual(withEmail.map((p) => p.tabNo).sort());
    for (const r of entries) {
      expect(r![7]!.value).toBe(withEmail.find((p) => p.tabNo === String(r![4]!.value))!.email);
      expect(String(r![8]!.value)).toContain('03.2026');
      expect(r!.map((c) => String(c?.value ?? '')).join(' ')).not.toMatch(/руб|\d+,\d\d/);
    }
  });

  it('is refused to a specialist', () => {
    s.setUser(IVANOV);
    const run = mailRun(s);
    expect(run.mails).toHaveLength(0);
    expect(run.report).toContain('только директор');
  });
});
