import {
  discountPercent,
  discountProblem,
  statusAfterStage,
  statusChangeProblem,
} from '../../../src/domain/crm/client-rules';
import { findDuplicates } from '../../../src/domain/crm/duplicates';
import { formatId, nextId, nextIds, parseIdNumber } from '../../../src/domain/crm/ids';
import { claimDeadline, daysBetween, DEFAULT_CLAIM_DEADLINE_DAYS } from '../../../src/domain/crm/overdue';

describe('client status after a won deal', () => {
  it('turns «Потенциальный» into «Клиент» at «Договор заключён» and later', () => {
    expect(statusAfterStage('Потенциальный', 'Договор заключён')).toBe('Клиент');
    expect(statusAfterStage('', 'Исполнение')).toBe('Клиент');
  });
  it('leaves other statuses and earlier stages alone', () => {
    expect(statusAfterStage('Ключевой', 'Договор заключён')).toBeNull();
    expect(statusAfterStage('Клиент', 'Завершена')).toBeNull();
    expect(statusAfterStage('Потенциальный', 'Согласование договора')).toBeNull();
    expect(statusAfterStage('Потенциальный', 'Отказ')).toBeNull();
  });
});

describe('discounts of 2.10', () => {
  it('allows a discount only for «Ключевой» clients, up to the maximum', () => {
    expect(discountProblem(10, 'Ключевой', 15)).toBeNull();
    expect(discountProblem(15, 'Ключевой', 15)).toBeNull();
    expect(discountProblem(16, 'Ключевой', 15)).toMatch(/больше максимальной 15/);
    expect(discountProblem(5, 'Клиент', 15)).toMatch(/только для клиентов со статусом «Ключевой»/);
    expect(discountProblem('', 'Клиент', 15)).toBeNull();
    expect(discountProblem(0, 'Потенциальный', 15)).toBeNull();
    expect(discountProblem('много', 'Ключевой', 15)).toMatch(/числом/);
  });
  it('reads a percent-formatted 0.1 as 10 %', () => {
    expect(discountProblem(0.1, 'Ключевой', 10)).toBeNull();
    expect(discountProblem(0.2, 'Ключевой', 10)).toMatch(/20 %/);
  });
  it('lets only the director set or remove «Ключевой»', () => {
    expect(statusChangeProblem('Клиент', 'Ключевой', false)).toMatch(/только директор/);
    expect(statusChangeProblem('Ключевой', 'Клиент', false)).toMatch(/снимает только директор/);
    expect(statusChangeProblem('Клиент', 'Ключевой', true)).toBeNull();
    expect(statusChangeProblem('Потенциальный', 'Клиент', false)).toBeNull();
  });
});

describe('IDs', () => {
  it('formats and parses К-, С- and П- IDs', () => {
    expect(formatId('client', 1)).toBe('К-00001');
    expect(formatId('deal', 42)).toBe('С-00042');
    expect(formatId('claim', 123456)).toBe('П-123456');
    expect(parseIdNumber('deal', 'С-00042')).toBe(42);
    expect(parseIdNumber('deal', 'К-00042')).toBeNull();
  });
  it('continues after the highest ID, ignoring gaps and foreign values', () => {
    expect(nextId('client', [])).toBe('К-00001');
    expect(nextId('client', ['К-00003', '', 'К-00010', 'мусор', 7])).toBe('К-00011');
    expect(nextIds('deal', ['С-00002'], 3)).toEqual(['С-00003', 'С-00004', 'С-00005']);
  });
});

describe('duplicate detection of a new client', () => {
  const existing = [
    {
      'ID клиента': 'К-00001',
      Клиент: 'ООО Тепло',
      ИНН: '7707083893',
      Телефон: '+79123456789',
      Email: 'info@teplo.ru',
    },
    { 'ID клиента': 'К-00002', Клиент: 'ИП Петров', ИНН: '', Телефон: '8 (495) 123-45-67', Email: '' },
  ];
  it('matches by ИНН, normalised phone or e-mail ignoring case', () => {
    expect(findDuplicates({ ИНН: '7707083893' }, existing)).toEqual([
      { clientId: 'К-00001', name: 'ООО Тепло', matchedBy: ['ИНН'] },
    ]);
    expect(findDuplicates({ Телефон: '+7 495 123 45 67', Email: 'INFO@teplo.ru' }, existing)).toEqual([
      { clientId: 'К-00001', name: 'ООО Тепло', matchedBy: ['Email'] },
      { clientId: 'К-00002', name: 'ИП Петров', matchedBy: ['Телефон'] },
    ]);
  });
  it('finds nothing for a new client, and blanks never match blanks', () => {
    expect(findDuplicates({ ИНН: '', Телефон: '', Email: '' }, existing)).toEqual([]);
    expect(findDuplicates({ ИНН: '500100732259', Телефон: '89990001122' }, existing)).toEqual([]);
  });
});

describe('claim deadlines', () => {
  it('claim deadline is the date plus the setting, 10 days by default', () => {
    expect(claimDeadline(new Date(2026, 1, 25))).toEqual(new Date(2026, 2, 7));
    expect(claimDeadline(new Date(2026, 1, 25), 3)).toEqual(new Date(2026, 1, 28));
  });
});

describe('client rules at their edges', () => {
  it('turns a blank or «Потенциальный» client into «Клиент» from «Договор заключён», never a «Неактивный» one', () => {
    expect(statusAfterStage(null, 'Договор заключён')).toBe('Клиент');
    expect(statusAfterStage(' Потенциальный ', 'Завершена')).toBe('Клиент');
    expect(statusAfterStage('Неактивный', 'Исполнение')).toBeNull();
    expect(statusAfterStage('', 'Новый')).toBeNull();
  });

  it('reads discounts typed as «15 %», «7,5», a whole 1 and a percent-formatted 0.125', () => {
    expect(discountPercent('15 %')).toBe(15);
    expect(discountPercent('7,5')).toBe(7.5);
    expect(discountPercent('12,25')).toBe(12.25);
    // only a fraction between 0 and 1 is a percent-formatted cell; a negative number stays as typed
    expect(discountPercent(-0.5)).toBe(-0.5);
    expect(discountPercent(1)).toBe(1);
    expect(discountPercent(0.125)).toBe(12.5);
    expect(discountPercent(0.07)).toBe(7);
    expect(discountPercent(0)).toBe(0);
    expect(discountPercent('  ')).toBe(0);
    expect(discountPercent('-5')).toBeNull();
    expect(discountPercent('5 процентов')).toBeNull();
    expect(discountPercent('x5')).toBeNull();
    expect(discountPercent('5.')).toBeNull();
  });

  it('says exactly what is wrong with a discount', () => {
    expect(discountProblem(-3, 'Ключевой', 15)).toBe('«Скидка, %» должна быть числом от 0');
    expect(discountProblem('скидка', 'Ключевой', 15)).toBe('«Скидка, %» должна быть числом от 0');
    expect(discountProblem('0', '', 15)).toBeNull();
    expect(discountProblem(5, '', 15)).toBe(
      'Скидка возможна только для клиентов со статусом «Ключевой» (п. 2.10); сейчас статус «не указан»',
    );
    expect(discountProblem(5, 'Клиент', 15)).toBe(
      'Скидка возможна только для клиентов со статусом «Ключевой» (п. 2.10); сейчас статус «Клиент»',
    );
    expect(discountProblem('15,5', 'Ключевой', 15)).toBe('Скидка 15.5 % больше максимальной 15 % из листа «Настройки»');
  });

  it('names the rule of 2.10 when a specialist touches «Ключевой», and lets an unchanged status be', () => {
    expect(statusChangeProblem('Клиент', 'Ключевой', false)).toBe(
      'Статус «Ключевой» присваивает только директор (п. 2.10)',
    );
    expect(statusChangeProblem('Ключевой', 'Неактивный', false)).toBe(
      'Статус «Ключевой» снимает только директор (п. 2.10)',
    );
    expect(statusChangeProblem('Ключевой', ' Ключевой ', false)).toBeNull();
    expect(statusChangeProblem('Ключевой', 'Клиент', true)).toBeNull();
  });
});

describe('IDs at their edges', () => {
  it('refuses a number that is not a positive whole one', () => {
    expect(() => formatId('client', 0)).toThrow(new RangeError('ID number must be a positive integer'));
    expect(() => formatId('client', 1.5)).toThrow(RangeError);
    expect(() => formatId('claim', -2)).toThrow(RangeError);
    expect(formatId('claim', 1)).toBe('П-00001');
  });
  it('reads an ID with spaces around, nothing else', () => {
    expect(parseIdNumber('client', ' К-00042 ')).toBe(42);
    expect(parseIdNumber('client', 'К-00042а')).toBeNull();
    expect(parseIdNumber('client', 'аК-00042')).toBeNull();
    expect(parseIdNumber('client', 'К-')).toBeNull();
    expect(parseIdNumber('client', 42)).toBeNull();
    expect(parseIdNumber('claim', 'П-7')).toBe(7);
  });
  it('gives as many consecutive IDs as asked, after the highest', () => {
    expect(nextIds('claim', ['П-00009', 'П-00004'], 2)).toEqual(['П-00010', 'П-00011']);
    expect(nextIds('client', [], 1)).toEqual(['К-00001']);
    expect(nextIds('client', ['К-00005'], 0)).toEqual([]);
    expect(nextId('deal', ['С-00009', 'С-00009', 'С-00002'])).toBe('С-00010');
  });
});

describe('days between dates', () => {
  it('counts calendar days whatever the time of day, positive when overdue', () => {
    expect(daysBetween(new Date(2026, 1, 28), new Date(2026, 2, 2))).toBe(2);
    expect(daysBetween(new Date(2026, 2, 1, 23, 59), new Date(2026, 2, 2, 0, 1))).toBe(1);
    expect(daysBetween(new Date(2026, 2, 2, 0, 1), new Date(2026, 2, 2, 23, 59))).toBe(0);
    expect(daysBetween(new Date(2026, 2, 10), new Date(2026, 2, 2))).toBe(-8);
    expect(daysBetween(new Date(2025, 11, 31), new Date(2026, 0, 1))).toBe(1);
  });
  it('keeps the time of day of a claim in its deadline, and leaves the claim\u2019s date alone', () => {
    const received = new Date(2026, 1, 25, 15, 30);
    expect(claimDeadline(received)).toEqual(new Date(2026, 2, 7, 15, 30));
    expect(received).toEqual(new Date(2026, 1, 25, 15, 30));
    expect(DEFAULT_CLAIM_DEADLINE_DAYS).toBe(10);
  });
});
