/**
 * The payment register's pure part: the column layout of «Настройки», account numbers, the amount as
 * 1С reads it, the rows and the CSV, with values written out by hand.
 */
import { DomainError } from '../../../src/domain/money';
import {
  accountProblem,
  DEFAULT_REGISTER_COLUMNS,
  paymentRegister,
  parseRegisterColumns,
  REGISTER_COLUMNS_PARAM,
  registerAmount,
  registerCsv,
} from '../../../src/domain/payroll/payment-register';

const ACCOUNT = '40817810000000000001';

describe('parseRegisterColumns: the layout typed in «Настройки»', () => {
  it('reads names split by «;» or «,», in their order, ignoring case, spaces and empty parts', () => {
    expect(parseRegisterColumns('ФИО; Номер счёта; Сумма')).toEqual(['ФИО', 'Номер счёта', 'Сумма']);
    expect(parseRegisterColumns(' сумма ,, таб. №;;номер СЧЁТА ; ')).toEqual(['Сумма', 'Таб. №', 'Номер счёта']);
  });

  it('«счет» and «е» typed for «счёт» and «ё» are the same column', () => {
    expect(parseRegisterColumns('Номер счета; Сумма')).toEqual(['Номер счёта', 'Сумма']);
  });

  it('the default layout is one it accepts', () => {
    expect(parseRegisterColumns(DEFAULT_REGISTER_COLUMNS.join('; '))).toEqual([
      '№ п/п',
      'ФИО',
      'Таб. №',
      'Номер счёта',
      'Сумма',
    ]);
  });

  it('an unknown name: an error naming the row, the name and every allowed column', () => {
    expect(() => parseRegisterColumns('ФИО; Банк; Номер счёта; Сумма')).toThrow(
      new DomainError(
        `${REGISTER_COLUMNS_PARAM}: нет столбца «Банк». Возможные: № п/п; Таб. №; ФИО; Фамилия; Имя; Отчество; Номер счёта; Сумма`,
      ),
    );
    expect(() => parseRegisterColumns('Банк', 'Настройки, строка 9')).toThrow(
      'Настройки, строка 9: нет столбца «Банк».',
    );
  });

  it('a column named twice, or without «Сумма» or «Номер счёта», is refused', () => {
    expect(() => parseRegisterColumns('Сумма; Номер счёта; сумма')).toThrow(
      `${REGISTER_COLUMNS_PARAM}: столбец «Сумма» указан дважды`,
    );
    expect(() => parseRegisterColumns('ФИО; Номер счёта')).toThrow(
      `${REGISTER_COLUMNS_PARAM}: в реестре нужен столбец «Сумма»`,
    );
    expect(() => parseRegisterColumns('ФИО; Сумма')).toThrow(
      `${REGISTER_COLUMNS_PARAM}: в реестре нужен столбец «Номер счёта»`,
    );
    expect(() => parseRegisterColumns('')).toThrow(DomainError);
  });
});

describe('accountProblem: 20 digits', () => {
  it('accepts 20 digits, with spaces as typed', () => {
    expect(accountProblem(ACCOUNT)).toBeNull();
    expect(accountProblem(' 40817 810 0000 0000 0001 ')).toBeNull();
  });

  it('names a blank, a short, a long and a non-digit account', () => {
    expect(accountProblem('')).toBe('нет номера счёта');
    expect(accountProblem('   ')).toBe('нет номера счёта');
    expect(accountProblem('4081781000000000001')).toBe('номер счёта «4081781000000000001» — не 20 цифр');
    expect(accountProblem('408178100000000000012')).toBe('номер счёта «408178100000000000012» — не 20 цифр');
    expect(accountProblem('4081781000000000000A')).toBe('номер счёта «4081781000000000000A» — не 20 цифр');
    expect(accountProblem(`x${ACCOUNT}`)).toBe(`номер счёта «x${ACCOUNT}» — не 20 цифр`);
    expect(accountProblem(`${ACCOUNT}x`)).toBe(`номер счёта «${ACCOUNT}x» — не 20 цифр`);
  });
});

describe('registerAmount: rubles and kopecks with a comma, no grouping', () => {
  it.each([
    [1_234_567, '12345,67'],
    [100, '1,00'],
    [5, '0,05'],
    [50, '0,50'],
    [0, '0,00'],
    [-150, '-1,50'],
    [-7, '-0,07'],
  ])('%i kopecks → «%s»', (kopecks, text) => {
    expect(registerAmount(kopecks)).toBe(text);
  });
});

describe('paymentRegister: the rows, the total and the accounts to fix', () => {
  const entries = [
    { tabNo: '7', name: 'Иванов Иван Иванович', account: '4081 7810 0000 0000 0001', toPay: 4_350_050 },
    { tabNo: '12', name: 'Петрова  Анна Мария Сергеевна', account: '123', toPay: 2_000_001 },
    { tabNo: '3', name: 'Ли', account: '', toPay: 99 },
  ];

  it('fills every column from the entry, the number counted from 1 and the account without spaces', () => {
    const columns = ['№ п/п', 'Таб. №', 'ФИО', 'Фамилия', 'Имя', 'Отчество', 'Номер счёта', 'Сумма'] as const;
    const register = paymentRegister(entries, columns);
    expect(register.header).toEqual([...columns]);
    expect(register.rows).toEqual([
      ['1', '7', 'Иванов Иван Иванович', 'Иванов', 'Иван', 'Иванович', ACCOUNT, '43500,50'],
      ['2', '12', 'Петрова  Анна Мария Сергеевна', 'Петрова', 'Анна', 'Мария Сергеевна', '123', '20000,01'],
      ['3', '3', 'Ли', 'Ли', '', '', '', '0,99'],
    ]);
    expect(register.total).toBe(4_350_050 + 2_000_001 + 99);
  });

  it('follows the layout’s order and names each wrong account with the person', () => {
    const register = paymentRegister(entries, ['Сумма', 'Номер счёта']);
    expect(register.header).toEqual(['Сумма', 'Номер счёта']);
    expect(register.rows[0]).toEqual(['43500,50', ACCOUNT]);
    expect(register.problems).toEqual([
      'Петрова  Анна Мария Сергеевна (Таб. № 12): номер счёта «123» — не 20 цифр',
      'Ли (Таб. № 3): нет номера счёта',
    ]);
  });

  it('an empty month: no rows, total 0, nothing to fix', () => {
    expect(paymentRegister([], DEFAULT_REGISTER_COLUMNS)).toEqual({
      header: [...DEFAULT_REGISTER_COLUMNS],
      rows: [],
      total: 0,
      problems: [],
    });
  });
});

describe('registerCsv: as Russian Excel and 1С open it', () => {
  it('a BOM, «;» between fields, CRLF after every line', () => {
    expect(registerCsv(['ФИО', 'Сумма'], [['Иванов', '1,00']])).toBe('\ufeffФИО;Сумма\r\nИванов;1,00\r\n');
  });

  it('quotes a field holding «;», a quote or a line break, doubling the quotes', () => {
    const csv = registerCsv(['a'], [['x;y'], ['say "hi"'], ['two\nlines'], ['cr\rhere'], ['plain, comma']]);
    expect(csv).toBe('\ufeffa\r\n"x;y"\r\n"say ""hi"""\r\n"two\nlines"\r\n"cr\rhere"\r\nplain, comma\r\n');
  });
});
