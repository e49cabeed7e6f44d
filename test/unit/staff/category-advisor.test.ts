import type { StaffRecord } from '../../../src/domain/payroll/inputs';
import { adviseCategory, eligibleForHigherCategory } from '../../../src/domain/staff/category-advisor';

const d = (iso: string) => {
  const [y, m, day] = iso.split('-').map(Number);
  return new Date(y, m - 1, day);
};

function staff(extra: Partial<StaffRecord>): StaffRecord {
  return {
    tabNo: '1',
    name: 'Иванова А. А.',
    email: 'a@example.ru',
    position: 'Специалист по работе с клиентами',
    category: 'Без категории',
    hireDate: d('2025-03-01'),
    probationMonths: 0,
    education: 'Высшее',
    experienceYearsBefore: 0,
    categoryDate: null,
    monthlyDeduction: 0,
    dismissalDate: null,
    ...extra,
  };
}

describe('category advisor (1.3, domain 3)', () => {
  it('II категория after 2 years as a specialist with higher education, counting experience before hiring', () => {
    // 1.5 years before hiring on 01.03.2025 → 2 years on 01.09.2025
    const p = staff({ experienceYearsBefore: 1.5 });
    expect(adviseCategory(p, d('2025-08-31'))).toMatchObject({ eligible: null, eligibleFrom: d('2025-09-01') });
    const advice = adviseCategory(p, d('2025-09-01'));
    expect(advice.eligible).toBe('II');
    expect(advice.reason).toContain('можно присвоить II категорию');
  });

  it('I категория after 2 years in II категория', () => {
    const p = staff({ category: 'II категория', categoryDate: d('2024-05-20') });
    expect(adviseCategory(p, d('2026-05-19')).eligible).toBeNull();
    expect(adviseCategory(p, d('2026-05-20'))).toMatchObject({ eligible: 'I', eligibleFrom: d('2026-05-20') });
  });

  it('no higher category without higher education', () => {
    const p = staff({ category: 'II категория', categoryDate: d('2020-01-01'), education: 'Среднее специальное' });
    expect(adviseCategory(p, d('2026-01-01'))).toMatchObject({
      eligible: null,
      reason: 'Для I категории нужно высшее образование',
    });
    expect(
      adviseCategory(staff({ education: 'Среднее специальное', experienceYearsBefore: 10 }), d('2026-01-01')).eligible,
    ).toBeNull();
  });

  it('after probation a specialist may go to «Без категории», II only when experience allows', () => {
    // hired 01.03.2025 for 3 months: probation to 31.05.2025
    const p = staff({ category: 'Испытательный срок', probationMonths: 3 });
    expect(adviseCategory(p, d('2025-05-31')).eligible).toBeNull();
    const advice = adviseCategory(p, d('2025-06-01'));
    expect(advice.eligible).toBe('none');
    expect(advice.reason).toContain('Испытательный срок закончился 31.05.2025');
  });

  it('names the end of probation, not the 3-year rule, when probation is what still holds a category back', () => {
    // secondary special education with 5 years before hiring: only probation (to 31.05.2025) stands in the way
    const p = staff({ category: 'ИС', probationMonths: 3, education: 'Среднее специальное', experienceYearsBefore: 5 });
    const advice = adviseCategory(p, d('2025-04-15'));
    expect(advice.eligible).toBeNull();
    expect(advice.reason).toBe(
      '«Без категории» возможна с 01.06.2025, после окончания испытательного срока 31.05.2025',
    );
    const higher = adviseCategory(
      staff({ category: 'ИС', probationMonths: 3, experienceYearsBefore: 4 }),
      d('2025-04-15'),
    );
    expect(higher.reason).toBe('II категория возможна с 01.06.2025, после окончания испытательного срока 31.05.2025');
  });

  it('secondary special education needs 3 years for «Без категории»', () => {
    const p = staff({ category: 'ИС', probationMonths: 1, education: 'Среднее специальное', experienceYearsBefore: 2 });
    expect(adviseCategory(p, d('2025-06-01')).eligible).toBeNull();
    expect(adviseCategory(p, d('2026-03-01')).eligible).toBe('none');
  });

  it('lists only those eligible on the date, skipping people dismissed before it', () => {
    const list = eligibleForHigherCategory(
      [
        staff({ tabNo: '1', experienceYearsBefore: 3 }),
        staff({ tabNo: '2' }),
        staff({ tabNo: '3', experienceYearsBefore: 3, dismissalDate: d('2025-12-31') }),
      ],
      d('2026-01-15'),
    );
    expect(list.map((a) => [a.tabNo, a.eligible])).toEqual([['1', 'II']]);
  });
});
