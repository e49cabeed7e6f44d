/**
 * Small workbooks for the printing, category report and dashboard tests, built
 * directly as the local runtime's model, the rest from test/helpers/workbook.ts.
 */
import { emptyWorkbook, type WorkbookModel } from '../../local/runtime/model';
import { DIRECTOR, IVANOV, PETROVA } from '../helpers/workbook';

export function workbook(): WorkbookModel {
  const wb = emptyWorkbook('Печать', DIRECTOR);
  wb.editors = [IVANOV, PETROVA];
  return wb;
}
