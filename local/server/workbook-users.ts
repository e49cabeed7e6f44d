/**
 * The people the local page can act as: the workbook's owner (the director)
 * and everyone with an e-mail on the «Сотрудники» tab, found by header text.
 */
import type { CellValue, WorkbookModel } from '../runtime/model';
import { SHEETS } from '../../src/domain/workbook/schema';
import type { UserView } from './api-types';

function text(value: CellValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** The owner first, then the staff in sheet order; each e-mail once. */
export function workbookUsers(workbook: WorkbookModel): UserView[] {
  const users: UserView[] = [];
  const seen = new Set<string>();
  const add = (user: UserView): void => {
    const key = user.email.toLowerCase();
    if (!key || seen.has(key)) return;
    seen.add(key);
    users.push(user);
  };
  const staff = workbook.sheets.find((s) => s.name === SHEETS.staff);
  const found: UserView[] = [];
  if (staff) {
    // The header row is the first row that has an «Email» cell.
    const headerIndex = staff.rows.findIndex((row) => row?.some((cell) => text(cell?.value) === 'Email'));
    const header = headerIndex >= 0 ? (staff.rows[headerIndex] ?? []) : [];
    const column = (name: string): number => header.findIndex((cell) => text(cell?.value) === name);
    const email = column('Email');
    const name = column('ФИО');
    const position = column('Должность');
    if (email >= 0) {
      for (let r = headerIndex + 1; r < staff.rows.length; r++) {
        const row = staff.rows[r];
        const address = text(row?.[email]?.value);
        if (!address.includes('@')) continue;
        const user: UserView = { email: address, name: name >= 0 ? text(row?.[name]?.value) || address : address };
        const post = position >= 0 ? text(row?.[position]?.value) : '';
        if (post) user.position = post;
        found.push(user);
      }
    }
  }
  const owner = found.find((u) => u.email.toLowerCase() === workbook.owner.toLowerCase());
  add(owner ?? { email: workbook.owner, name: workbook.owner, position: 'Владелец таблицы' });
  for (const user of found) add(user);
  return users;
}
