/**
 * The director's trigger budget in the busiest hour of a 10-person team: 600
 * edits in the sheet and 200 sidebar saves. Every edit runs the director's
 * installable onEdit trigger, and the hourly trigger writes out the queue; on a
 * personal gmail account Google gives the triggers of one user 90 minutes a day
 * in all. Measured on the local runtime as service calls of the director's
 * trigger executions, turned into time by the runtime's latency model (about
 * 7 ms a spreadsheet call), at two sizes of the workbook, from a sample of the
 * hour (a tenth of it: the calls per edit do not depend on how many there are).
 */
import { DEFAULT_LATENCY, type LocalRuntimeSession } from '../local/runtime';
import { SHEETS, STAGES } from '../src/domain/workbook/schema';
import { CLIENT_A, DIRECTOR, crmSession, crmWorkbook, fullDeal, columnOf } from '../test/crm/crm-workbook';

const EDITS_PER_HOUR = 600;
const SAVES_PER_HOUR = 200;
const SAMPLE = 10;
const DAILY_BUDGET_MIN = 90;
/** What one run of a trigger costs before its first service call (loading the script), assumed. */
const STARTUP_MS = 300;
const SIZES = [1_000, 10_000];
const TEAM = Array.from({ length: 10 }, (_, i) => `specialist${i + 1}@proekt-a.ru`);

interface Cost {
  runs: number;
  calls: number;
  ms: number;
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
 * Runs `fn` and adds to `cost` the calls the director's trigger executions
 * make: they start where the trigger reads its registration (after the
 * person's simple trigger) or where the hourly trigger records its heartbeat.
 */
function measure(session: LocalRuntimeSession, cost: Cost, fn: () => void): void {
  let inTrigger = false;
  const stop = session.onServiceCall((call, args) => {
    if (!inTrigger && call === 'Properties.getProperty' && args[0] === 'crm.editTrigger') inTrigger = true;
    if (!inTrigger && call === 'Properties.setProperty' && args[0] === 'crm.flushHeartbeat') inTrigger = true;
    if (!inTrigger) return;
    cost.calls++;
    cost.ms += DEFAULT_LATENCY(call);
  });
  try {
    fn();
  } finally {
    stop();
  }
  if (inTrigger) {
    cost.runs++;
    cost.ms += STARTUP_MS;
  }
}

function busyHour(deals: number): Cost {
  const session = crmSession(sized(deals), DIRECTOR);
  const stage = columnOf(session.workbook, SHEETS.deals, 'Этап');
  const cost: Cost = { runs: 0, calls: 0, ms: 0 };
  const edits = EDITS_PER_HOUR / SAMPLE;
  const saves = SAVES_PER_HOUR / SAMPLE;
  for (let i = 0; i < edits; i++) {
    const row = 2 + ((i * 37) % deals);
    session.setUser(TEAM[(row - 2) % TEAM.length]);
    // mostly single cells, every tenth a paste of five rows
    const values = i % 10 === 9 ? Array.from({ length: 5 }, () => [STAGES[1]]) : [[STAGES[(i % 3) + 1]]];
    measure(session, cost, () => session.edit({ sheet: SHEETS.deals, row, column: stage, values }));
    if (i % Math.ceil(edits / saves) === 0) {
      const client = `К-${String((i % Math.floor(deals / 3)) + 1).padStart(5, '0')}`;
      const person = TEAM[(i % Math.floor(deals / 3)) % TEAM.length];
      session.runAs(person, 'updateClient', [client, { Город: `Город ${i}` }, `bench-${deals}-${i}`]);
    }
  }
  measure(session, cost, () => session.fireTimeTriggers());
  // the sample stands for a tenth of the hour (the hourly trigger runs once either way)
  return { runs: cost.runs * SAMPLE - (SAMPLE - 1), calls: cost.calls * SAMPLE, ms: cost.ms * SAMPLE };
}

/** Prints the table. */
export function runTriggerBudgetBench(): void {
  const header = ['Сделок', 'Запусков триггеров', 'Вызовов', 'Время, мин', 'Из 90 мин в день'];
  const lines = SIZES.map((deals) => {
    const cost = busyHour(deals);
    const minutes = cost.ms / 60_000;
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
      `вызовы × модель задержек среды, плюс ${STARTUP_MS} мс на запуск`,
  );
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of lines) console.log(line(r));
}
