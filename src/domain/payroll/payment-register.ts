/**
 * The payment register of a month: who gets how much to which account, for
 * the bank's salary project or the accountant's 1С import. Its rows are the
 * ведомость's computed rows and its total is the ведомость's «К выплате»; its
 * columns and their order are a setting, since each bank and each 1С
 * configuration reads its own layout.
 */
import { DomainError, type Kopecks } from '../money';

export const REGISTER_COLUMNS_PARAM = 'Реестр на выплату: столбцы';

/** The columns a register can have. */
export const REGISTER_COLUMNS = [
  '№ п/п',
  'Таб. №',
  'ФИО',
  'Фамилия',
  'Имя',
  'Отчество',
  'Номер счёта',
  'Сумма',
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

export const DEFAULT_REGISTER_COLUMNS: readonly RegisterColumn[] = ['№ п/п', 'ФИО', 'Таб. №', 'Номер счёта', 'Сумма'];

/** «ФИО; Номер счёта; Сумма» → the columns; an unknown or repeated name is an error naming the allowed ones. */
export function parseRegisterColumns(text: string, row = REGISTER_COLUMNS_PARAM): RegisterColumn[] {
  const names = text
    .split(/[;,]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const out: RegisterColumn[] = [];
  for (const name of names) {
    const known = REGISTER_COLUMNS.find(
      (c) => c.toLowerCase() === name.toLowerCase().replace('ё', 'е').replace('счет', 'счёт'),
    );
    if (!known) throw new DomainError(`${row}: нет столбца «${name}». Возможные: ${REGISTER_COLUMNS.join('; ')}`);
    if (out.includes(known)) throw new DomainError(`${row}: столбец «${known}» указан дважды`);
    out.push(known);
  }
  if (!out.includes('Сумма')) throw new DomainError(`${row}: в реестре нужен столбец «Сумма»`);
  if (!out.includes('Номер счёта')) throw new DomainError(`${row}: в реестре нужен столбец «Номер счёта»`);
  return out;
}

/** A bank account number of a person in Russia: 20 digits (spaces allowed when typed). */
export function accountProblem(account: string): string | null {
  const digits = account.replace(/\s/g, '');
  if (digits === '') return 'нет номера счёта';
  if (!/^\d{20}$/.test(digits)) return `номер счёта «${account}» — не 20 цифр`;
  return null;
}

export interface RegisterEntry {
  tabNo: string;
  name: string;
  account: string;
  toPay: Kopecks;
}

/** «12345,67»: an amount as 1С and Russian Excel read it, without grouping. */
export function registerAmount(kopecks: Kopecks): string {
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** The register's rows (text cells, the amount as `registerAmount`), its total and the rows to fix. */
export function paymentRegister(
  entries: readonly RegisterEntry[],
  columns: readonly RegisterColumn[],
): { header: string[]; rows: string[][]; total: Kopecks; problems: string[] } {
  const problems: string[] = [];
  const rows = entries.map((e, i) => {
    const account = e.account.replace(/\s/g, '');
    const problem = accountProblem(e.account);
    if (problem) problems.push(`${e.name} (Таб. № ${e.tabNo}): ${problem}`);
    // Stryker disable next-line StringLiteral: split always gives a first element, so that default is never used
    const [last = '', first = '', ...middle] = e.name.split(/\s+/);
    const cell: Record<RegisterColumn, string> = {
      '№ п/п': String(i + 1),
      'Таб. №': e.tabNo,
      ФИО: e.name,
      Фамилия: last,
      Имя: first,
      Отчество: middle.join(' '),
      'Номер счёта': account,
      Сумма: registerAmount(e.toPay),
    };
    return columns.map((c) => cell[c]);
  });
  return { header: [...columns], rows, total: entries.reduce((sum, e) => sum + e.toPay, 0), problems };
}

/** A CSV as Russian Excel and 1С open it: «;» between fields, quotes where needed, CRLF, UTF-8 with a BOM. */
export function registerCsv(header: readonly string[], rows: readonly string[][]): string {
  const field = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return '\ufeff' + [header, ...rows].map((r) => r.map(field).join(';')).join('\r\n') + '\r\n';
}
