/**
 * The director's trigger budget in the busiest hour of a 10-person team: 600
 * edits in the sheet and 200 sidebar saves. Every edit runs the director's
 * installable onEdit trigger, and the hourly trigger writes out the queue; on a
 * personal gmail account Google gives the triggers of one user 90 minutes a day
 * in all. The whole hour is played on the local runtime, at two sizes of the
 * workbook, and the runtime counts what the director's trigger executions used
 * as Google's budget counts it: their runs, their service calls and their time
 * on the runtime clock (the latency model, about 7 ms a spreadsheet call). The
 * time Google takes to load the script before a run's first call is not
 * modelled by the runtime and is added as an assumption.
 */
import type { TriggerUsage } from '../local/runtime';
import { SHEETS, STAGES } from '../src/domain/workbook/schema';
import { CLIENT_A, DIRECTOR, crmSession, crmWorkbook, fullDeal, columnOf } from '../test/crm/crm-workbook';

export const EDITS_PER_HOUR = 600;
export const SAVES_PER_HOUR = 200;
export const DAILY_BUDGET_MIN = 90;
/** What one run of a trigger costs before its first service call (loading the script), assumed. */
export const STARTUP_MS = 300;
const SIZES = [1_000, 10_000];
const TEAM = Array.from({ length: 10 }, (_, i) => `specialist${i + 1}@proekt-a.ru`);

/** The director's triggers in the hour: as the runtime counted them, and the minutes with the assumed start-up. */
export interface HourCost extends TriggerUsage {
  minutes: number;
}

function sized(deals: number) {
  const clients = Math.max(1, Math.floor(deals / 3));
  const owner = (i: number) => TEAM[i % TEAM.length];
  const workbook = crmWorkbook({
    clients: Array.from({ length: clients }, (_, i) => ({
      ...CLIENT_A,
      'ID клиента': `К-${String(i + 1).padStart(5, '0')}`,
      Клиент: `Клиент ${i + 1}`,
      Телефон: `+7912${String(i).padStart(7, '0')}`,
      Email: `c${i + 1}@example.ru`,
      Ответственный: owner(i),
    })),
    deals: Array.from({ length: deals }, (_, i) =>
      fullDeal(`С-${String(i + 1).padStart(5, '0')}`, STAGES[i % 4], {
        'ID клиента': `К-${String((i % clients) + 1).padStart(5, '0')}`,
        Ответственный: owner(i % clients),
      }),
    ),
  });
  workbook.editors = [...TEAM];
  return workbook;
}

/**
 * The whole hour on a workbook of `deals` deals: `edits` stage edits by the
 * team (every tenth a paste of five rows), a sidebar save after every third,
 * then the hourly trigger once; returns what the director's triggers used.
 */
export function busyHour(deals: number, edits = EDITS_PER_HOUR, saves = SAVES_PER_HOUR): HourCost {
  const session = crmSession(sized(deals), DIRECTOR);
  const stage = columnOf(session.workbook, SHEETS.deals, 'Этап');
  const before = session.triggerUsage(DIRECTOR);
  const every = Math.max(1, Math.floor(edits / saves));
  const clients = Math.max(1, Math.floor(deals / 3));
  let saved = 0;
  for (let i = 0; i < edits; i++) {
    const row = 2 + ((i * 37) % deals);
    session.setUser(TEAM[(row - 2) % TEAM.length]);
    const values = i % 10 === 9 ? Array.from({ length: 5 }, () => [STAGES[1]]) : [[STAGES[(i % 3) + 1]]];
    session.edit({ sheet: SHEETS.deals, row, column: stage, values });
    if (i % every === 0 && saved < saves) {
      const client = i % clients;
      const id = `К-${String(client + 1).padStart(5, '0')}`;
      session.runAs(TEAM[client % TEAM.length], 'updateClient', [id, { Город: `Город ${i}` }, `bench-${deals}-${i}`]);
      saved++;
    }
  }
  session.fireTimeTriggers();
  const after = session.triggerUsage(DIRECTOR);
  const runs = after.runs - before.runs;
  const ms = after.ms - before.ms;
  return { runs, calls: after.calls - before.calls, ms, minutes: (ms + runs * STARTUP_MS) / 60_000 };
}

/** Prints the table. */
export function runTriggerBudgetBench(): void {
  const header = ['Сделок', 'Запусков триггеров', 'Вызовов', 'Время, мин', 'Из 90 мин в день'];
  const lines = SIZES.map((deals) => {
    const cost = busyHour(deals);
    const minutes = cost.minutes;
    return [
      String(deals),
      String(cost.runs),
      String(cost.calls),
      minutes.toFixed(1),
      `${((minutes / DAILY_BUDGET_MIN) * 100).toFixed(0)} %`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padStart(widths[i])).join(' | ') + ' |';
  console.log(
    `Самый загруженный час команды из 10 человек (${EDITS_PER_HOUR} правок, ${SAVES_PER_HOUR} сохранений в боковой панели): ` +
      `время триггеров директора против дневного лимита Google ${DAILY_BUDGET_MIN} мин (gmail); ` +
      `весь час на локальной среде: время её часов по модели задержек, плюс ${STARTUP_MS} мс на запуск`,
  );
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of lines) console.log(line(r));
}
