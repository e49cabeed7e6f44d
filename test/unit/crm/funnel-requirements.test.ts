/**
 * The list of what a stage lacks names each field once: a field is required at one
 * stage only (the checks of earlier stages are added up, not deduplicated), and the
 * client's «Тип» and «ИНН», checked with «Надёжность оценена», are in no stage's list.
 */
import { missingForStage, STAGE_REQUIREMENTS } from '../../../src/domain/crm/funnel';
import { H } from '../../../src/domain/crm/records';
import { LOST_STAGE, STAGES } from '../../../src/domain/workbook/schema';

describe('stage requirements', () => {
  it('name each field of the nine stages once', () => {
    const keys = STAGES.flatMap((stage) => STAGE_REQUIREMENTS[stage].map((r) => `${r.on}:${r.header}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain(`client:${H.inn}`);
    expect(keys).not.toContain(`client:${H.clientType}`);
  });

  it('«Отказ» does not list «Конкурент», which is asked only when the reason is a competitor', () => {
    expect(STAGE_REQUIREMENTS[LOST_STAGE].map((r) => r.header)).not.toContain(H.competitor);
  });

  it('an empty deal at the last stage lists every field once', () => {
    const last = STAGES[STAGES.length - 1];
    const missing = missingForStage(last, {}, { [H.clientType]: '' });
    const keys = missing.map((m) => `${m.on}:${m.header}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain(`client:${H.clientType}`);
  });
});
