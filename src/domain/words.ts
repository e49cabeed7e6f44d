/**
 * A ruble amount in words as Russian payment documents write it:
 * «Двенадцать тысяч рублей 00 копеек», «Одна тысяча двадцать один рубль 05 копеек».
 * Thousands are feminine (одна, две тысячи), rubles masculine; kopecks stay as two
 * digits with the word agreeing with them. The first letter is a capital.
 *
 * Written here rather than taken from the `rubles` package: that package prints
 * nothing for zero and has no capital letter, and being ESM-only it cannot be
 * loaded by the unit tests; the tests compare this text with two libraries.
 */
import { DomainError, type Kopecks } from './money';

const UNITS_MASCULINE = [
  // Stryker disable next-line StringLiteral: index 0 is never read (a zero digit gives no word)
  '',
  'один',
  'два',
  'три',
  'четыре',
  'пять',
  'шесть',
  'семь',
  'восемь',
  'девять',
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const TENS = [
  // Stryker disable next-line StringLiteral: index 0 is never read (a zero digit gives no word)
  '',
  // Stryker disable next-line StringLiteral: index 1 is never read (10–19 are single words of UNITS_MASCULINE)
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
];
const HUNDREDS = [
  // Stryker disable next-line StringLiteral: index 0 is never read (a zero digit gives no word)
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
];

type Forms = readonly [one: string, few: string, many: string];

const RUBLE: Forms = ['рубль', 'рубля', 'рублей'];
const KOPECK: Forms = ['копейка', 'копейки', 'копеек'];
/** Scales above rubles, with the gender of each noun. */
const SCALES: Array<{ forms: Forms; feminine: boolean }> = [
  { forms: ['тысяча', 'тысячи', 'тысяч'], feminine: true },
  { forms: ['миллион', 'миллиона', 'миллионов'], feminine: false },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], feminine: false },
  { forms: ['триллион', 'триллиона', 'триллионов'], feminine: false },
];

/** The noun form after a number: 1 рубль, 2 рубля, 5 рублей, 11 рублей, 21 рубль. */
export function pluralForm(n: number, forms: Forms): string {
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

/** Words for 1–999; feminine for тысяча (одна, две). */
function triadWords(n: number, feminine: boolean): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds) words.push(HUNDREDS[hundreds]);
  if (rest >= 20) {
    words.push(TENS[Math.floor(rest / 10)]);
    if (rest % 10) words.push(unitWord(rest % 10, feminine));
  } else if (rest > 0) {
    words.push(unitWord(rest, feminine));
  }
  return words;
}

function unitWord(n: number, feminine: boolean): string {
  if (feminine && n === 1) return 'одна';
  if (feminine && n === 2) return 'две';
  return UNITS_MASCULINE[n];
}

/** The whole rubles in words with «рубль» in the right form: «двадцать один рубль», «ноль рублей». */
function rublesWords(rubles: number): string[] {
  if (rubles === 0) return ['ноль', RUBLE[2]];
  const words: string[] = [];
  const triads: number[] = [];
  for (let rest = rubles; rest > 0; rest = Math.floor(rest / 1000)) triads.push(rest % 1000);
  for (let i = triads.length - 1; i >= 1; i--) {
    const triad = triads[i];
    if (triad === 0) continue;
    const scale = SCALES[i - 1];
    words.push(...triadWords(triad, scale.feminine), pluralForm(triad, scale.forms));
  }
  words.push(...triadWords(triads[0] ?? 0, false), pluralForm(triads[0] ?? 0, RUBLE));
  return words;
}

const MAX_KOPECKS = Number.MAX_SAFE_INTEGER;

/** «Двенадцать тысяч рублей 00 копеек» for 1 200 000 kopecks. */
export function amountInWords(kopecks: Kopecks): string {
  if (!Number.isInteger(kopecks)) throw new DomainError('Сумма прописью: сумма должна быть в целых копейках');
  if (kopecks < 0) throw new DomainError('Сумма прописью: сумма не может быть отрицательной');
  if (kopecks > MAX_KOPECKS) throw new DomainError('Сумма прописью: сумма слишком велика');
  const rubles = Math.floor(kopecks / 100);
  const kop = kopecks % 100;
  const text = [...rublesWords(rubles), String(kop).padStart(2, '0'), pluralForm(kop, KOPECK)].join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
