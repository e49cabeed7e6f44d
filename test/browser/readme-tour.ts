/**
 * The README's first screen as data: its five-step tour, the table of who is
 * who in the demo, and the facts it states (address, the demo's «today», the
 * month to compute). The tour test reads every name, row, value and menu item
 * from here, so the README cannot say what the product does not do.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const README_PATH = path.resolve(__dirname, '..', '..', 'README.md');

export function readme(): string {
  return readFileSync(README_PATH, 'utf8');
}

/** The text of a `##`/`###` section up to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^#{2,3} /.test(l) && l.replace(/^#+ /, '').trim() === heading);
  if (start < 0) throw new Error(`README has no section «${heading}»`);
  const level = /^#+/.exec(lines[start])![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The first screen: the top of the README up to the section after «Первые десять минут». */
export function firstScreen(markdown: string): string {
  const lines = markdown.split('\n');
  const tour = lines.findIndex((l) => l === '## Первые десять минут');
  if (tour < 0) throw new Error('README has no section «Первые десять минут»');
  const next = lines.findIndex((l, i) => i > tour && /^## /.test(l));
  return lines.slice(0, next < 0 ? undefined : next).join('\n');
}

/** The numbered steps of the tour, each as one line of text (wrapped lines joined). */
export function tourSteps(markdown: string): string[] {
  const text = section(markdown, 'Пять шагов');
  const steps: string[] = [];
  for (const line of text.split('\n')) {
    const item = /^(\d+)\. (.*)$/.exec(line);
    if (item) steps.push(item[2]);
    else if (/^\s+\S/.test(line) && steps.length > 0) steps[steps.length - 1] += ' ' + line.trim();
    else if (line.trim() !== '' && steps.length > 0) break;
  }
  return steps.map((s) => s.replace(/\s+/g, ' ').trim());
}

/** The rows of the first Markdown table after `marker`, as records by header. */
export function tableAfter(markdown: string, marker: string): Array<Record<string, string>> {
  const lines = markdown.slice(markdown.indexOf(marker)).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  }
  const [header, , ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** The first capture of `re` in a step; a step that lacks it is a README that drifted. */
export function must(step: string, re: RegExp, what: string): string {
  const m = re.exec(step);
  if (!m) throw new Error(`the README step does not say ${what}: «${step}»`);
  return m[1];
}

/** Menu paths written as **Меню → Пункт**, in order. */
export function menuPaths(step: string): Array<{ menu: string; item: string }> {
  return [...step.matchAll(/\*\*([^*→]+?) → ([^*]+?)\*\*/g)].map((m) => ({ menu: m[1].trim(), item: m[2].trim() }));
}

/** «Поле» — «значение» pairs, in order. */
export function fieldValues(step: string): Array<[string, string]> {
  return [...step.matchAll(/«([^«»]+)» — «([^«»]+)»/g)].map((m) => [m[1], m[2]]);
}
