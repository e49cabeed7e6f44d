/**
 * The built-in demo workbook: ООО «Проект-А» (ДомКомплект), a director, a
 * chief accountant and five client specialists, about 200 clients and 400
 * deals over the last 14 months, with contacts, claims, competitors, plans and
 * timesheets that agree with the deals. Deterministic for a seed, so tests and
 * screenshots see the same data; dates are days in Europe/Moscow.
 */
import {
  workingDaysBetween,
  workingDaysInMonth,
  daysInMonth,
  monthKey,
  type YearMonth,
} from '../../src/domain/calendar';
import { formatId } from '../../src/domain/crm/ids';
import { defaultSettings, defaultSettingsRows } from '../../src/domain/settings';
import {
  CLIENT_TYPES,
  COLUMNS,
  CONTACT_TYPES,
  DIRECTIONS,
  KPI_NAMES,
  LOSS_REASONS,
  SHEETS,
  SOURCES,
  STAGES,
  kpiFactHeader,
  kpiTargetHeader,
  type ColumnSpec,
  type Stage,
} from '../../src/domain/workbook/schema';
import { emptySheet, emptyWorkbook, type CellModel, type CellValue, type WorkbookModel } from '../runtime/model';
import { zonedDate, zonedParts } from '../store/moscow-time';
import { SeededRandom } from './random';
import {
  CITIES,
  CLAIM_SUBJECTS,
  COMPETITORS,
  CONTACT_RESULTS,
  DISAGREEMENTS,
  NEEDS,
  RELIABILITY_BASIS,
  companyName,
  fullName,
  randomInn,
  randomPerson,
  randomPhone,
} from './russian-data';

export interface DemoOptions {
  seed?: number;
  /** the day the demo is "now"; defaults to the current date. The 14 months end with its month. */
  today?: Date;
}

export const DEMO_DOMAIN = 'proekt-a.ru';
export const DEMO_MONTHS = 14;
const CLIENT_COUNT = 200;
const DEAL_COUNT = 400;
const CLAIM_COUNT = 20;
const MONEY = '#,##0.00';
const DATE = 'dd.MM.yyyy';
const PERCENT = '0%';

/** A calendar day as a count of days since 1970-01-01 (day arithmetic without time zones). */
type Day = number;
const DAY_MS = 86_400_000;
const day = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d) / DAY_MS;
const ymd = (dn: Day) => {
  const d = new Date(dn * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
const toDate = (dn: Day): Date => {
  const p = ymd(dn);
  return zonedDate(p.year, p.month, p.day);
};
const monthOf = (dn: Day): YearMonth => {
  const p = ymd(dn);
  return { year: p.year, month: p.month };
};
/** Moves a weekend day to the next Monday: people work on weekdays. */
const weekday = (dn: Day): Day => {
  const w = new Date(dn * DAY_MS).getUTCDay();
  return w === 6 ? dn + 2 : w === 0 ? dn + 1 : dn;
};

interface Employee {
  tabNo: number;
  name: string;
  email: string;
  position: string;
  category: string;
  hire: Day;
  probationMonths: number | null;
  education: string;
  experience: number;
  categoryDate: Day | null;
  deduction: number;
}

interface Client {
  id: string;
  name: string;
  type: (typeof CLIENT_TYPES)[number];
  inn: string;
  contact: string;
  phone: string;
  email: string;
  city: string;
  source: string;
  owner: Employee;
  status: string;
  discount: number | null;
  conditions: string;
  created: Day;
  nextContact: Day | null;
  note: string;
}

interface Deal {
  id: string;
  client: Client;
  owner: Employee;
  /** index into STAGES of the last stage reached */
  reached: number;
  lost: boolean;
  /** the day each reached stage was entered */
  dates: Day[];
  lostDay: Day | null;
  direction: string;
  need: string;
  potential: number;
  reliability: string;
  basis: string;
  offerSum: number;
  disagreements: string;
  contractNo: string;
  contractSum: number;
  cost: number;
  lossReason: string;
  competitor: string;
  nextStep: Day | null;
}

/** Generates the demo workbook (see the file comment). */
export function generateDemoWorkbook(options: DemoOptions = {}): WorkbookModel {
  const rng = new SeededRandom(options.seed ?? 20260301);
  const now = zonedParts(options.today ?? new Date());
  const today: Day = day(now.year, now.month, now.day);
  const lastMonth: YearMonth = { year: now.year, month: now.month };
  const months: YearMonth[] = [];
  for (let i = DEMO_MONTHS - 1; i >= 0; i--) {
    const index = lastMonth.year * 12 + lastMonth.month - 1 - i;
    months.push({ year: Math.floor(index / 12), month: (index % 12) + 1 });
  }
  const windowStart = day(months[0].year, months[0].month, 1);

  const staff = makeStaff(rng, today);
  const specialists = staff.filter((e) => e.position === 'Специалист по работе с клиентами');
  const clients = makeClients(rng, specialists, windowStart, today);
  const deals = makeDeals(rng, clients, today);
  settleClients(rng, clients, deals, today);

  const wb = emptyWorkbook('Клиентская база ООО «Проект-А»', staff[0].email);
  wb.editors = staff.slice(1).map((e) => e.email);
  const add = (name: string, columns: readonly ColumnSpec[], rows: CellValue[][]) => {
    wb.sheets.push(tableSheet(wb.nextSheetId++, name, columns, rows));
  };

  add(SHEETS.clients, COLUMNS.clients, clients.map(clientRow));
  add(SHEETS.deals, COLUMNS.deals, deals.map(dealRow));
  add(SHEETS.contacts, COLUMNS.contacts, contactRows(rng, deals));
  add(SHEETS.claims, COLUMNS.claims, claimRows(rng, deals, today));
  add(
    SHEETS.competitors,
    COLUMNS.competitors,
    COMPETITORS.map((c) => [
      c.name,
      c.products,
      c.prices,
      c.terms,
      c.strong,
      c.weak,
      toDate(weekday(today - rng.int(10, 120))),
    ]),
  );
  add(SHEETS.staff, COLUMNS.staff, staff.map(staffRow));
  const plan = planTable(rng, specialists, deals, months, today);
  add(SHEETS.plans, plan.columns, plan.rows);
  add(SHEETS.timesheet, COLUMNS.timesheet, timesheetRows(rng, specialists, months, today));
  wb.sheets.push(settingsSheet(wb.nextSheetId++, staff));
  add(SHEETS.log, COLUMNS.log, []);
  add(
    SHEETS.priceList,
    COLUMNS.priceList,
    PRICE_LIST.map((p) => [p.article, p.name, p.unit, p.price, p.direction]),
  );
  add(SHEETS.dealLines, COLUMNS.dealLines, []);
  return wb;
}

/** The director's price list: electric heating and «ПОЛИФАСАД» panels (prices with VAT). */
export const PRICE_LIST = [
  {
    article: 'ТП-150',
    name: 'Нагревательный мат для тёплого пола 150 Вт/м²',
    unit: 'м²',
    price: 1890,
    direction: 'Отопление',
  },
  { article: 'НК-20', name: 'Нагревательный кабель 20 Вт/м', unit: 'м', price: 310, direction: 'Отопление' },
  { article: 'ИК-1000', name: 'Инфракрасный обогреватель 1 кВт', unit: 'шт.', price: 8900, direction: 'Отопление' },
  {
    article: 'КВ-1500',
    name: 'Электроконвектор 1,5 кВт с электронным термостатом',
    unit: 'шт.',
    price: 11400,
    direction: 'Отопление',
  },
  { article: 'ТР-01', name: 'Терморегулятор программируемый', unit: 'шт.', price: 4200, direction: 'Отопление' },
  { article: 'МН-01', name: 'Монтаж системы обогрева', unit: 'м²', price: 650, direction: 'Отопление' },
  {
    article: 'ПФ-50',
    name: 'Термопанель ПОЛИФАСАД 50 мм, клинкерная плитка',
    unit: 'м²',
    price: 2350,
    direction: 'ПОЛИФАСАД',
  },
  {
    article: 'ПФ-80',
    name: 'Термопанель ПОЛИФАСАД 80 мм, клинкерная плитка',
    unit: 'м²',
    price: 2790,
    direction: 'ПОЛИФАСАД',
  },
  { article: 'ПФ-УГ', name: 'Угловой элемент ПОЛИФАСАД', unit: 'пог. м', price: 1650, direction: 'ПОЛИФАСАД' },
  { article: 'ПФ-МТ', name: 'Монтаж фасадных термопанелей', unit: 'м²', price: 900, direction: 'ПОЛИФАСАД' },
] as const;

const STREETS = ['Ленина', 'Мира', 'Советская', 'Гагарина', 'Садовая', 'Промышленная', 'Заводская', 'Школьная'];

/** A client's address, made from its city and ID (no random draw, so the rest of the demo stays as it was). */
function addressOf(c: Client): string {
  const n = Number(c.id.replace(/\D/g, ''));
  return `г. ${c.city}, ул. ${STREETS[n % STREETS.length]}, д. ${((n * 7) % 90) + 1}`;
}

// ---------------------------------------------------------------------------
// People

function makeStaff(rng: SeededRandom, today: Day): Employee[] {
  const e = (
    tabNo: number,
    name: string,
    login: string,
    position: string,
    category: string,
    hire: Day,
    probationMonths: number | null,
    education: string,
    experience: number,
    categoryDate: Day | null,
    deduction: number,
  ): Employee => ({
    tabNo,
    name,
    email: `${login}@${DEMO_DOMAIN}`,
    position,
    category,
    hire,
    probationMonths,
    education,
    experience,
    categoryDate,
    deduction,
  });
  const spec = 'Специалист по работе с клиентами';
  // The newcomer was hired 4 to 7 weeks ago, so probation (3 months) still runs.
  const newcomerHire = weekday(today - rng.int(28, 50));
  return [
    e(1, 'Сараев Евгений Александрович', 'saraev', 'Директор', '', day(2015, 3, 2), null, 'Высшее', 8, null, 0),
    e(
      2,
      'Кузнецова Ольга Петровна',
      'kuznetsova',
      'Главный бухгалтер',
      '',
      day(2017, 9, 1),
      null,
      'Высшее',
      10,
      null,
      1400,
    ),
    e(
      3,
      'Иванова Анна Сергеевна',
      'ivanova',
      spec,
      'II категория',
      day(2022, 2, 7),
      3,
      'Высшее',
      2,
      day(2022, 5, 10),
      1400,
    ),
    e(4, 'Петров Дмитрий Игоревич', 'petrov', spec, 'I категория', day(2019, 4, 1), 3, 'Высшее', 3, day(2021, 6, 1), 0),
    e(
      5,
      'Смирнова Елена Викторовна',
      'smirnova',
      spec,
      'II категория',
      day(2023, 8, 14),
      3,
      'Высшее',
      4,
      day(2023, 11, 15),
      2800,
    ),
    e(
      6,
      'Козлов Андрей Николаевич',
      'kozlov',
      spec,
      'Без категории',
      day(2024, 9, 2),
      2,
      'Высшее',
      0,
      day(2024, 11, 5),
      0,
    ),
    e(
      7,
      'Новикова Мария Олеговна',
      'novikova',
      spec,
      'Испытательный срок',
      newcomerHire,
      3,
      'Среднее специальное',
      4,
      null,
      0,
    ),
  ];
}

/** How much of the incoming work each specialist takes (the newcomer less). */
function workload(e: Employee): number {
  return e.category === 'Испытательный срок' ? 0.5 : e.category === 'I категория' ? 1.4 : 1;
}

function makeClients(rng: SeededRandom, specialists: Employee[], windowStart: Day, today: Day): Client[] {
  const clients: Client[] = [];
  for (let i = 0; i < CLIENT_COUNT; i++) {
    // Older clients a little more often: the base grew over the year.
    const created = weekday(windowStart + Math.floor(Math.pow(rng.next(), 1.15) * (today - 5 - windowStart)));
    const staffThen = specialists.filter((e) => e.hire <= created);
    const owner = rng.weighted(staffThen, staffThen.map(workload));
    const type = rng.weighted(CLIENT_TYPES, [6, 2.5, 1.5]);
    const person = randomPerson(rng);
    let name: string;
    let email: string;
    if (type === 'Юрлицо') {
      const company = companyName(rng, i);
      name = company.name;
      email = `${rng.pick(['info', 'office', 'zakaz', 'snab'])}@${company.domain}`;
    } else {
      const initials = `${person.first[0]}. ${person.middle[0]}.`;
      name = type === 'ИП' ? `ИП ${person.last} ${initials}` : fullName(person);
      email = `${person.latin}${rng.int(1, 99)}@${rng.pick(['mail.ru', 'yandex.ru', 'gmail.com'])}`;
    }
    clients.push({
      id: formatId('client', i + 1),
      name,
      type,
      inn: randomInn(rng, type === 'Юрлицо' ? 10 : 12),
      contact: fullName(person),
      phone: randomPhone(rng),
      email,
      city: rng.weighted(CITIES, [8, 3, 2, 2, 1, 2, 1, 1, 1, 1, 1, 2]),
      source: rng.pick(SOURCES),
      owner,
      status: 'Потенциальный',
      discount: null,
      conditions: '',
      created,
      nextContact: null,
      note: '',
    });
  }
  clients.sort((a, b) => a.created - b.created);
  clients.forEach((c, i) => (c.id = formatId('client', i + 1)));
  return clients;
}

// ---------------------------------------------------------------------------
// Deals

function makeDeals(rng: SeededRandom, clients: Client[], today: Day): Deal[] {
  const starts: Array<{ client: Client; start: Day }> = clients.map((client) => ({
    client,
    start: weekday(client.created + rng.int(0, 6)),
  }));
  while (starts.length < DEAL_COUNT) {
    const client = rng.pick(clients);
    const from = client.created + 14;
    if (from >= today - 2) continue;
    starts.push({ client, start: weekday(from + rng.int(0, today - 2 - from)) });
  }
  starts.sort((a, b) => a.start - b.start);

  const deals = starts.map(({ client, start }, i) => simulateDeal(rng, formatId('deal', i + 1), client, start, today));
  // Contract numbers go in order of contract dates, per year: «ДК-2026/014».
  const signed = deals
    .filter((d) => d.reached >= STAGES.indexOf('Договор заключён'))
    .sort((a, b) => a.dates[6] - b.dates[6]);
  const perYear = new Map<number, number>();
  for (const d of signed) {
    const year = ymd(d.dates[6]).year;
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    d.contractNo = `ДК-${year}/${String(n).padStart(3, '0')}`;
  }
  return deals;
}

const round = (x: number, step: number) => Math.round(x / step) * step;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Contract sums of a small company selling heating systems and facade panels, in rubles. */
export const MIN_CONTRACT = 40_000;
export const MAX_CONTRACT = 2_000_000;

/**
 * A deal's potential: most are a house or a small building (50 000 – 650 000
 * руб., more small ones than large, spread evenly on a log scale); about one
 * in twelve is a larger object up to 1.8 млн.
 */
function dealPotential(rng: SeededRandom): number {
  if (rng.chance(1 / 12)) return round(rng.int(700, 1_800) * 1000, 10_000);
  const low = Math.log(50_000);
  const high = Math.log(650_000);
  return round(Math.exp(low + rng.next() * (high - low)), 1_000);
}

function simulateDeal(rng: SeededRandom, id: string, client: Client, start: Day, today: Day): Deal {
  const direction = rng.weighted(DIRECTIONS, [5, 4, 1]);
  const reliability = rng.weighted(['Высокая', 'Средняя', 'Низкая'], [5, 4, 1]);
  const lostAt = rng.chance(reliability === 'Низкая' ? 0.7 : 0.3)
    ? rng.weighted([0, 1, 2, 3, 4, 5], [2, 2, 2, 2, 3, 2])
    : -1;
  const deal: Deal = {
    id,
    client,
    owner: client.owner,
    reached: 0,
    lost: false,
    dates: [start],
    lostDay: null,
    direction,
    need: rng.pick(NEEDS[direction]),
    potential: dealPotential(rng),
    reliability,
    basis: rng.pick(RELIABILITY_BASIS[reliability]),
    offerSum: 0,
    disagreements: '',
    contractNo: '',
    contractSum: 0,
    cost: 0,
    lossReason: '',
    competitor: '',
    nextStep: null,
  };
  deal.offerSum = clamp(round(deal.potential * (0.7 + rng.next() * 0.4), 100), MIN_CONTRACT, MAX_CONTRACT);
  deal.contractSum = clamp(round(deal.offerSum * (0.9 + rng.next() * 0.1), 10), MIN_CONTRACT, MAX_CONTRACT);
  deal.cost = Math.round(deal.contractSum * (0.55 + rng.next() * 0.25) * 100) / 100;
  if (rng.chance(0.4)) deal.disagreements = rng.pick(DISAGREEMENTS);

  const gap = (stage: number) => (stage === 8 ? rng.int(10, 45) : stage === 7 ? rng.int(2, 10) : rng.int(2, 16));
  let current = start;
  while (deal.reached < STAGES.length - 1) {
    if (deal.reached === lostAt) {
      const lostDay = weekday(current + rng.int(3, 20));
      if (lostDay <= today) {
        deal.lost = true;
        deal.lostDay = lostDay;
      }
      break;
    }
    const next = weekday(current + gap(deal.reached + 1));
    if (next > today) break;
    deal.reached++;
    deal.dates.push(next);
    current = next;
  }
  if (deal.lost) {
    deal.lossReason =
      reliability === 'Низкая' && deal.reached >= 2
        ? 'Низкая надёжность'
        : rng.weighted(LOSS_REASONS, [4, 3, 2, 2, 0, 1]);
    if (deal.lossReason === 'Выбрал конкурента') deal.competitor = rng.pick(COMPETITORS).name;
  } else if (deal.reached < STAGES.length - 1) {
    // Open deals have a next step; about one in five is already overdue.
    const last = deal.dates[deal.reached];
    deal.nextStep =
      rng.chance(0.2) && today - last > 2
        ? weekday(last + 1 + rng.int(0, today - last - 3))
        : weekday(today + rng.int(1, 14));
  }
  return deal;
}

const idx = (stage: Stage) => STAGES.indexOf(stage as (typeof STAGES)[number]);

function dealRow(d: Deal): CellValue[] {
  const has = (stage: Stage) => d.reached >= idx(stage);
  const at = (stage: Stage) => (has(stage) ? toDate(d.dates[idx(stage)]) : null);
  const stage: Stage = d.lost ? 'Отказ' : STAGES[d.reached];
  const stageDay = d.lost ? d.lostDay! : d.dates[d.reached];
  const pick = <T>(stage: Stage, value: T): T | null => (has(stage) ? value : null);
  return [
    d.id,
    d.client.id,
    d.client.name,
    d.owner.email,
    stage,
    toDate(stageDay),
    pick('Потребность выявлена', d.direction),
    pick('Потребность выявлена', d.need),
    pick('Потребность выявлена', d.potential),
    pick('Надёжность оценена', d.reliability),
    pick('Надёжность оценена', d.basis),
    at('Переговоры'),
    pick('КП отправлено', d.offerSum),
    at('КП отправлено'),
    at('Согласование договора'),
    pick('Договор заключён', d.contractNo),
    at('Договор заключён'),
    pick('Договор заключён', d.contractSum),
    pick('Договор заключён', d.cost),
    at('Завершена'),
    pick('Согласование договора', d.disagreements || null),
    d.lossReason || null,
    d.competitor || null,
    d.nextStep === null ? null : toDate(d.nextStep),
  ];
}

/** Client status, discount and next contact that agree with the client's deals. */
function settleClients(rng: SeededRandom, clients: Client[], deals: Deal[], today: Day): void {
  const byClient = new Map<Client, Deal[]>();
  for (const d of deals) byClient.set(d.client, [...(byClient.get(d.client) ?? []), d]);
  const won = (d: Deal) => !d.lost && d.reached >= idx('Договор заключён');
  const signedClients = clients.filter((c) => byClient.get(c)!.some(won));
  // The biggest buyers become «Ключевой» (set by the director) with a discount up to 15 %.
  const revenue = (c: Client) =>
    byClient
      .get(c)!
      .filter(won)
      .reduce((s, d) => s + d.contractSum, 0);
  const key = new Set([...signedClients].sort((a, b) => revenue(b) - revenue(a)).slice(0, 6));
  for (const c of clients) {
    const own = byClient.get(c)!;
    const lastActivity = Math.max(...own.map((d) => (d.lost ? d.lostDay! : d.dates[d.reached])));
    if (key.has(c)) {
      c.status = 'Ключевой';
      c.discount = rng.pick([0.05, 0.1, 0.15]);
      c.conditions = rng.pick(['Отсрочка платежа 14 дней', 'Бесплатная доставка', 'Приоритетный монтаж']);
    } else if (own.some(won)) {
      c.status = 'Клиент';
    } else if (own.every((d) => d.lost) && today - lastActivity > 180 && rng.chance(0.6)) {
      c.status = 'Неактивный';
      c.note = 'Не выходит на связь';
    }
    if (c.status !== 'Неактивный') {
      c.nextContact =
        rng.chance(0.15) && today - lastActivity > 3
          ? weekday(lastActivity + 1 + rng.int(0, today - lastActivity - 4))
          : weekday(today + rng.int(1, 30));
    }
  }
}

function clientRow(c: Client): CellValue[] {
  return [
    c.id,
    c.name,
    c.type,
    c.inn,
    c.contact,
    c.phone,
    c.email,
    c.city,
    c.source,
    c.owner.email,
    c.status,
    c.discount,
    c.conditions || null,
    toDate(c.created),
    c.nextContact === null ? null : toDate(c.nextContact),
    c.note || null,
    addressOf(c),
  ];
}

function contactRows(rng: SeededRandom, deals: Deal[]): CellValue[][] {
  const rows: Array<{ at: Day; row: CellValue[] }> = [];
  for (const d of deals) {
    const events: Array<{ at: Day; stage: Stage }> = d.dates.map((at, i) => ({ at, stage: STAGES[i] }));
    if (d.lost) events.push({ at: d.lostDay!, stage: 'Отказ' });
    events.forEach((ev, i) => {
      const next = events[i + 1]?.at ?? d.nextStep;
      const type =
        ev.stage === 'Согласование договора' || ev.stage === 'Договор заключён'
          ? 'Встреча'
          : rng.weighted(CONTACT_TYPES, [6, 2, 3, 0.3, 0.5, 0.5, 0.5]);
      const result =
        ev.stage === 'Отказ' ? `Отказ: ${d.lossReason.toLowerCase()}` : rng.pick(CONTACT_RESULTS[ev.stage]);
      rows.push({
        at: ev.at,
        row: [toDate(ev.at), d.client.id, d.id, d.owner.email, type, result, next === null ? null : toDate(next)],
      });
    });
  }
  rows.sort((a, b) => a.at - b.at);
  return rows.map((r) => r.row);
}

function claimRows(rng: SeededRandom, deals: Deal[], today: Day): CellValue[][] {
  const executed = deals.filter((d) => !d.lost && d.reached >= idx('Исполнение'));
  const claims: Array<{ at: Day; deal: Deal }> = [];
  for (let tries = 0; claims.length < CLAIM_COUNT && tries < 10_000; tries++) {
    const deal = rng.pick(executed);
    const from = deal.dates[idx('Исполнение')];
    if (from >= today) continue;
    claims.push({ at: weekday(from + rng.int(0, Math.min(60, today - from))), deal });
  }
  claims.sort((a, b) => a.at - b.at);
  return claims.map(({ at, deal }, i) => {
    const deadline = at + 10;
    // Old claims are mostly settled; recent ones are open, and a few old ones are overdue.
    const status =
      deadline < today - 5
        ? rng.weighted(['Решена', 'Отклонена', 'В работе'], [7, 1.5, 1.5])
        : rng.pick(['Новая', 'В работе']);
    const solution =
      status === 'Решена'
        ? rng.pick(['Заменили панели за наш счёт', 'Выезд монтажника, настройка', 'Допоставка крепежа'])
        : status === 'Отклонена'
          ? 'Повреждение при монтаже силами клиента'
          : null;
    return [
      formatId('claim', i + 1),
      toDate(at),
      deal.client.id,
      deal.contractNo,
      rng.pick(CLAIM_SUBJECTS),
      deal.owner.email,
      toDate(deadline),
      status,
      solution,
    ];
  });
}

function staffRow(e: Employee): CellValue[] {
  return [
    e.tabNo,
    e.name,
    e.email,
    e.position,
    e.category || null,
    toDate(e.hire),
    e.probationMonths,
    e.education,
    e.experience,
    e.categoryDate === null ? null : toDate(e.categoryDate),
    e.deduction,
    null,
  ];
}

// ---------------------------------------------------------------------------
// Plans and timesheets

const KPI_TARGETS: Record<(typeof KPI_NAMES)[number], number> = {
  'Новые клиенты': 2,
  'Качество обслуживания': 0.8,
  'Конверсия воронки': 0.3,
  'Рост продаж': 1.05,
  'Рост маржи': 1.05,
};

function employedIn(e: Employee, m: YearMonth): boolean {
  return e.hire <= day(m.year, m.month, daysInMonth(m.year, m.month));
}

function planTable(
  rng: SeededRandom,
  specialists: Employee[],
  deals: Deal[],
  months: YearMonth[],
  today: Day,
): { columns: ColumnSpec[]; rows: CellValue[][] } {
  const quality = kpiFactHeader('Качество обслуживания');
  const columns: ColumnSpec[] = [
    ...COLUMNS.plans,
    ...KPI_NAMES.map(
      (k) => ({ header: kpiTargetHeader(k), type: k === 'Новые клиенты' ? 'number' : 'percent' }) as ColumnSpec,
    ),
    { header: quality, type: 'percent' },
  ];
  const current = monthKey(monthOf(today));
  const salesOf = (e: Employee, key: string) =>
    deals
      .filter((d) => d.owner === e && !d.lost && d.reached >= idx('Договор заключён'))
      .filter((d) => monthKey(monthOf(d.dates[idx('Договор заключён')])) === key)
      .reduce((s, d) => s + d.contractSum, 0);
  // a specialist's typical month: the mean of their months with sales before this one
  const typical = (e: Employee) => {
    const past = months
      .map(monthKey)
      .filter((k) => k !== current)
      .map((k) => salesOf(e, k))
      .filter((v) => v > 0);
    const mean = past.length > 0 ? past.reduce((a, b) => a + b, 0) / past.length : 300_000 * workload(e);
    return Math.max(100_000, round(mean, 50_000));
  };
  const rows: CellValue[][] = [];
  for (const m of months) {
    const key = monthKey(m);
    for (const e of specialists) {
      if (!employedIn(e, m)) continue;
      const sales = salesOf(e, key);
      let plan: number;
      if (key === current) plan = e.category === 'Испытательный срок' ? 150_000 : typical(e);
      else if (sales === 0) plan = typical(e);
      else {
        const outcome = rng.weighted(['miss', 'met', 'exceed'], [4, 2, 4]);
        if (outcome === 'met') plan = sales;
        else if (outcome === 'miss') plan = Math.ceil(sales / (0.6 + rng.next() * 0.35) / 1000) * 1000 + 1000;
        else plan = Math.max(1000, Math.floor(sales / (1.05 + rng.next() * 0.35) / 1000) * 1000);
      }
      const targets = KPI_NAMES.map((k) =>
        k === 'Новые клиенты' && e.category === 'Испытательный срок' ? 1 : KPI_TARGETS[k],
      );
      const score = key === current ? null : round(0.7 + rng.next() * 0.3, 0.05);
      rows.push([key, e.tabNo, plan, ...targets, score === null ? null : Math.round(score * 100) / 100]);
    }
  }
  return { columns, rows };
}

const ADVANCE: Record<string, number> = {
  'I категория': 8_000,
  'II категория': 5_000,
  'Без категории': 4_000,
  'Испытательный срок': 6_000,
};

/** A month's norm from the production calendar; a year it does not know falls back to weekdays. */
function normDays(m: YearMonth, from = 1, to = daysInMonth(m.year, m.month)): number {
  try {
    return from === 1 && to === daysInMonth(m.year, m.month)
      ? workingDaysInMonth(m.year, m.month)
      : workingDaysBetween(m.year, m.month, from, to);
  } catch {
    let n = 0;
    for (let d = from; d <= to; d++) {
      const w = new Date(Date.UTC(m.year, m.month - 1, d)).getUTCDay();
      if (w !== 0 && w !== 6) n++;
    }
    return n;
  }
}

function timesheetRows(rng: SeededRandom, specialists: Employee[], months: YearMonth[], today: Day): CellValue[][] {
  const now = ymd(today);
  const rows: CellValue[][] = [];
  for (const m of months) {
    const isCurrent = m.year === now.year && m.month === now.month;
    const last = isCurrent ? now.day : daysInMonth(m.year, m.month);
    for (const e of specialists) {
      if (!employedIn(e, m)) continue;
      const hire = ymd(e.hire);
      const first = hire.year === m.year && hire.month === m.month ? hire.day : 1;
      const possible = normDays(m, first, last);
      // Now and then a few days of sick leave or unpaid leave.
      const absent = !isCurrent && first === 1 && rng.chance(0.25) ? rng.int(1, 3) : 0;
      // the аванс is paid for the first half of the month: none yet before the 20th, none for someone hired after the 15th
      const advance = (isCurrent && now.day < 20) || first > 15 ? 0 : ADVANCE[e.category];
      // the аванс on the 20th, the rest on the 5th of the next month (НДФЛ goes by payment date)
      const advanceDate = advance > 0 ? toDate(weekday(day(m.year, m.month, 20))) : null;
      const next = day(m.year, m.month, daysInMonth(m.year, m.month)) + 5;
      const paid = next <= today ? toDate(weekday(next)) : null;
      rows.push([monthKey(m), e.tabNo, Math.max(0, possible - absent), advance, 0, advanceDate, paid]);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Sheets

const FORMATS: Partial<Record<ColumnSpec['type'], string>> = { money: MONEY, date: DATE, percent: PERCENT };

function tableSheet(id: number, name: string, columns: readonly ColumnSpec[], rows: CellValue[][]) {
  const sheet = emptySheet(id, name, Math.max(1000, rows.length + 1), columns.length);
  sheet.frozenRows = 1;
  sheet.rows[0] = columns.map((c) => ({
    value: c.header,
    fontWeight: 'bold',
    background: '#d9ead3',
    wrap: true,
  }));
  columns.forEach((c, i) => {
    sheet.columnWidths[i] = clamp(c.header.length * 8 + 24, 90, 260);
  });
  rows.forEach((values, r) => {
    sheet.rows[r + 1] = columns.map((c, i): CellModel | undefined => {
      const cell: CellModel = { value: values[i] ?? null };
      const format = FORMATS[c.type] ?? (typeof values[i] === 'number' && c.type === 'number' ? '0' : undefined);
      if (format) cell.numberFormat = format;
      if (c.list) cell.validation = { kind: 'list', values: [...c.list], allowInvalid: false, showDropdown: true };
      // An empty cell with nothing to keep is no cell at all, as in Sheets' sparse grid.
      return Object.keys(cell).length === 1 && cell.value === null ? undefined : cell;
    });
    const cells = sheet.rows[r + 1]!;
    while (cells.length && cells[cells.length - 1] === undefined) cells.pop();
  });
  return sheet;
}

function settingsSheet(id: number, staff: Employee[]) {
  const settings = defaultSettings();
  settings.directorEmail = staff[0].email;
  settings.chiefAccountant = 'О. П. Кузнецова';
  // The demo director has already set the pay of «Без категории», so every specialist gets a payroll row.
  settings.salaries = { ...settings.salaries, none: 1_000_000 };
  settings.documents.organisationInn = '7705123452';
  settings.documents.organisationAddress = '115114, г. Москва, ул. Дербеневская, д. 20, стр. 3';
  const values = defaultSettingsRows(settings);
  const sheet = emptySheet(id, SHEETS.settings, Math.max(200, values.length + 10), 5);
  sheet.columnWidths = { 0: 280, 1: 160, 2: 420 };
  values.forEach((row, r) => {
    const isHeader = row[0] === 'Параметр' || row[0] === 'KPI' || row[0] === 'Дата';
    const cells = row.map((v): CellModel | undefined => {
      if (v === '') return undefined;
      return isHeader ? { value: v, fontWeight: 'bold' } : { value: v };
    });
    while (cells.length && cells[cells.length - 1] === undefined) cells.pop();
    if (cells.length) sheet.rows[r] = cells;
  });
  sheet.frozenRows = 1;
  return sheet;
}
