/**
 * The local workbook store: a WorkbookModel saved as an ordinary .xlsx file
 * that opens in Excel and LibreOffice and imports into Google Sheets.
 *
 * Cells (values, formulas with their last results, formats, notes,
 * validations) and what Excel can show (frozen panes, hidden sheets and
 * columns, widths, sheet protection, defined names, print setup) are written
 * natively. What xlsx cannot hold exactly — Sheets protections with their
 * editors and descriptions, protected ranges, charts, document properties,
 * owner and editors, sheet ids, grid sizes, widths in pixels, validation
 * details — is kept as JSON in one very hidden sheet, META_SHEET, which
 * loadWorkbook strips back out of the sheet list. A file without that sheet
 * (made by Excel or exported from Sheets) still loads from its native parts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import type {
  CellModel,
  CellValue,
  DataValidationModel,
  MergeModel,
  NamedRangeModel,
  SheetModel,
  WorkbookModel,
} from '../runtime/model';
import { blockA1, cellA1, parseBlockA1, parseCellA1, quoteSheetName, splitSheetReference } from './a1';
import { instantToWallClock, wallClockToInstant } from './moscow-time';

/** The very hidden sheet that carries what xlsx cannot hold natively. */
export const META_SHEET = '__local_meta';
const META_VERSION = 1;
/** Excel limits a cell to 32 767 characters; each JSON chunk stays well under it. */
const META_CHUNK = 30_000;
/** Excel's column width unit is about 7 pixels of the default font (Calibri 11). */
const PX_PER_CHAR = 7;
/** The format a date cell gets in the file when the model gives it none (Excel needs one to show a date). */
const IMPLIED_DATE_FORMAT = 'dd.mm.yyyy hh:mm:ss';

/** Per-cell facts that the native xlsx cell would otherwise lose or change. */
interface CellOverride {
  /** the value's type, when the file's number format would make it read back as the other one */
  kind?: 'number' | 'date';
  /** the model had no number format; the file got IMPLIED_DATE_FORMAT only so Excel shows a date */
  noFormat?: true;
  /** colours that are not plain '#rrggbb' in lower case */
  fontColor?: string;
  background?: string;
  /** an empty-text value ('' is not kept by xlsx) */
  emptyText?: true;
  /** an explicit normal weight (xlsx drops bold=false) */
  normalWeight?: true;
  /** the exact border lines (the file gets the nearest xlsx styles) */
  borders?: CellModel['borders'];
  /** a value an array formula spilled here: the file shows it, the model recomputes it on load */
  spilled?: true;
}

/** A sheet's settings as kept in the metadata sheet: everything of the model but its cells and merges. */
interface SheetMeta extends Omit<SheetModel, 'rows' | 'merges'> {
  /** validations as blocks of equal rules, so a validated 20 000-row column costs one entry */
  validations: Array<{ blocks: string[]; rule: DataValidationModel }>;
  cells: Record<string, CellOverride>;
}

interface StoreMeta {
  version: number;
  workbook: Omit<WorkbookModel, 'sheets'>;
  sheets: SheetMeta[];
}

// ---------------------------------------------------------------------------
// Save

/**
 * Saves the model as an .xlsx file. The file is written next to its target
 * under a temporary name and renamed over it, so a crash never leaves a
 * half-written workbook.
 */
export async function saveWorkbook(model: WorkbookModel, file: string): Promise<void> {
  const buffer = await workbookToBuffer(model);
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, buffer);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * The model as the bytes of an .xlsx file; `meta: false` leaves out the
 * store's own sheet (what the local runtime keeps for itself: properties,
 * triggers, protections), as a file Sheets downloads has none.
 */
export async function workbookToBuffer(model: WorkbookModel, options: { meta?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = model.owner;
  wb.lastModifiedBy = model.owner;
  wb.title = model.name;
  // Fixed dates keep the file's content a function of the model alone.
  wb.created = new Date(0);
  wb.modified = new Date(0);

  const meta: StoreMeta = {
    version: META_VERSION,
    workbook: {
      id: model.id,
      name: model.name,
      timeZone: model.timeZone,
      locale: model.locale,
      namedRanges: model.namedRanges,
      documentProperties: model.documentProperties,
      owner: model.owner,
      editors: model.editors,
      nextSheetId: model.nextSheetId,
      ...(model.triggers?.length ? { triggers: model.triggers } : {}),
      ...(model.demoToday ? { demoToday: model.demoToday } : {}),
      ...(model.demoClockAt ? { demoClockAt: model.demoClockAt } : {}),
      ...(model.drive?.length ? { drive: model.drive } : {}),
    },
    sheets: [],
  };

  for (const sheet of model.sheets) {
    if (sheet.name === META_SHEET) continue;
    meta.sheets.push(await writeSheet(wb, sheet, model.timeZone));
  }

  for (const nr of model.namedRanges) {
    if (!wb.getWorksheet(nr.sheetName)) continue;
    const ref = `${quoteSheetName(nr.sheetName)}!${absolute(blockA1(nr.row, nr.col, nr.numRows, nr.numCols))}`;
    wb.definedNames.add(ref, nr.name);
  }

  if (options.meta !== false) writeMeta(wb, meta);
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

function absolute(block: string): string {
  return block
    .split(':')
    .map((cell) => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'))
    .join(':');
}

async function writeSheet(wb: ExcelJS.Workbook, sheet: SheetModel, timeZone: string): Promise<SheetMeta> {
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.hidden ? 'hidden' : 'visible',
    properties: sheet.tabColor ? { tabColor: { argb: toArgb(sheet.tabColor) ?? 'FF000000' } } : {},
    views:
      sheet.frozenRows || sheet.frozenColumns
        ? [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows }]
        : [{ state: 'normal' }],
  });

  const meta: SheetMeta = {
    name: sheet.name,
    id: sheet.id,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    hidden: sheet.hidden,
    columnWidths: sheet.columnWidths,
    ...(sheet.rowHeights ? { rowHeights: sheet.rowHeights } : {}),
    hiddenColumns: sheet.hiddenColumns,
    protections: sheet.protections,
    tabColor: sheet.tabColor,
    charts: sheet.charts,
    print: sheet.print,
    validations: [],
    cells: {},
  };

  for (const [col, px] of Object.entries(sheet.columnWidths)) {
    ws.getColumn(Number(col) + 1).width = px / PX_PER_CHAR;
  }
  for (const col of sheet.hiddenColumns) ws.getColumn(col + 1).hidden = true;
  // xlsx row heights are in points
  for (const [row, px] of Object.entries(sheet.rowHeights ?? {})) ws.getRow(Number(row) + 1).height = px * 0.75;

  const rules = new Map<string, { rule: DataValidationModel; cells: Array<[number, number]> }>();

  sheet.rows.forEach((row, r) => {
    if (!row) return;
    row.forEach((cell, c) => {
      if (!cell) return;
      const override = writeCell(ws.getCell(r + 1, c + 1), cell, timeZone);
      if (override) meta.cells[cellA1(r, c)] = override;
      if (cell.validation) {
        const key = JSON.stringify(cell.validation);
        let entry = rules.get(key);
        if (!entry) rules.set(key, (entry = { rule: cell.validation, cells: [] }));
        entry.cells.push([r, c]);
      }
    });
  });
  for (const { rule, cells } of rules.values()) {
    meta.validations.push({ rule, blocks: columnRuns(cells) });
    const native = nativeValidation(rule);
    for (const [r, c] of cells) ws.getCell(r + 1, c + 1).dataValidation = native;
  }

  // merged blocks as Excel's own merges, so Excel, LibreOffice and a Sheets import show them
  // (each covered cell keeps its own format, as in the model)
  for (const m of sheet.merges ?? []) {
    ws.mergeCellsWithoutStyle(m.row + 1, m.col + 1, m.row + m.numRows, m.col + m.numCols);
  }

  await writeProtection(ws, sheet);
  writePrint(ws, sheet);
  return meta;
}

/** Cells grouped into vertical runs of one column: 'E2:E401'. */
function columnRuns(cells: Array<[number, number]>): string[] {
  const sorted = [...cells].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const out: string[] = [];
  let start = sorted[0];
  let prev = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    const cur = sorted[i];
    if (cur && cur[1] === prev[1] && cur[0] === prev[0] + 1) {
      prev = cur;
      continue;
    }
    out.push(blockA1(start[0], start[1], prev[0] - start[0] + 1, 1));
    start = cur;
    prev = cur;
  }
  return out;
}

function writeCell(target: ExcelJS.Cell, cell: CellModel, timeZone: string): CellOverride | null {
  const override: CellOverride = {};
  const value = cell.value;
  const isDateFormat = cell.numberFormat !== undefined && isDateFmt(cell.numberFormat);

  let stored: ExcelJS.CellValue = null;
  if (value instanceof Date) {
    stored = instantToWallClock(value, timeZone);
    if (cell.numberFormat === undefined) override.noFormat = true;
    else if (!isDateFormat) override.kind = 'date';
  } else if (typeof value === 'number') {
    stored = value;
    if (isDateFormat) override.kind = 'number';
  } else if (value === '') {
    if (!cell.formula) override.emptyText = true;
  } else {
    stored = value;
  }

  if (cell.formula) {
    const formula = cell.formula.startsWith('=') ? cell.formula.slice(1) : cell.formula;
    target.value = stored === null ? ({ formula } as ExcelJS.CellFormulaValue) : { formula, result: stored as never };
  } else {
    target.value = stored;
  }

  const numFmt = cell.numberFormat ?? (value instanceof Date ? IMPLIED_DATE_FORMAT : undefined);
  if (numFmt !== undefined) target.numFmt = numFmt;

  const font: Partial<ExcelJS.Font> = {};
  if (cell.fontWeight === 'bold') font.bold = true;
  if (cell.fontWeight === 'normal') override.normalWeight = true;
  if (cell.fontSize !== undefined) font.size = cell.fontSize;
  if (cell.fontColor !== undefined) {
    const argb = toArgb(cell.fontColor);
    if (argb) font.color = { argb };
    if (fromArgb(argb) !== cell.fontColor) override.fontColor = cell.fontColor;
  }
  if (Object.keys(font).length) target.font = font;

  if (cell.background !== undefined) {
    const argb = toArgb(cell.background);
    if (argb) target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
    if (fromArgb(argb) !== cell.background) override.background = cell.background;
  }

  const alignment: Partial<ExcelJS.Alignment> = {};
  if (cell.horizontalAlignment) alignment.horizontal = cell.horizontalAlignment;
  if (cell.wrap !== undefined) alignment.wrapText = cell.wrap;
  if (cell.verticalAlignment) alignment.vertical = cell.verticalAlignment;
  if (Object.keys(alignment).length) target.alignment = alignment;

  if (cell.borders) {
    override.borders = cell.borders;
    const xlsxStyle: Record<string, ExcelJS.BorderStyle> = {
      solid: 'thin',
      solid_medium: 'medium',
      solid_thick: 'thick',
      dashed: 'dashed',
      dotted: 'dotted',
      double: 'double',
    };
    const border: Partial<ExcelJS.Borders> = {};
    for (const side of ['top', 'bottom', 'left', 'right'] as const) {
      const line = cell.borders[side];
      if (line)
        border[side] = { style: xlsxStyle[line.style] ?? 'thin', color: { argb: toArgb(line.color) ?? 'FF000000' } };
    }
    target.border = border;
  }

  if (cell.note !== undefined) target.note = cell.note;
  if (cell.spilled) override.spilled = true;

  return Object.keys(override).length ? override : null;
}

/** The closest xlsx data validation to a Sheets rule (the exact rule is kept in the metadata). */
function nativeValidation(rule: DataValidationModel): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: rule.allowInvalid ? 'warning' : 'stop',
    error: rule.helpText ?? 'Недопустимое значение',
    showInputMessage: rule.helpText !== undefined,
    prompt: rule.helpText,
  } as const;
  switch (rule.kind) {
    case 'list': {
      const text = (rule.values ?? []).map((v) => v.replace(/"/g, '""')).join(',');
      // Excel caps an inline list at 255 characters and splits on commas; such lists stay unchecked in Excel.
      if (text.length > 255 || (rule.values ?? []).some((v) => v.includes(','))) {
        return { ...common, type: 'any' } as unknown as ExcelJS.DataValidation;
      }
      return { ...common, type: 'list', formulae: [`"${text}"`] };
    }
    case 'range': {
      const ref = rule.rangeA1 ? splitSheetReference(rule.rangeA1) : null;
      const formula = ref ? `${quoteSheetName(ref.sheet)}!${absolute(ref.block)}` : (rule.rangeA1 ?? '');
      return { ...common, type: 'list', formulae: [formula] };
    }
    case 'checkbox':
      return { ...common, type: 'list', formulae: ['"TRUE,FALSE"'] };
    case 'date':
      return { ...common, type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1900, 0, 1))] };
    case 'number':
      return { ...common, type: 'decimal', operator: 'between', formulae: [-1e15, 1e15] };
  }
}

async function writeProtection(ws: ExcelJS.Worksheet, sheet: SheetModel): Promise<void> {
  // Only a blocking whole-sheet protection maps onto xlsx; warnings and ranges live in the metadata.
  const p = sheet.protections.find((x) => x.type === 'sheet' && !x.warningOnly);
  if (!p) return;
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  const lastRow = Math.max(sheet.rows.length, 1);
  for (const block of p.unprotected ?? []) {
    const rows = Math.min(block.numRows, Math.max(lastRow - block.row, 0));
    for (let r = block.row; r < block.row + rows; r++) {
      for (let c = block.col; c < block.col + block.numCols; c++) {
        ws.getCell(r + 1, c + 1).protection = { locked: false };
      }
    }
  }
}

function writePrint(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  const p = sheet.print;
  if (!p) return;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: p.landscape ? 'landscape' : 'portrait',
    fitToPage: p.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    showGridLines: p.gridlines,
    printTitlesRow: p.repeatRows > 0 ? `1:${p.repeatRows}` : undefined,
  };
}

function writeMeta(wb: ExcelJS.Workbook, meta: StoreMeta): void {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const json = JSON.stringify(meta);
  ws.getCell(1, 1).value = 'Служебные данные локального хранилища; не изменять.';
  // Each chunk is itself a JSON string, so no cell starts or ends with bare spaces.
  for (let i = 0, r = 2; i < json.length; i += META_CHUNK, r++) {
    ws.getCell(r, 1).value = JSON.stringify(json.slice(i, i + META_CHUNK));
  }
}

// ---------------------------------------------------------------------------
// Load

/** Loads an .xlsx file (saved by saveWorkbook, or any xlsx) into a model. */
export async function loadWorkbook(file: string): Promise<WorkbookModel> {
  return workbookFromBuffer(fs.readFileSync(file), path.basename(file).replace(/\.xlsx$/i, ''));
}

/** The model of an .xlsx file's bytes; fallbackName names a workbook that carries no metadata. */
export async function workbookFromBuffer(data: Buffer, fallbackName = 'Книга'): Promise<WorkbookModel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const meta = readMeta(wb);
  const timeZone = meta?.workbook.timeZone ?? 'Europe/Moscow';

  const sheets: SheetModel[] = [];
  let nextId = 1;
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET) continue;
    const sheetMeta = meta?.sheets.find((s) => s.name === ws.name);
    const sheet = readSheet(ws, sheetMeta, timeZone, nextId);
    nextId = Math.max(nextId, sheet.id + 1);
    sheets.push(sheet);
  }

  if (meta) {
    // installable triggers are kept with the file; a one-off trigger's moment comes back as a Date
    const triggers = meta.workbook.triggers?.map((t) => (t.at ? { ...t, at: new Date(t.at) } : t));
    return {
      ...meta.workbook,
      ...(triggers ? { triggers } : {}),
      sheets,
      nextSheetId: Math.max(meta.workbook.nextSheetId, nextId),
    };
  }
  return {
    id: 'local-' + fallbackName.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase(),
    name: wb.title || fallbackName,
    timeZone,
    locale: 'ru_RU',
    sheets,
    namedRanges: readDefinedNames(wb),
    documentProperties: {},
    owner: wb.creator ?? '',
    editors: [],
    nextSheetId: nextId,
  };
}

function readMeta(wb: ExcelJS.Workbook): StoreMeta | null {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) return null;
  let json = '';
  for (let r = 2; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 1).value;
    if (typeof v !== 'string') break;
    json += JSON.parse(v) as string;
  }
  const meta = JSON.parse(json) as StoreMeta;
  if (meta.version !== META_VERSION) throw new Error(`unknown workbook metadata version ${meta.version}`);
  return meta;
}

function readDefinedNames(wb: ExcelJS.Workbook): NamedRangeModel[] {
  const out: NamedRangeModel[] = [];
  const model = wb.definedNames.model as Array<{ name: string; ranges: string[] }>;
  for (const { name, ranges } of model) {
    if (name.startsWith('_xlnm.') || ranges.length !== 1) continue;
    const ref = splitSheetReference(ranges[0]);
    if (!ref) continue;
    out.push({ name, sheetName: ref.sheet, ...parseBlockA1(ref.block) });
  }
  return out;
}

function readSheet(
  ws: ExcelJS.Worksheet,
  meta: SheetMeta | undefined,
  timeZone: string,
  fallbackId: number,
): SheetModel {
  const rows: SheetModel['rows'] = [];
  const overrides = meta?.cells ?? {};

  // Empty cells are visited too: a cell may hold only a format or a note.
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const a1 = cellA1(rowNumber - 1, colNumber - 1);
      const model = coveredToEmpty(cell, readCell(cell, overrides[a1], timeZone));
      if (!model) return;
      const r = rowNumber - 1;
      (rows[r] ??= [])[colNumber - 1] = model;
    });
  });
  // Cells kept only in the metadata (empty text) have no native cell to visit.
  for (const [a1, o] of Object.entries(overrides)) {
    if (!o.emptyText) continue;
    const { row, col } = parseCellA1(a1);
    const existing = rows[row]?.[col];
    if (existing) existing.value = '';
    else (rows[row] ??= [])[col] = { value: '' };
  }

  if (meta) {
    for (const { blocks, rule } of meta.validations) {
      for (const block of blocks) {
        const b = parseBlockA1(block);
        for (let r = b.row; r < b.row + b.numRows; r++) {
          for (let c = b.col; c < b.col + b.numCols; c++) {
            const row = (rows[r] ??= []);
            const cell = (row[c] ??= { value: null });
            cell.validation = rule;
          }
        }
      }
    }
    return {
      id: meta.id,
      name: ws.name,
      rows,
      maxRows: meta.maxRows,
      maxColumns: meta.maxColumns,
      frozenRows: meta.frozenRows,
      frozenColumns: meta.frozenColumns,
      hidden: meta.hidden,
      columnWidths: meta.columnWidths,
      ...(meta.rowHeights !== undefined ? { rowHeights: meta.rowHeights } : {}),
      hiddenColumns: meta.hiddenColumns,
      protections: meta.protections,
      ...(meta.tabColor !== undefined ? { tabColor: meta.tabColor } : {}),
      charts: meta.charts,
      ...(meta.print !== undefined ? { print: meta.print } : {}),
      ...mergesOf(ws),
    };
  }
  return { ...nativeSheet(ws, rows, fallbackId), ...mergesOf(ws) };
}

/** A cell covered by a merge repeats its block's value in ExcelJS; the model keeps only its format. */
function coveredToEmpty(cell: ExcelJS.Cell, model: CellModel | null): CellModel | null {
  if (!model || cell.type !== ExcelJS.ValueType.Merge) return model;
  model.value = null;
  delete model.formula;
  delete model.error;
  const empty = Object.entries(model).every(([k, v]) => (k === 'value' ? v === null : v === undefined));
  return empty ? null : model;
}

/** The worksheet's merged blocks, 0-based; none when it has no merges. */
function mergesOf(ws: ExcelJS.Worksheet): { merges?: MergeModel[] } {
  const ranges = (ws.model as { merges?: string[] }).merges ?? [];
  return ranges.length > 0 ? { merges: ranges.map(parseBlockA1) } : {};
}

/** A sheet of a file that has no metadata: everything from the native xlsx parts. */
function nativeSheet(ws: ExcelJS.Worksheet, rows: SheetModel['rows'], id: number): SheetModel {
  const view = ws.views?.[0];
  const frozen = view && view.state === 'frozen';
  const columnWidths: Record<number, number> = {};
  const hiddenColumns: number[] = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const col = ws.getColumn(c);
    if (col.width) columnWidths[c - 1] = Math.round(col.width * PX_PER_CHAR);
    if (col.hidden) hiddenColumns.push(c - 1);
  }
  const validations = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
    .dataValidations.model;
  for (const [address, dv] of Object.entries(validations)) {
    const rule = dv?.type ? validationFromNative(dv) : undefined;
    if (!rule) continue;
    const { row, col } = parseCellA1(address);
    const cells = (rows[row] ??= []);
    (cells[col] ??= { value: null }).validation = rule;
  }
  const ps = ws.pageSetup;
  const titles = ps.printTitlesRow ? /^\$?(\d+):\$?(\d+)$/.exec(ps.printTitlesRow) : null;
  const sheet: SheetModel = {
    id,
    name: ws.name,
    rows,
    maxRows: Math.max(1000, rows.length),
    maxColumns: Math.max(26, ws.columnCount),
    frozenRows: frozen ? ((view as { ySplit?: number }).ySplit ?? 0) : 0,
    frozenColumns: frozen ? ((view as { xSplit?: number }).xSplit ?? 0) : 0,
    hidden: ws.state !== 'visible',
    columnWidths,
    hiddenColumns,
    protections: (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet
      ? [{ type: 'sheet', description: '', editors: [], warningOnly: false }]
      : [],
    charts: [],
  };
  const tab = ws.properties.tabColor as { argb?: string } | undefined;
  if (tab?.argb) sheet.tabColor = fromArgb(tab.argb);
  if (ps.orientation === 'landscape' || ps.fitToPage || titles) {
    sheet.print = {
      landscape: ps.orientation === 'landscape',
      fitToWidth: !!ps.fitToPage,
      gridlines: !!ps.showGridLines,
      repeatRows: titles ? Number(titles[2]) : 0,
    };
  }
  return sheet;
}

function validationFromNative(dv: ExcelJS.DataValidation): DataValidationModel | undefined {
  const allowInvalid = dv.errorStyle === 'warning' || dv.errorStyle === 'information' || dv.showErrorMessage === false;
  const extra = dv.prompt ? { helpText: dv.prompt } : {};
  if (dv.type === 'list') {
    const f = String(dv.formulae?.[0] ?? '');
    if (f.startsWith('"')) {
      const values = f.slice(1, -1).split(',');
      if (values.length === 2 && values[0] === 'TRUE' && values[1] === 'FALSE') {
        return { kind: 'checkbox', allowInvalid, ...extra };
      }
      return { kind: 'list', values, allowInvalid, showDropdown: true, ...extra };
    }
    const ref = splitSheetReference(f);
    return {
      kind: 'range',
      rangeA1: ref ? `${quoteSheetName(ref.sheet)}!${ref.block}` : f,
      allowInvalid,
      showDropdown: true,
      ...extra,
    };
  }
  if (dv.type === 'date') return { kind: 'date', allowInvalid, ...extra };
  if (dv.type === 'decimal' || dv.type === 'whole') return { kind: 'number', allowInvalid, ...extra };
  return undefined;
}

function readCell(cell: ExcelJS.Cell, override: CellOverride | undefined, timeZone: string): CellModel | null {
  const out: CellModel = { value: null };
  const raw = cell.value;
  let value: unknown = raw;
  if (raw !== null && typeof raw === 'object' && !(raw instanceof Date)) {
    if ('formula' in raw || 'sharedFormula' in raw) {
      out.formula = '=' + cell.formula;
      value = (raw as ExcelJS.CellFormulaValue).result ?? null;
    } else if ('richText' in raw) {
      value = raw.richText.map((t) => t.text).join('');
    } else if ('text' in raw && 'hyperlink' in raw) {
      const text = raw.text as string | { richText: Array<{ text: string }> };
      value = typeof text === 'string' ? text : text.richText.map((t) => t.text).join('');
    }
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    // a formula error such as { error: '#DIV/0!' }: Sheets reports it as its text
    value = 'error' in value ? String((value as { error: string }).error) : null;
  }
  if (value instanceof Date) {
    const instant = wallClockToInstant(value, timeZone);
    out.value = override?.kind === 'number' ? dateToSerial(value) : instant;
  } else if (typeof value === 'number' && override?.kind === 'date') {
    out.value = wallClockToInstant(serialToDate(value), timeZone);
  } else {
    out.value = (value ?? null) as CellValue;
  }

  const numFmt = cell.numFmt;
  if (numFmt && !override?.noFormat && numFmt !== 'General') out.numberFormat = numFmt;

  const font = cell.font;
  if (font?.bold) out.fontWeight = 'bold';
  else if (override?.normalWeight) out.fontWeight = 'normal';
  if (font?.size !== undefined && font.size !== 10 && font.size !== 11) out.fontSize = font.size;
  if (override?.borders) out.borders = override.borders;
  if (override?.spilled) out.spilled = true;
  if (override?.fontColor !== undefined) out.fontColor = override.fontColor;
  else if (font?.color?.argb) out.fontColor = fromArgb(font.color.argb);

  const fill = cell.fill;
  if (override?.background !== undefined) out.background = override.background;
  else if (fill && fill.type === 'pattern' && fill.pattern === 'solid' && fill.fgColor?.argb) {
    out.background = fromArgb(fill.fgColor.argb);
  }

  const al = cell.alignment;
  if (al?.horizontal === 'left' || al?.horizontal === 'center' || al?.horizontal === 'right') {
    out.horizontalAlignment = al.horizontal;
  }
  if (al?.wrapText !== undefined) out.wrap = al.wrapText;
  if (al?.vertical === 'top' || al?.vertical === 'middle') out.verticalAlignment = al.vertical;

  const note = cell.note as unknown;
  if (typeof note === 'string') out.note = note;
  else if (note && typeof note === 'object' && 'texts' in note) {
    out.note = (note as { texts: Array<{ text: string }> }).texts.map((t) => t.text).join('');
  }

  const empty =
    out.value === null && out.formula === undefined && Object.keys(out).length === 1 && !override?.emptyText;
  return empty ? null : out;
}

// ---------------------------------------------------------------------------
// Small conversions

function isDateFmt(fmt: string): boolean {
  // The rule exceljs applies when it reads a number cell: date parts outside quotes and brackets.
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function dateToSerial(wall: Date): number {
  return (wall.getTime() - EXCEL_EPOCH) / DAY_MS;
}

function serialToDate(serial: number): Date {
  return new Date(Math.round(EXCEL_EPOCH + serial * DAY_MS));
}

/** '#1a2b3c' or '#abc' → 'FF1A2B3C'; anything else → undefined. */
function toArgb(color: string): string | undefined {
  const m = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(color.trim());
  if (!m) return undefined;
  const hex = m[1].length === 3 ? [...m[1]].map((ch) => ch + ch).join('') : m[1];
  return 'FF' + hex.toUpperCase();
}

function fromArgb(argb: string | undefined): string | undefined {
  if (!argb) return undefined;
  return '#' + argb.slice(-6).toLowerCase();
}
