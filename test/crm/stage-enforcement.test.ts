/**
 * The funnel enforced in the sheet itself (domain section 2), through the local
 * runtime: a person's edits of «Этап» by hand, by paste and by fill-down.
 */
import { SHEETS, STAGES } from '../../src/domain/workbook/schema';
import { CLIENT_A, IVANOV, TODAY, cell, columnOf, crmSession, crmWorkbook, fullDeal, rowsOf } from './crm-workbook';

const D = SHEETS.deals;

function stageEdit(session: ReturnType<typeof crmSession>, row: number, stage: string): void {
  session.edit({ sheet: D, row, column: columnOf(session.workbook, D, 'Этап'), values: [[stage]] });
}

function noteOf(session: ReturnType<typeof crmSession>, row: number): string | undefined {
  const sheet = session.workbook.sheets.find((s) => s.name === D)!;
  return sheet.rows[row - 1]?.[columnOf(session.workbook, D, 'Этап') - 1]?.note;
}

const midnight = new Date(TODAY.getFullYear(), TODAY.getMonth(), TODAY.getDate());

describe('a single-cell edit of «Этап»', () => {
  it.each(STAGES.slice(1).map((to, i) => [STAGES[i], to] as const))(
    '%s → %s is kept and stamped with «Дата этапа» when its fields are filled',
    (from, to) => {
      const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', from)] }), IVANOV);
      stageEdit(session, 2, to);
      expect(cell(session.workbook, D, 2, 'Этап')).toBe(to);
      expect(cell(session.workbook, D, 2, 'Дата этапа')).toEqual(midnight);
    },
  );

  it('reverts a skipped stage, with a note and a toast naming the deal, and logs the attempt', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), IVANOV, {
      accounts: 'workspace',
    });
    stageEdit(session, 2, 'Переговоры');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Новый');
    expect(noteOf(session, 2)).toMatch(/нельзя пропускать/);
    const toasts = session.takeUiEvents().filter((e) => e.type === 'toast');
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ message: expect.stringMatching(/^С-00001: этап «Переговоры» не принят/) });
    const log = rowsOf(session.workbook, SHEETS.log);
    expect(log[log.length - 1]).toMatchObject({
      Пользователь: IVANOV,
      Действие: 'Отклонена смена этапа',
      ID: 'С-00001',
      Было: 'Новый',
      Стало: 'Переговоры',
    });
  });

  it('on gmail accounts, where Google does not reveal the editor, logs the attempt as «не определён»', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), IVANOV);
    stageEdit(session, 2, 'Переговоры');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Новый');
    const log = rowsOf(session.workbook, SHEETS.log);
    expect(log[log.length - 1]).toMatchObject({ Пользователь: 'не определён', Действие: 'Отклонена смена этапа' });
  });

  it('reverts a move whose fields are missing and names each missing field', () => {
    const deal = fullDeal('С-00001', 'Переговоры', { 'Сумма КП, руб.': '', 'Дата КП': '' });
    const session = crmSession(crmWorkbook({ deals: [deal] }), IVANOV);
    stageEdit(session, 2, 'КП отправлено');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Переговоры');
    expect(noteOf(session, 2)).toMatch(/Сумма КП, руб\..*Дата КП/);
  });

  it('needs a valid ИНН of a legal entity at «Надёжность оценена»', () => {
    const workbook = crmWorkbook({
      clients: [{ ...CLIENT_A, ИНН: '7707083894' }],
      deals: [fullDeal('С-00001', 'Потребность выявлена')],
    });
    const session = crmSession(workbook, IVANOV);
    stageEdit(session, 2, 'Надёжность оценена');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Потребность выявлена');
    expect(noteOf(session, 2)).toMatch(/ИНН/);
  });

  it('allows a move back and logs it', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'КП отправлено')] }), IVANOV);
    stageEdit(session, 2, 'Потребность выявлена');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Потребность выявлена');
    const log = rowsOf(session.workbook, SHEETS.log);
    expect(log[log.length - 1]).toMatchObject({ Действие: 'Возврат сделки на этап', Было: 'КП отправлено' });
  });

  it('«Отказ» needs its reason, and a competitor when the competitor won', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Переговоры')] }), IVANOV);
    stageEdit(session, 2, 'Отказ');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Переговоры');
    session.edit({
      sheet: D,
      row: 2,
      column: columnOf(session.workbook, D, 'Причина отказа'),
      values: [['Выбрал конкурента']],
    });
    stageEdit(session, 2, 'Отказ');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Переговоры');
    expect(noteOf(session, 2)).toMatch(/Конкурент/);
    session.edit({ sheet: D, row: 2, column: columnOf(session.workbook, D, 'Конкурент'), values: [['ТеплоПро']] });
    stageEdit(session, 2, 'Отказ');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Отказ');
  });

  it('reopens a lost deal only at the stage it was lost at', () => {
    const deal = fullDeal('С-00001', 'Переговоры', { 'Причина отказа': 'Цена' });
    const session = crmSession(crmWorkbook({ deals: [deal] }), IVANOV);
    stageEdit(session, 2, 'Отказ');
    stageEdit(session, 2, 'Новый');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Отказ');
    expect(noteOf(session, 2)).toMatch(/только на этап, где она была проиграна: «Переговоры»/);
    stageEdit(session, 2, 'Переговоры');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Переговоры');
  });

  it('offers a lost deal in the card only the stage it was lost at (the memory read for lost deals only)', () => {
    const deal = fullDeal('С-00001', 'Переговоры', { 'Причина отказа': 'Цена' });
    const session = crmSession(crmWorkbook({ deals: [deal, fullDeal('С-00002', 'Новый')] }), IVANOV);
    stageEdit(session, 2, 'Отказ');
    const card = session.run('getClientCard', [CLIENT_A['ID клиента']]) as {
      deals: Array<{ id: string; moves: Array<{ to: string; kind: string }> }>;
    };
    const movesOf = (id: string) => card.deals.find((d) => d.id === id)!.moves.map((m) => [m.to, m.kind]);
    expect(movesOf('С-00001')).toEqual([['Переговоры', 'reopen']]);
    expect(movesOf('С-00002')).toContainEqual(['Потребность выявлена', 'forward']);
  });

  it('refuses a cleared stage and a value that is not a stage', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Переговоры')] }), IVANOV);
    stageEdit(session, 2, '');
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Переговоры');
  });

  it('makes a «Потенциальный» client a «Клиент» when a deal reaches «Договор заключён»', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Согласование договора')] }), IVANOV);
    stageEdit(session, 2, 'Договор заключён');
    expect(cell(session.workbook, SHEETS.clients, 2, 'Статус клиента')).toBe('Клиент');
  });
});

describe('a paste of 50 rows mixing valid and invalid stages', () => {
  it('keeps the valid stages, reverts the invalid ones and leaves every other pasted cell as pasted', () => {
    // even rows are ready for «Потребность выявлена»; odd rows lack «Потенциал, руб.»
    const deals = Array.from({ length: 50 }, (_, i) =>
      fullDeal(`С-${String(i + 1).padStart(5, '0')}`, 'Новый', i % 2 === 1 ? { 'Потенциал, руб.': '' } : {}),
    );
    const session = crmSession(crmWorkbook({ deals }), IVANOV);
    const stageCol = columnOf(session.workbook, D, 'Этап');
    expect(columnOf(session.workbook, D, 'Потребность')).toBe(stageCol + 3);
    // pasted block: Этап, Дата этапа, Направление, Потребность
    const values = deals.map((_, i) => [
      i % 5 === 4 ? 'Переговоры' : 'Потребность выявлена',
      '',
      'Электрообогрев',
      `Новая потребность ${i + 1}`,
    ]);
    session.takeUiEvents();
    session.edit({ sheet: D, row: 2, column: stageCol, values });
    deals.forEach((_, i) => {
      const row = i + 2;
      const valid = i % 2 === 0 && i % 5 !== 4;
      expect([row, cell(session.workbook, D, row, 'Этап')]).toEqual([row, valid ? 'Потребность выявлена' : 'Новый']);
      expect(cell(session.workbook, D, row, 'Направление')).toBe('Электрообогрев');
      expect(cell(session.workbook, D, row, 'Потребность')).toBe(`Новая потребность ${i + 1}`);
      expect(cell(session.workbook, D, row, 'Дата этапа')).toEqual(valid ? midnight : null);
    });
    const toasts = session.takeUiEvents().filter((e) => e.type === 'toast');
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ message: expect.stringMatching(/Не принято изменений: 30/) });
    const refused = rowsOf(session.workbook, SHEETS.log).filter((r) => r['Действие'] === 'Отклонена смена этапа');
    expect(refused).toHaveLength(30);
  });

  it('a fill-down of one stage over ready and unready rows moves only the ready ones', () => {
    const deals = [
      fullDeal('С-00001', 'Потребность выявлена'),
      fullDeal('С-00002', 'Потребность выявлена', { 'Основание оценки': '' }),
      fullDeal('С-00003', 'Потребность выявлена'),
    ];
    const session = crmSession(crmWorkbook({ deals }), IVANOV);
    const stageCol = columnOf(session.workbook, D, 'Этап');
    session.edit({
      sheet: D,
      row: 2,
      column: stageCol,
      values: [['Надёжность оценена'], ['Надёжность оценена'], ['Надёжность оценена']],
    });
    expect([2, 3, 4].map((r) => cell(session.workbook, D, r, 'Этап'))).toEqual([
      'Надёжность оценена',
      'Потребность выявлена',
      'Надёжность оценена',
    ]);
    // after the revert, a second paste starts from the remembered valid stage
    session.edit({ sheet: D, row: 3, column: stageCol, values: [['Переговоры']] });
    expect(cell(session.workbook, D, 3, 'Этап')).toBe('Потребность выявлена');
  });
});

describe('columns the user reordered or inserted', () => {
  it('finds every column by its header and leaves unknown columns untouched', () => {
    const headers = [
      'Моя пометка',
      'Этап',
      'Потребность',
      'ID сделки',
      'Клиент',
      'ID клиента',
      ...['Ответственный', 'Дата этапа', 'Направление', 'Потенциал, руб.'],
      'Ещё столбец',
    ];
    const deal = { ...fullDeal('С-00001', 'Новый'), 'Моя пометка': 'важно', 'Ещё столбец': '=1+1' };
    const session = crmSession(crmWorkbook({ deals: [deal], dealHeaders: headers }), IVANOV);
    session.edit({ sheet: D, row: 2, column: 2, values: [['Потребность выявлена']] });
    expect(cell(session.workbook, D, 2, 'Этап')).toBe('Потребность выявлена');
    expect(cell(session.workbook, D, 2, 'Дата этапа')).toEqual(midnight);
    expect(cell(session.workbook, D, 2, 'Моя пометка')).toBe('важно');
    expect(cell(session.workbook, D, 2, 'Ещё столбец')).toBe('=1+1');
  });
});

describe('rows typed by hand', () => {
  it('gets a deal ID when a new row is typed', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00007', 'Новый')] }), IVANOV);
    session.edit({ sheet: D, row: 3, column: columnOf(session.workbook, D, 'ID клиента'), values: [['К-00001']] });
    expect(cell(session.workbook, D, 3, 'ID сделки')).toBe('С-00008');
  });
});
