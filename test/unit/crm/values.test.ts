import {
  formatDateRu,
  innProblem,
  isBlankValue,
  isInnChecksumValid,
  isValidEmail,
  normalizePhone,
  parseAmountValue,
  parseDateValue,
  textOf,
} from '../../../src/domain/crm/values';

describe('ИНН checksum (control digits of the tax service)', () => {
  it('accepts real 10-digit and 12-digit ИНН', () => {
    expect(isInnChecksumValid('7707083893')).toBe(true);
    expect(isInnChecksumValid('7736207543')).toBe(true);
    expect(isInnChecksumValid('500100732259')).toBe(true);
  });

  it('rejects a single changed digit in either control position', () => {
    expect(isInnChecksumValid('7707083894')).toBe(false);
    expect(isInnChecksumValid('500100732258')).toBe(false);
    expect(isInnChecksumValid('500100732269')).toBe(false);
  });

  it('asks for 10 digits for Юрлицо and 12 for ИП and Физлицо, naming the count', () => {
    expect(innProblem('7707083893', 'Юрлицо')).toBeNull();
    expect(innProblem('500100732259', 'ИП')).toBeNull();
    expect(innProblem('500100732259', 'Физлицо')).toBeNull();
    expect(innProblem('500100732259', 'Юрлицо')).toMatch(/10 цифр.*12/);
    expect(innProblem('7707083893', 'ИП')).toMatch(/12 цифр.*10/);
    expect(innProblem('77070-83893', 'Юрлицо')).toMatch(/только из цифр/);
    expect(innProblem('', 'Юрлицо')).toMatch(/не заполнен/);
    expect(innProblem('7707083894', 'Юрлицо')).toMatch(/контрольных цифр/);
  });

  it('reads an ИНН that Sheets turned into a number, restoring its leading zero', () => {
    // 0274062111 is Башкирия's valid organisation ИНН; as a number it lost the 0
    expect(isInnChecksumValid('0274062111')).toBe(true);
    expect(innProblem(274062111, 'Юрлицо')).toBeNull();
  });
});

describe('Russian phone normalisation to +7XXXXXXXXXX', () => {
  it.each([
    ['8 (912) 345-67-89', '+79123456789'],
    ['+7 912 345 67 89', '+79123456789'],
    ['7-912-345-67-89', '+79123456789'],
    ['9123456789', '+79123456789'],
    ['8 (495) 123-45-67', '+74951234567'],
    [89123456789, '+79123456789'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['+1 212 555 0100', '12345', '+8 912 345 67 89', '8 (112) 345-67-89', 'позвонить', '', '+7 912 345 67 89 0'])(
    'rejects %p',
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );
});

describe('e-mail, dates and amounts', () => {
  it('accepts ordinary addresses and rejects broken ones', () => {
    expect(isValidEmail('ivanov@firma.ru')).toBe(true);
    expect(isValidEmail(' a.b-c@mail.co.uk ')).toBe(true);
    for (const bad of ['ivanov@', 'ivanov firma.ru', 'a@b', 'a@@b.ru', 'a..b@c.ru', 'a@b.r']) {
      expect(isValidEmail(bad)).toBe(false);
    }
  });

  it('reads real dates only', () => {
    expect(parseDateValue('28.02.2026')).toEqual(new Date(2026, 1, 28));
    expect(parseDateValue('2026-03-01')).toEqual(new Date(2026, 2, 1));
    expect(parseDateValue('31.02.2026')).toBeNull();
    expect(parseDateValue('завтра')).toBeNull();
    expect(parseDateValue(new Date('invalid'))).toBeNull();
    const d = new Date(2026, 0, 5);
    expect(parseDateValue(d)).toBe(d);
  });

  it('reads non-negative amounts, with Russian separators', () => {
    expect(parseAmountValue(1500)).toBe(1500);
    expect(parseAmountValue('1 234,50')).toBe(1234.5);
    expect(parseAmountValue(0)).toBe(0);
    expect(parseAmountValue(-1)).toBeNull();
    expect(parseAmountValue('-5')).toBeNull();
    expect(parseAmountValue('много')).toBeNull();
    expect(parseAmountValue('')).toBeNull();
  });
});

describe('cell values at their edges', () => {
  it('treats only empty cells and spaces as blank, and writes dates as dd.mm.yyyy', () => {
    for (const blank of [null, undefined, '', '   ']) expect(isBlankValue(blank)).toBe(true);
    for (const filled of [0, false, 'a', ' a ']) expect(isBlankValue(filled)).toBe(false);
    expect(textOf(new Date(2026, 0, 5))).toBe('05.01.2026');
    expect(formatDateRu(new Date(2026, 11, 31))).toBe('31.12.2026');
    expect(textOf('  ООО Тепло ')).toBe('ООО Тепло');
    expect(textOf(0)).toBe('0');
    expect(textOf(false)).toBe('false');
    expect(textOf(undefined)).toBe('');
  });

  it('reads dates typed short, with spaces, or as ISO, and nothing around them', () => {
    expect(parseDateValue('5.3.2026')).toEqual(new Date(2026, 2, 5));
    expect(parseDateValue(' 05.03.2026 ')).toEqual(new Date(2026, 2, 5));
    expect(parseDateValue('2026-12-31')).toEqual(new Date(2026, 11, 31));
    for (const bad of [
      '2026-3-01',
      '05.03.26',
      'x05.03.2026',
      '05.03.2026x',
      '2026-02-30',
      '2026-13-01',
      '00.01.2026',
      '05.13.2026',
      'x2026-03-01',
      '2026-03-01x',
    ]) {
      expect(parseDateValue(bad)).toBeNull();
    }
    expect(parseDateValue(45000)).toBeNull();
    expect(parseDateValue(null)).toBeNull();
  });

  it('reads amounts with non-breaking spaces and a decimal point, refusing anything else', () => {
    expect(parseAmountValue('1\u00a0000')).toBe(1000);
    expect(parseAmountValue(' 12.5 ')).toBe(12.5);
    expect(parseAmountValue('0,05')).toBe(0.05);
    for (const bad of ['1,2,3', '5.', '.5', '1e3', '12р', 'р12', Number.NaN, Number.POSITIVE_INFINITY, true, null]) {
      expect(parseAmountValue(bad)).toBeNull();
    }
  });

  it('says exactly what is wrong with an ИНН', () => {
    expect(innProblem(' ', 'Юрлицо')).toBe('ИНН не заполнен');
    expect(innProblem('77070-83893', 'Юрлицо')).toBe('ИНН «77070-83893» должен состоять только из цифр');
    expect(innProblem('500100732259', 'Юрлицо')).toBe(
      'ИНН для типа «Юрлицо» должен содержать 10 цифр, а в «500100732259» их 12',
    );
    expect(innProblem('7707083893', 'Физлицо')).toBe(
      'ИНН для типа «Физлицо» должен содержать 12 цифр, а в «7707083893» их 10',
    );
    expect(innProblem('12345678901', '')).toBe('ИНН должен содержать 10 или 12 цифр, а в «12345678901» их 11');
    expect(innProblem('7707083894', '')).toBe(
      'ИНН «7707083894» не проходит проверку контрольных цифр — проверьте, нет ли опечатки',
    );
    // typed text keeps its digits: only a number cell loses a leading zero
    expect(innProblem('274062111', 'Юрлицо')).toBe(
      'ИНН для типа «Юрлицо» должен содержать 10 цифр, а в «274062111» их 9',
    );
    expect(innProblem(10100000018, 'ИП')).toBeNull();
    expect(innProblem(274062111, '')).toBeNull();
    expect(innProblem(7707083893, 'Юрлицо')).toBeNull();
    expect(innProblem('7707 083 893', 'Юрлицо')).toBeNull();
    expect(innProblem('500100732259', '')).toBeNull();
  });

  it('checks the ИНН form before its digits', () => {
    for (const bad of ['12345678901', '1234567890123', '770708389', 'abcdefghij', ' 7707083893', '7707083893 ']) {
      expect(isInnChecksumValid(bad)).toBe(false);
    }
  });

  it('reads more ways of writing a Russian number', () => {
    expect(normalizePhone('+7 (912) 345.67.89')).toBe('+79123456789');
    expect(normalizePhone('(912) 345-67-89')).toBe('+79123456789');
    expect(normalizePhone('79123456789')).toBe('+79123456789');
    expect(normalizePhone('3412123456')).toBe('+73412123456');
    expect(normalizePhone('8 (800) 555-35-35')).toBe('+78005553535');
    expect(normalizePhone(9123456789)).toBe('+79123456789');
    for (const bad of [
      '+9123456789',
      '5123456789',
      '8 (512) 345-67-89',
      'тел. 89123456789',
      '8912345678x',
      null,
      '  ',
    ]) {
      expect(normalizePhone(bad)).toBeNull();
    }
  });

  it('refuses e-mails with quotes, brackets, commas, a trailing dot or a one-letter zone', () => {
    expect(isValidEmail('A@B.RU')).toBe(true);
    for (const bad of [
      'a"b@c.ru',
      '<a@b.ru>',
      'a,b@c.ru',
      'a@b.ru.',
      'a@b..ru',
      'a;b@c.ru',
      'a(b)@c.ru',
      'a:b@c.ru',
      'a@b.c',
      '@b.ru',
      'a@.ru',
      5,
    ]) {
      expect(isValidEmail(bad)).toBe(false);
    }
  });
});

describe('what a careless check would let through', () => {
  it('refuses a year before 100, which a Date would read as 19xx, and a month outside the year', () => {
    expect(parseDateValue('01.01.0050')).toBeNull();
    expect(parseDateValue('0050-01-01')).toBeNull();
    expect(parseDateValue('01.13.2026')).toBeNull();
    expect(parseDateValue('01.00.2026')).toBeNull();
    expect(parseDateValue('01.01.1000')).toEqual(new Date(1000, 0, 1));
  });

  it('checks an ИНН whole: nothing before or after the digits, even when the digits would pass', () => {
    // the first twelve digits are the valid 500100732259
    expect(isInnChecksumValid('5001007322590')).toBe(false);
    // read with spaces as zeros, these would pass as 500100730004, 001234567887 and 051234567871
    expect(isInnChecksumValid('5001007300 4')).toBe(false);
    expect(isInnChecksumValid('  1234567887')).toBe(false);
    expect(isInnChecksumValid(' 512345678710')).toBe(false);
    expect(isInnChecksumValid('001234567887')).toBe(true);
  });

  it('refuses a 12-digit ИНН whose first control digit is wrong though the second agrees', () => {
    // 500100732259 has first control digit 5; with 6 there, the second control digit over the first eleven is 6
    expect(isInnChecksumValid('500100732266')).toBe(false);
    expect(innProblem('500100732266', 'ИП')).toBe(
      'ИНН «500100732266» не проходит проверку контрольных цифр — проверьте, нет ли опечатки',
    );
  });

  it('refuses eleven digits without a leading 7 or 8, and nine digits', () => {
    expect(normalizePhone('5 (912) 345-67-89')).toBeNull();
    expect(normalizePhone('912 345 67 8')).toBeNull();
    expect(normalizePhone('9123456789 0')).toBeNull();
    expect(normalizePhone(new Date(2026, 0, 5))).toBeNull();
  });
});
