/**
 * КП and contracts from the deal (2.6, 2.7) on the local runtime: the lines
 * priced from «Прайс» with the discount rule of 2.10 in the card and on the
 * sheet; the document made from the director's template holds the client's
 * details, every line, the totals and the amount in words; two specialists
 * making contracts at once get different numbers; the КП goes only to the
 * client's address with its PDF, and the contact is logged.
 */
import { createDocumentExporter } from '../../local/export/document-files';
import { PERSON_PROTECTED_MESSAGE } from '../../local/runtime';
import type { LocalRuntimeSession } from '../../local/runtime';
import type { DocElementModel } from '../../local/runtime/model';
import type { UiEvent } from '../../local/runtime/session';
import { SHEETS } from '../../src/domain/workbook/schema';
import type { CreatedDocumentDto, DealLinesDto, SaveDealLinesResult, SentOfferDto } from '../../src/shared/api';
import { pdfPageTexts } from '../print/pdf-text';
import { DIRECTOR, IVANOV, PETROVA, TODAY, columnOf, crmSession, rowsOf, offerWorkbook } from './crm-workbook';

jest.setTimeout(180_000);

const workbook = () => offerWorkbook();

function session(): LocalRuntimeSession {
  return crmSession(workbook(), DIRECTOR, { documentExporter: createDocumentExporter() });
}

/** A session whose documents' PDFs are not laid out (where a test looks only at numbers and text). */
function quickSession(): LocalRuntimeSession {
  return crmSession(workbook(), DIRECTOR, { documentExporter: () => new Uint8Array(Buffer.from('%PDF-1.4\n')) });
}

type Line = { article: string; quantity: string; discount: string };
const saveLines = (s: LocalRuntimeSession, user: string, dealId: string, lines: Line[]) =>
  s.runAs(user, 'saveDealLines', [dealId, lines]) as SaveDealLinesResult;

function textOfBody(body: readonly DocElementModel[]): string {
  return body.map((e) => (e.type === 'paragraph' ? e.text : e.rows.map((r) => r.join(' | ')).join('\n'))).join('\n');
}

function dealRow(s: LocalRuntimeSession, id: string) {
  return rowsOf(s.workbook, SHEETS.deals).find((r) => r['ID сделки'] === id)!;
}

describe('the price list', () => {
  it('is the director’s: a specialist cannot type into «Прайс», the director can', () => {
    const s = quickSession();
    s.setUser(IVANOV);
    const edit = () =>
      s.edit({
        sheet: SHEETS.priceList,
        row: 2,
        column: columnOf(s.workbook, SHEETS.priceList, 'Цена, руб.'),
        values: [['1']],
      });
    expect(edit).toThrow(PERSON_PROTECTED_MESSAGE);
    s.setUser(DIRECTOR);
    expect(edit).not.toThrow();
  });
});

describe('deal lines', () => {
  it('refuses a discount to a client who is not «Ключевой», logs it and writes no line', () => {
    const s = session();
    const refused = saveLines(s, IVANOV, 'С-00001', [{ article: 'ПФ-60', quantity: '40', discount: '5' }]);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors[0]).toContain('только для клиентов со статусом «Ключевой»');
    expect(rowsOf(s.workbook, SHEETS.dealLines)).toEqual([]);
    // a specialist's «Журнал» entries wait in the queue until the director's hourly run writes them
    s.run('flushPendingWrites');
    expect(rowsOf(s.workbook, SHEETS.log).some((r) => r['Действие'] === 'Отклонена скидка в позициях')).toBe(true);
  });

  it('prices lines from «Прайс» and makes «Сумма КП» their total', () => {
    const s = session();
    const saved = saveLines(s, IVANOV, 'С-00001', [
      { article: 'ПФ-60', quantity: '40', discount: '' },
      { article: 'ТР-01', quantity: '2', discount: '' },
    ]);
    expect(saved.ok).toBe(true);
    expect(saved.ok && saved.view.lines.map((l) => [l.article, l.sum])).toEqual([
      ['ПФ-60', '94\u00a0000,00'],
      ['ТР-01', '8\u00a0400,00'],
    ]);
    expect(dealRow(s, 'С-00001')['Сумма КП, руб.']).toBe(102400);
    // a second save with fewer lines leaves one line for the deal
    saveLines(s, IVANOV, 'С-00001', [{ article: 'ТР-01', quantity: '1', discount: '' }]);
    expect(rowsOf(s.workbook, SHEETS.dealLines).map((r) => [r['ID сделки'], r['Артикул'], r['Сумма, руб.']])).toEqual([
      ['С-00001', 'ТР-01', 4200],
    ]);
  });

  it('lets a key client have their own discount and no more', () => {
    const s = session();
    const over = saveLines(s, PETROVA, 'С-00002', [{ article: 'ПФ-60', quantity: '10', discount: '12' }]);
    expect(!over.ok && over.errors[0]).toContain('больше скидки клиента 10 %');
    const ok = saveLines(s, PETROVA, 'С-00002', [{ article: 'ПФ-60', quantity: '10', discount: '10' }]);
    expect(ok.ok && ok.view.lines[0].sum).toBe('21\u00a0150,00');
  });

  it('refuses a specialist’s lines on another specialist’s deal', () => {
    const s = session();
    expect(() => saveLines(s, IVANOV, 'С-00002', [{ article: 'ТР-01', quantity: '1', discount: '' }])).toThrow(
      /ведёт другой сотрудник/,
    );
  });
});

describe('documents from templates', () => {
  it('makes a КП whose text holds the client’s details, every line, the totals and the words; the deal gets its number and link', () => {
    const s = session();
    saveLines(s, PETROVA, 'С-00002', [
      { article: 'ПФ-60', quantity: '120,5', discount: '10' },
      { article: 'ТП-150', quantity: '35', discount: '' },
    ]);
    const stageBefore = dealRow(s, 'С-00002')['Этап'];
    const made = s.runAs(PETROVA, 'createDocument', ['С-00002', 'КП']) as CreatedDocumentDto;
    const year = TODAY.getFullYear();
    expect(made.number).toBe(`КП-${year}/0001`);
    const docId = /\/document\/d\/([^/]+)/.exec(made.url)![1];
    const doc = s.driveItem(docId)!;
    const text = textOfBody(doc.body!);
    for (const part of [
      'АО «ТеплоДом»',
      '7736207543',
      '420111, Казань, ул. Баумана, 12',
      'Орлов Игорь Петрович',
      'Панель ПОЛИФАСАД 60 мм',
      'Тёплый пол 150 Вт/м²',
      // 2 350 × 120,5 × 0,9 = 254 857,50; 1 490,50 × 35 = 52 167,50; total 307 025,00
      '254\u00a0857,50',
      '52\u00a0167,50',
      'Итого к оплате: 307\u00a0025,00 руб.',
      'Триста семь тысяч двадцать пять рублей 00 копеек',
      // VAT 22 % inside: 307 025 × 22 / 122 = 55 365,16
      '55\u00a0365,16',
      'отсрочка платежа 30 дней',
      // the deal's owner by name, from «Сотрудники»
      'С уважением, Петрова А. С.',
      `Коммерческое предложение № КП-${year}/0001`,
    ]) {
      expect(text).toContain(part);
    }
    expect(text).not.toMatch(/\{\{/);
    expect(doc.body!.find((e) => e.type === 'table')).toMatchObject({ boldRows: [0] });
    const deal = dealRow(s, 'С-00002');
    expect(deal['№ КП']).toBe(`КП-${year}/0001`);
    expect(deal['КП (документ)']).toBe(made.url);
    expect(deal['Сумма КП, руб.']).toBe(307025);
    expect(deal['Этап']).toBe(stageBefore);
    // the document and its PDF are in the client's folder, the document shared with the director
    const folder = s.driveItem(doc.parents[0])!;
    expect(folder.name).toBe('К-00002 АО «ТеплоДом»');
    expect(doc.writers).toContain(DIRECTOR);
    const pdf = s.file(/\/files\/(.+)$/.exec(made.pdfUrl)![1])!;
    expect(pdf.parents).toEqual([folder.id]);
    expect(Buffer.from(pdf.bytes).subarray(0, 4).toString()).toBe('%PDF');
    s.run('flushPendingWrites');
    expect(rowsOf(s.workbook, SHEETS.log).some((r) => r['Действие'] === 'Создано КП' && r['ID'] === 'С-00002')).toBe(
      true,
    );
  });

  it('never puts a discount the client may not have into a document, even one allowed when it was entered', () => {
    const s = session();
    saveLines(s, PETROVA, 'С-00002', [{ article: 'ПФ-60', quantity: '40', discount: '10' }]);
    // the director lowers the client's own discount after the line was entered
    s.setUser(DIRECTOR);
    s.edit({
      sheet: SHEETS.clients,
      row: 3,
      column: columnOf(s.workbook, SHEETS.clients, 'Скидка, %'),
      values: [['5']],
    });
    const before = s.workbook.drive?.length ?? 0;
    expect(() => s.runAs(PETROVA, 'createDocument', ['С-00002', 'КП'])).toThrow(
      /Позиции сделки не приняты.*больше скидки клиента 5 %/,
    );
    expect(s.workbook.drive?.length ?? 0).toBe(before);
    expect(dealRow(s, 'С-00002')['№ КП']).toBeFalsy();
    // the card shows the line as entered, with what to fix
    const view = s.runAs(PETROVA, 'getDealLines', ['С-00002']) as DealLinesDto;
    expect(view.lines.map((l) => [l.article, l.discount])).toEqual([['ПФ-60', '10']]);
    expect(view.problems[0]).toContain('больше скидки клиента 5 %');
  });

  it('gives two specialists making contracts at the same time different numbers', () => {
    for (const seed of [1, 2, 3]) {
      const s = quickSession();
      saveLines(s, IVANOV, 'С-00001', [{ article: 'ТР-01', quantity: '1', discount: '' }]);
      saveLines(s, PETROVA, 'С-00002', [{ article: 'ТР-01', quantity: '2', discount: '' }]);
      const { outcomes } = s.interleave(
        [
          { user: IVANOV, fn: 'createDocument', args: ['С-00001', 'Договор'] },
          { user: PETROVA, fn: 'createDocument', args: ['С-00002', 'Договор'] },
        ],
        { seed, switchChance: 0.5 },
      );
      expect(outcomes.map((o) => o.error)).toEqual([undefined, undefined]);
      const numbers = outcomes.map((o) => (o.value as CreatedDocumentDto).number).sort();
      const year = TODAY.getFullYear();
      expect(numbers).toEqual([`ДК-${year}/0001`, `ДК-${year}/0002`]);
      expect([dealRow(s, 'С-00001')['№ договора'], dealRow(s, 'С-00002')['№ договора']].sort()).toEqual(numbers);
    }
  });

  it('says what to allow when the user has not granted the documents scope yet', () => {
    const s = crmSession(workbook(), DIRECTOR, {
      documentExporter: createDocumentExporter(),
      grantedScopes: {
        [IVANOV]: [
          'https://www.googleapis.com/auth/spreadsheets',
          'https://www.googleapis.com/auth/script.container.ui',
          'https://www.googleapis.com/auth/userinfo.email',
        ],
      },
    });
    saveLines(s, IVANOV, 'С-00001', [{ article: 'ТР-01', quantity: '1', discount: '' }]);
    expect(() => s.runAs(IVANOV, 'createDocument', ['С-00001', 'КП'])).toThrow(
      /нужно новое разрешение Google.*Откройте https:\/\//,
    );
  });
});

describe('sending the КП', () => {
  it('mails the КП’s PDF only to the client’s address and logs the contact with the link; the stage stays', async () => {
    const s = session();
    saveLines(s, PETROVA, 'С-00002', [{ article: 'ТР-01', quantity: '3', discount: '' }]);
    const made = s.runAs(PETROVA, 'createDocument', ['С-00002', 'КП']) as CreatedDocumentDto;
    s.takeUiEvents();
    const sent = s.runAs(PETROVA, 'sendOffer', ['С-00002']) as SentOfferDto;
    expect(sent.to).toBe('zakup@teplodom.ru');
    const mails = s.takeUiEvents().filter((e): e is Extract<UiEvent, { type: 'mail' }> => e.type === 'mail');
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe('zakup@teplodom.ru');
    expect(mails[0].subject).toContain(made.number);
    expect(mails[0].body).toContain('Орлов Игорь Петрович');
    expect(mails[0].attachments!.map((a) => [a.name, a.contentType])).toEqual([
      [`КП ${made.number}.pdf`, 'application/pdf'],
    ]);
    const pages = await pdfPageTexts(mails[0].attachments![0].bytes);
    expect(pages.join('\n')).toContain(made.number);
    expect(pages.join('\n')).toContain('Терморегулятор');
    const contact = rowsOf(s.workbook, SHEETS.contacts).pop()!;
    expect(contact).toMatchObject({
      'ID клиента': 'К-00002',
      'ID сделки': 'С-00002',
      Сотрудник: PETROVA,
      Тип: 'Email',
    });
    expect(String(contact['Результат'])).toContain(made.url);
    expect(dealRow(s, 'С-00002')['Этап']).toBe('Переговоры');
  });

  it('refuses to send before a КП is made, or to a client without an e-mail', () => {
    const s = session();
    expect(() => s.runAs(IVANOV, 'sendOffer', ['С-00001'])).toThrow(/ещё нет КП/);
  });
});
