import { discountProblem, statusAfterStage, statusChangeProblem } from '../../../src/domain/crm/client-rules';
import { findDuplicates } from '../../../src/domain/crm/duplicates';
import { formatId, nextId, nextIds, parseIdNumber } from '../../../src/domain/crm/ids';
import { claimDeadline } from '../../../src/domain/crm/overdue';

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
