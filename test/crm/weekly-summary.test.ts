/**
 * The director's weekly summary and deals stuck on their stage, through the
 * local runtime: the e-mail has the pipeline by stage, overdue items by
 * specialist, this month's plan so far and the stuck deals; the owner of a
 * stuck deal sees it in «Мои задачи».
 */
import { CLIENT_A, DIRECTOR, IVANOV, crmSession, crmWorkbook, fullDeal } from './crm-workbook';

function daysAgo(n: number): Date {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - n);
}

describe('the weekly summary and stuck deals', () => {
  const workbook = () =>
    crmWorkbook({
      clients: [{ ...CLIENT_A, 'Следующий контакт': daysAgo(3) }],
      deals: [
        fullDeal('С-00001', 'Переговоры', {
          'Дата этапа': daysAgo(30),
          'Сумма КП, руб.': '',
          'Сумма договора, руб.': '',
        }),
        fullDeal('С-00002', 'Новый', { 'Дата этапа': daysAgo(2) }),
      ],
    });

  it('e-mails the director the pipeline, overdue by specialist, plan so far and stuck deals', () => {
    const session = crmSession(workbook(), DIRECTOR);
    session.takeUiEvents();
    session.run('sendWeeklySummary');
    const mails = session.takeUiEvents().filter((e) => e.type === 'mail') as Array<{ to: string; body: string }>;
    expect(mails.map((m) => m.to)).toEqual([DIRECTOR]);
    const body = mails[0].body;
    expect(body).toMatch(/• Переговоры: 1 · 500\s000,00/);
    expect(body).toMatch(/• Новый: 1 ·/);
    expect(body).toContain(`• ${IVANOV}: 1`);
    expect(body).toMatch(/Выполнение плана за \d{2}\.\d{4} на сегодня:/);
    expect(body).toMatch(
      /Сделки без движения дольше 14 дн\.:\n• С-00001 \(ООО «Тепло», ivanov@proekt-a\.ru\): «Переговоры» 30 дн\./,
    );
    expect(body).not.toMatch(/• С-00002/);
  });

  it('lists a stuck deal to its owner in «Мои задачи», first among the overdue', () => {
    const session = crmSession(workbook(), IVANOV);
    const tasks = session.run('getMyTasks') as Array<{ kind: string; id: string; bucket: string; daysOverdue: number }>;
    expect(tasks.map((t) => [t.kind, t.id, t.bucket, t.daysOverdue])).toEqual([
      ['stuck', 'С-00001', 'overdue', 30],
      ['client', 'К-00001', 'overdue', 3],
    ]);
  });
});
