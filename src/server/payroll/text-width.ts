/**
 * How wide text prints in the ведомость's font, so its columns can be sized
 * from what they hold: Arial, as Sheets draws a cell by default, through the
 * advance widths of Liberation Sans (metric-compatible with Arial: every glyph
 * has Arial's width), in thousandths of the font size.
 */

/** The characters with a known width, in the order of the width tables below. */
const CHARS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяЁёҐ№«»–—…×÷ ₽°';
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584, 667, 656, 667, 542, 677, 667, 923, 604, 719, 719, 583, 656, 833, 722, 778, 719, 667, 722, 611, 635,
  760, 667, 740, 667, 917, 938, 792, 885, 656, 719, 1010, 722, 556, 573, 531, 365, 583, 556, 669, 458, 559, 559, 438,
  583, 688, 552, 556, 542, 556, 500, 458, 500, 823, 500, 573, 521, 802, 823, 625, 719, 521, 510, 750, 542, 667, 556,
  489, 1073, 556, 556, 556, 1000, 1000, 584, 549, 278, 365, 400,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
  556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
  280, 389, 584, 722, 719, 722, 567, 712, 667, 904, 626, 719, 719, 610, 702, 833, 722, 778, 719, 667, 722, 611, 622,
  854, 667, 730, 703, 1005, 1019, 870, 979, 719, 711, 1031, 719, 556, 618, 615, 417, 635, 556, 709, 497, 615, 615, 500,
  635, 740, 604, 611, 604, 611, 556, 490, 556, 875, 556, 615, 581, 833, 844, 729, 854, 615, 552, 854, 583, 669, 556,
  487, 1115, 556, 556, 556, 1000, 1000, 584, 549, 278, 365, 400,
];

/** A character not in the table: as wide as a digit. */
const FALLBACK = 556;

const regular = new Map<string, number>();
const bold = new Map<string, number>();
[...CHARS].forEach((ch, i) => {
  regular.set(ch, REGULAR[i]);
  bold.set(ch, BOLD[i]);
});
// the no-break space of Russian digit groups is as wide as a space; the minus sign as a plus
for (const table of [regular, bold]) {
  table.set('\u00a0', table.get(' ')!);
  table.set('\u2212', table.get('+')!);
}

/** CSS pixels per point. */
const PX_PER_POINT = 96 / 72;

/** The width in pixels of `text` on one line at `points` (Sheets' default 10 pt), bold or regular. */
export function textWidthPx(text: string, options: { bold?: boolean; points?: number } = {}): number {
  const table = options.bold ? bold : regular;
  let units = 0;
  for (const ch of text) units += table.get(ch) ?? FALLBACK;
  return (units / 1000) * (options.points ?? 10) * PX_PER_POINT;
}

/** The widest word of `text`: what a wrapped cell needs so that no word breaks. */
export function widestWordPx(text: string, options: { bold?: boolean; points?: number } = {}): number {
  return Math.max(0, ...text.split(/\s+/).map((word) => textWidthPx(word, options)));
}

/** What a cell takes besides its text: Sheets' padding of 3 px on each side, the border, one pixel to spare. */
export const CELL_PADDING_PX = 8;

/** One row of cells to size columns for: their texts as displayed, bold or not, which of them wrap. */
export interface MeasuredRow {
  texts: readonly string[];
  bold?: boolean;
  /** a wrapped cell needs its widest word; any other its whole text on one line */
  wrap?: (column: number) => boolean;
}

/**
 * Column widths in whole pixels from what the columns hold: each at least its
 * minimum, wide enough for the whole text of every one-line cell and for the
 * widest word of every wrapped cell, so that no number is cut and no word breaks.
 */
export function columnWidthsFor(rows: readonly MeasuredRow[], minimum: readonly number[]): number[] {
  return minimum.map((min, c) => {
    let need = 0;
    for (const row of rows) {
      const text = row.texts[c] ?? '';
      if (text === '') continue;
      const options = { bold: row.bold };
      need = Math.max(need, row.wrap?.(c) ? widestWordPx(text, options) : textWidthPx(text, options));
    }
    return Math.max(min, Math.ceil(need + CELL_PADDING_PX));
  });
}
