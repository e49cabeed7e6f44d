import { emptySheet, emptyWorkbook } from '../runtime/model';
import type { LocalSession, UiEvent } from '../runtime/session';
import { startServer } from './server';
const wb = emptyWorkbook('Клиентская база', 'director@example.ru');
const s = emptySheet(1, 'Сделки');
s.frozenRows = 1;
s.columnWidths = { 1: 180 };
s.rows[0] = ['ID сделки', 'Клиент', 'Этап', 'Сумма договора, руб.', 'Премия'].map((v) => ({
  value: v,
  fontWeight: 'bold' as const,
  background: '#d9ead3',
}));
for (let r = 1; r < 20000; r++)
  s.rows[r] = [
    { value: 'С-' + String(r).padStart(5, '0') },
    { value: 'ООО Ромашка ' + r },
    { value: 'Новый', validation: { kind: 'list', values: ['Новый', 'Переговоры', 'Отказ'], allowInvalid: false } },
    { value: r * 1000.5, numberFormat: '#,##0.00' },
    { value: r * 40, formula: '=PLAN_BONUS(D' + (r + 1) + ', 100000)', note: r === 2 ? 'Примечание' : undefined },
  ];
s.maxRows = 20000;
const h = emptySheet(2, 'Скрытый');
h.hidden = true;
wb.sheets.push(s, emptySheet(3, 'Клиенты'), h);
let events: UiEvent[] = [];
const session: LocalSession = {
  workbook: wb,
  setUser() {},
  open: () => [
    {
      title: 'CRM',
      items: [
        { caption: 'Открыть панель', fn: 'showPanel' },
        { separator: true },
        { submenu: { title: 'Ещё', items: [{ caption: 'Тост', fn: 'toastMe' }] } },
      ],
    },
  ],
  run(fn) {
    events.push({ type: 'toast', message: 'ran ' + fn, title: 'Готово', timeoutSeconds: 5 });
    if (fn === 'showPanel')
      events.push({
        type: 'sidebar',
        title: 'Панель',
        width: 300,
        html: '<html><head></head><body><button onclick="google.script.run.withSuccessHandler(function(v){document.body.append(String(v))}).toastMe()">Go</button></body></html>',
      });
    return 42;
  },
  edit(req) {
    req.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const sh = wb.sheets.find((x) => x.name === req.sheet)!;
        (sh.rows[req.row - 1 + i] ??= [])[req.column - 1 + j] = { value: v };
      }),
    );
  },
  select() {},
  takeUiEvents() {
    const e = events;
    events = [];
    return e;
  },
  calls: () => ({}),
  resetCalls() {},
  recalculate() {},
};
void startServer({ session, port: 8099, save: () => undefined, webDir: '/tmp/devweb' }).then((s) => console.log(s.url));
