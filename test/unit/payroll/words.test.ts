import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import fc from 'fast-check';
import { convert } from 'number-to-words-ru';
import { DomainError } from '../../../src/domain/money';
import { amountInWords } from '../../../src/domain/words';

/** number-to-words-ru, an independent implementation, in its ruble mode. */
function reference(kopecks: number): string {
  return convert((kopecks / 100).toFixed(2), { currency: 'rub' });
}

describe('amount in words (domain 5)', () => {
  it.each([
    [1_200_000, 'Двенадцать тысяч рублей 00 копеек'],
    [0, 'Ноль рублей 00 копеек'],
    [7, 'Ноль рублей 07 копеек'],
    [101, 'Один рубль 01 копейка'],
    [2_202, 'Двадцать два рубля 02 копейки'],
    [100_000, 'Одна тысяча рублей 00 копеек'],
    [200_000, 'Две тысячи рублей 00 копеек'],
    [2_102_100, 'Двадцать одна тысяча двадцать один рубль 00 копеек'],
    [1_111_111, 'Одиннадцать тысяч сто одиннадцать рублей 11 копеек'],
    [500_000_000_00, 'Пятьсот миллионов рублей 00 копеек'],
    [
      123_456_789_12,
      'Сто двадцать три миллиона четыреста пятьдесят шесть тысяч семьсот восемьдесят девять рублей 12 копеек',
    ],
  ])('%i kopecks → «%s»', (kopecks, text) => {
    expect(amountInWords(kopecks)).toBe(text);
  });

  it('agrees with number-to-words-ru on many amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (kopecks) => {
        expect(amountInWords(kopecks)).toBe(reference(kopecks));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the `rubles` package (capitalised) on many amounts', () => {
    // from one ruble up (`rubles` omits «ноль рублей»); it is ESM-only, so it runs in a child Node process rather than in jest's module system
    const amounts = fc.sample(fc.integer({ min: 100, max: 99_999_999_999 }), { numRuns: 2000, seed: 42 });
    const script =
      "import { rubles } from 'rubles'; const a = JSON.parse(process.argv[1]);" +
      'console.log(JSON.stringify(a.map((k) => rubles((k / 100).toFixed(2)))));';
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(amounts)], {
      cwd: path.resolve(__dirname, '..', '..', '..'),
      encoding: 'utf8',
    });
    const texts = JSON.parse(out) as string[];
    amounts.forEach((k, i) => {
      const t = texts[i];
      expect(amountInWords(k)).toBe(t.charAt(0).toUpperCase() + t.slice(1));
    });
  });

  it('refuses negative and fractional kopecks', () => {
    expect(() => amountInWords(-1)).toThrow(new DomainError('Сумма прописью: сумма не может быть отрицательной'));
    expect(() => amountInWords(1.5)).toThrow(new DomainError('Сумма прописью: сумма должна быть в целых копейках'));
  });

  it('billions and trillions, up to the largest exact amount', () => {
    expect(amountInWords(1_000_000_000_00)).toBe('Один миллиард рублей 00 копеек');
    expect(amountInWords(2_000_000_001_21)).toBe('Два миллиарда один рубль 21 копейка');
    expect(amountInWords(5_000_000_000_000_00)).toBe('Пять триллионов рублей 00 копеек');
    expect(amountInWords(Number.MAX_SAFE_INTEGER)).toBe(
      'Девяносто триллионов семьдесят один миллиард девятьсот девяносто два миллиона пятьсот сорок семь тысяч ' +
        'четыреста девять рублей 91 копейка',
    );
    expect(() => amountInWords(Number.MAX_SAFE_INTEGER + 1)).toThrow(
      new DomainError('Сумма прописью: сумма слишком велика'),
    );
  });
});
