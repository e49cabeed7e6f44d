import {
  innProblem,
  isInnChecksumValid,
  isValidEmail,
  normalizePhone,
  parseAmountValue,
  parseDateValue,
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
