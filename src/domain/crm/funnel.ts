/**
 * The enforced sales funnel of domain section 2: which stage moves are allowed
 * and which fields each stage needs. Pure; the sheet and the sidebar both ask here.
 */
import { LOSS_REASONS, LOST_STAGE, RELIABILITY, STAGES, DIRECTIONS, type Stage } from '../workbook/schema';
import { H, type ClientType, type RowRecord } from './records';
import { innProblem, isBlankValue, parseAmountValue, parseDateValue, textOf } from './values';

type FieldKind = 'text' | 'date' | 'money' | 'list';

interface Requirement {
  header: string;
  /** 'client': the field lives on the client's row in «Клиенты» */
  on: 'deal' | 'client';
  kind: FieldKind;
  list?: readonly string[];
}

const req = (header: string, kind: FieldKind = 'text', list?: readonly string[]): Requirement => ({
  header,
  on: 'deal',
  kind,
  list,
});

/** Fields needed to enter each stage (the table of section 2), besides those of all earlier stages. */
export const STAGE_REQUIREMENTS: Record<Stage, readonly Requirement[]> = {
  Новый: [req(H.clientId), req(H.owner), { header: H.source, on: 'client', kind: 'text' }],
  'Потребность выявлена': [req(H.direction, 'list', DIRECTIONS), req(H.need), req(H.potential, 'money')],
  'Надёжность оценена': [req(H.reliability, 'list', RELIABILITY), req(H.reliabilityBasis)],
  Переговоры: [req(H.negotiationDate, 'date')],
  'КП отправлено': [req(H.offerSum, 'money'), req(H.offerDate, 'date')],
  'Согласование договора': [req(H.meetingDate, 'date')],
  'Договор заключён': [
    req(H.contractNo),
    req(H.contractDate, 'date'),
    req(H.contractSum, 'money'),
    req(H.cost, 'money'),
  ],
  Исполнение: [],
  Завершена: [req(H.paymentDate, 'date')],
  Отказ: [req(H.lossReason, 'list', LOSS_REASONS)],
};

/** A field that blocks a move: its header, where it lives, and what is wrong in Russian. */
export interface MissingField {
  header: string;
  on: 'deal' | 'client';
  message: string;
}

export type MoveKind = 'same' | 'forward' | 'back' | 'lost' | 'reopen' | 'start';

export type TransitionResult = { ok: true; kind: MoveKind } | { ok: false; reason: string; missing: MissingField[] };

/** What the funnel needs to know beyond the deal and client rows. */
export interface TransitionContext {
  /** the stage at which the deal was lost (kept by the add-on); reopening goes back only there */
  lostAt?: Stage | null;
}

/** True for the nine ordered stages and «Отказ». */
export function isStage(value: unknown): value is Stage {
  return value === LOST_STAGE || (STAGES as readonly unknown[]).includes(value);
}

/** Position in the funnel (0 = «Новый»), -1 for «Отказ» and for non-stages. */
export function stageIndex(stage: string): number {
  return (STAGES as readonly string[]).indexOf(stage);
}

/** Stages a deal can be lost at: every stage before the contract is signed. */
export function isOpenStage(stage: string): boolean {
  const i = stageIndex(stage);
  return i >= 0 && i < stageIndex('Договор заключён');
}

function fieldProblem(r: Requirement, deal: RowRecord, client: RowRecord | null): MissingField | null {
  const where = r.on === 'client' ? ' в карточке клиента' : '';
  if (r.on === 'client' && !client) {
    return { header: r.header, on: 'client', message: `«${r.header}»${where} (клиент не найден в «Клиенты»)` };
  }
  const value = (r.on === 'client' ? client! : deal)[r.header];
  if (isBlankValue(value)) return { header: r.header, on: r.on, message: `«${r.header}»${where} не заполнено` };
  if (r.kind === 'date' && !parseDateValue(value)) {
    return { header: r.header, on: r.on, message: `«${r.header}» должно быть датой` };
  }
  if (r.kind === 'money' && parseAmountValue(value) === null) {
    return { header: r.header, on: r.on, message: `«${r.header}» должно быть неотрицательным числом` };
  }
  if (r.list && !r.list.includes(textOf(value))) {
    return { header: r.header, on: r.on, message: `«${r.header}»: выберите одно из значений: ${r.list.join(', ')}` };
  }
  return null;
}

/** The ИНН rule of «Надёжность оценена»: a valid ИНН for Юрлицо and ИП. */
function innRequirement(client: RowRecord | null): MissingField | null {
  if (!client) return null; // already reported by «Источник» of stage 1
  const type = textOf(client[H.clientType]);
  if (type === '') return { header: H.clientType, on: 'client', message: '«Тип» в карточке клиента не заполнен' };
  if (type !== 'Юрлицо' && type !== 'ИП') return null;
  const problem = innProblem(client[H.inn], type as ClientType);
  return problem ? { header: H.inn, on: 'client', message: `${problem} (карточка клиента)` } : null;
}

/** Everything missing to stand at `stage`: its fields and those of all earlier stages. */
export function missingForStage(stage: Stage, deal: RowRecord, client: RowRecord | null): MissingField[] {
  // each header is required at one stage only, so no field is listed twice
  const missing: MissingField[] = [];
  const add = (m: MissingField | null) => {
    if (m) missing.push(m);
  };
  if (stage === LOST_STAGE) {
    for (const r of STAGE_REQUIREMENTS[LOST_STAGE]) add(fieldProblem(r, deal, client));
    if (textOf(deal[H.lossReason]) === 'Выбрал конкурента' && isBlankValue(deal[H.competitor])) {
      add({ header: H.competitor, on: 'deal', message: '«Конкурент» не заполнено (причина — «Выбрал конкурента»)' });
    }
    return missing;
  }
  const target = stageIndex(stage);
  for (let i = 0; i <= target; i++) {
    for (const r of STAGE_REQUIREMENTS[STAGES[i]]) add(fieldProblem(r, deal, client));
    if (STAGES[i] === 'Надёжность оценена') add(innRequirement(client));
  }
  return missing;
}

function refuse(reason: string, missing: MissingField[] = []): TransitionResult {
  return { ok: false, reason, missing };
}

/**
 * Whether a deal may move from `from` to `to` (section 2 rules). `from` is ''
 * for a deal that has no stage yet. Forward moves go one stage at a time and need
 * the fields of the target and all earlier stages; moves back are allowed (the
 * caller logs them); «Отказ» is reachable from open stages and needs its reason;
 * from «Отказ» a deal reopens only to the stage it was lost at.
 */
export function checkTransition(
  deal: RowRecord,
  client: RowRecord | null,
  from: Stage | '',
  to: Stage,
  context: TransitionContext = {},
): TransitionResult {
  if (!isStage(to)) return refuse(`«${String(to)}» — не этап воронки`);
  if (from === to) return { ok: true, kind: 'same' };
  const withMissing = (kind: MoveKind, stage: Stage): TransitionResult => {
    const missing = missingForStage(stage, deal, client);
    if (missing.length === 0) return { ok: true, kind };
    return refuse(`Для этапа «${stage}» не хватает: ${missing.map((m) => m.message).join('; ')}`, missing);
  };
  if (from === '') {
    if (to !== STAGES[0]) return refuse(`Новая сделка начинается с этапа «${STAGES[0]}»; этапы нельзя пропускать`);
    return withMissing('start', to);
  }
  if (to === LOST_STAGE) {
    if (!isOpenStage(from)) {
      return refuse(`Отказ возможен только до заключения договора, а сделка на этапе «${from}»`);
    }
    return withMissing('lost', to);
  }
  if (from === LOST_STAGE) {
    if (!context.lostAt) {
      return refuse(
        'Неизвестно, на каком этапе сделка была проиграна; вернуть её может директор через карточку клиента',
      );
    }
    if (to !== context.lostAt) {
      return refuse(`Сделку из «Отказ» можно вернуть только на этап, где она была проиграна: «${context.lostAt}»`);
    }
    return withMissing('reopen', to);
  }
  const fromIndex = stageIndex(from);
  const toIndex = stageIndex(to);
  // Stryker disable next-line EqualityOperator: a move to the same stage has returned above
  if (toIndex < fromIndex) return { ok: true, kind: 'back' };
  if (toIndex > fromIndex + 1) {
    return refuse(`Этапы нельзя пропускать: с этапа «${from}» можно перейти только на «${STAGES[fromIndex + 1]}»`);
  }
  return withMissing('forward', to);
}

/** One possible move of a deal, with what blocks it (empty when allowed). */
export interface MoveOption {
  to: Stage;
  kind: MoveKind;
  allowed: boolean;
  missing: MissingField[];
  reason: string;
}

/**
 * The moves the sidebar offers from the deal's current stage: the next stage,
 * every earlier stage, «Отказ» while the deal is open, or the reopening stage.
 */
export function allowedMoves(deal: RowRecord, client: RowRecord | null, context: TransitionContext = {}): MoveOption[] {
  const current = textOf(deal[H.stage]);
  const from: Stage | '' = isStage(current) ? current : '';
  const targets: Stage[] = [];
  // Stryker disable next-line ConditionalExpression: for a deal without a stage (index -1) the general branch offers «Новый» alone too
  if (from === '') targets.push(STAGES[0]);
  else if (from === LOST_STAGE) {
    if (context.lostAt) targets.push(context.lostAt);
  } else {
    const i = stageIndex(from);
    if (i + 1 < STAGES.length) targets.push(STAGES[i + 1]);
    for (let j = i - 1; j >= 0; j--) targets.push(STAGES[j]);
    if (isOpenStage(from)) targets.push(LOST_STAGE);
  }
  return targets.map((to) => {
    const result = checkTransition(deal, client, from, to, context);
    if (result.ok) return { to, kind: result.kind, allowed: true, missing: [], reason: '' };
    const kind: MoveKind = to === LOST_STAGE ? 'lost' : from === LOST_STAGE ? 'reopen' : 'forward';
    return { to, kind, allowed: false, missing: result.missing, reason: result.reason };
  });
}

/**
 * The stage to keep for a deal whose last valid stage is unknown (a row pasted
 * in, a memory lost): the furthest stage up to `upTo` whose fields are all
 * filled, and at least «Новый» — a stage is never left blank.
 */
export function fallbackStage(deal: RowRecord, client: RowRecord | null, upTo: string): Stage {
  // -1 for «Отказ» and anything else: «Новый» then
  const limit = stageIndex(upTo);
  let best: Stage = STAGES[0];
  for (let i = 0; i <= limit; i++) {
    if (missingForStage(STAGES[i], deal, client).length > 0) break;
    best = STAGES[i];
  }
  return best;
}

/**
 * The fields a deal leaves behind when it is reopened from «Отказ»: the loss
 * reason and the competitor describe a loss that no longer stands (their old
 * values stay in «Журнал»).
 */
export const REOPEN_CLEARS = ['Причина отказа', 'Конкурент'] as const;

/**
 * The stage to remember a deal was lost at after a move from `from` to `to`: `from` for a move to
 * «Отказ», else none (it is read only while the deal stands at «Отказ», and every move there sets it).
 */
export function lostAtAfter(from: string, to: Stage): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: see above
  return to === LOST_STAGE && isStage(from) && from !== LOST_STAGE ? from : '';
}

/** Whether a change from `from` to `to` reopens a lost deal. */
export function isReopening(from: string, to: string): boolean {
  return from === LOST_STAGE && to !== LOST_STAGE && to !== '';
}
