import * as fs from 'node:fs';
import { createPdfExporter } from '../../local/export/pdf-exporter';
import { bundleSession } from '../helpers/workbook';
import { computeMonth } from '../payroll/payroll-workbook';
import { paperWorkbook } from './paper-workbook';

for (const n of (process.argv[2] ?? '5').split(',').map(Number)) {
  const s = bundleSession(paperWorkbook(n), {
    exporter: createPdfExporter({ htmlDir: '/tmp/i13/html' }),
    now: () => new Date(2026, 3, 10),
  });
  computeMonth(s, '03.2026');
  for (const what of (process.argv[3] ?? 'Зарплата').split(',')) {
    if (what === 'Расчётные') {
      s.run('menuPayslips', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
      s.takeUiEvents();
    }
    const tab = what === 'Зарплата' ? 'Зарплата 03.2026' : 'Расчётные листки 03.2026';
    s.select(tab, 1, 1);
    s.run('menuPrintPdf', [], [{ button: 'OK', text: tab }]);
    let k = 0;
    for (const ev of s.takeUiEvents()) {
      if (ev.type !== 'download') continue;
      const f = s.file(ev.url.replace('/files/', ''))!;
      const out = `/tmp/i13/${what}-${n}${k++ ? '-params' : ''}.pdf`;
      fs.writeFileSync(out, f.bytes);
      console.log(out);
    }
  }
}
