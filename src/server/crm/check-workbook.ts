/**
 * «Проверить таблицу»: reads every CRM tab (one getValues each) and lists
 * each problem with its cell, in a dialog or for the sidebar.
 */
import { Table } from '../../adapter/table';
import { checkWorkbook, type Problem, type TableSnapshot } from '../../domain/crm/workbook-check';
import { COLUMNS, SHEETS } from '../../domain/workbook/schema';
import type { CrmContext } from './crm-context';

/** Every problem of the workbook, in sheet order. */
export function workbookProblems(ctx: CrmContext): Problem[] {
  const tables: Partial<Record<keyof typeof COLUMNS, TableSnapshot>> = {};
  for (const key of Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>) {
    if (key === 'stageHistory') continue;
    const sheet = ctx.ss.getSheetByName(SHEETS[key]);
    if (!sheet) continue;
    const table = Table.of(sheet);
    tables[key] = { headers: table.headers, rows: table.readAll() };
  }
  return checkWorkbook(tables, { maxDiscountPercent: ctx.settings.maxDiscountPercent });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The problems as a small HTML page for a dialog. */
export function problemsHtml(problems: readonly Problem[]): string {
  if (problems.length === 0) return '<p style="font-family:sans-serif">Ошибок не найдено.</p>';
  const rows = problems
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.sheet)}</td><td>${escapeHtml(p.a1)}</td><td>${escapeHtml(p.header)}</td><td>${escapeHtml(p.message)}</td></tr>`,
    )
    .join('');
  return (
    `<div style="font-family:sans-serif;font-size:13px"><p>Найдено проблем: ${problems.length}</p>` +
    `<table border="1" cellspacing="0" cellpadding="4"><tr><th>Лист</th><th>Ячейка</th><th>Столбец</th><th>Что исправить</th></tr>${rows}</table></div>`
  );
}
