/**
 * The funnel strip of a deal: the nine stages as segments, those passed
 * filled, the current one highlighted; a lost deal shows the strip muted and
 * a distinct «Отказ» mark.
 */
import { el } from '../../../lib/dom';
import { LOST_STAGE, STAGES } from '../../../../src/domain/workbook/schema';

/** The strip for a deal standing at `stage`. */
export function funnelStrip(stage: string): HTMLElement {
  const current = (STAGES as readonly string[]).indexOf(stage);
  const lost = stage === LOST_STAGE;
  const strip = el('ol', {
    class: lost ? 'funnel lost' : 'funnel',
    attrs: { 'aria-label': `Воронка: ${stage || 'этап не указан'}` },
  });
  STAGES.forEach((name, i) => {
    const state = i < current ? 'done' : i === current ? 'current' : 'todo';
    strip.appendChild(
      el('li', { class: `step ${state}`, attrs: { 'data-stage': name, title: `${i + 1}. ${name}` } }, String(i + 1)),
    );
  });
  if (lost)
    strip.appendChild(
      el('li', { class: 'step lost-mark', attrs: { 'data-stage': LOST_STAGE, title: LOST_STAGE } }, '✕'),
    );
  return strip;
}

/** «Этап 4 из 9: Переговоры» or «Отказ». */
export function stageCaption(stage: string): string {
  const i = (STAGES as readonly string[]).indexOf(stage);
  if (i >= 0) return `Этап ${i + 1} из ${STAGES.length}: ${stage}`;
  return stage || 'Этап не указан';
}
