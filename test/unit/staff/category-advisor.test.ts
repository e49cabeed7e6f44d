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

describe('category advice in the director\u2019s words', () => {
  it('says what is wrong with the category cell or the hire date', () => {
    expect(adviseCategory(staff({ category: 'Старший' }), d('2026-01-01'))).toEqual({
      tabNo: '1',
      name: 'Иванова А. А.',
      current: 'none',
      eligible: null,
      eligibleFrom: null,
      reason:
        'Неизвестная категория «Старший»: укажите одну из: I категория, II категория, Без категории, Испытательный срок',
    });
    expect(adviseCategory(staff({ hireDate: null }), d('2026-01-01'))).toEqual({
      tabNo: '1',
      name: 'Иванова А. А.',
      current: 'none',
      eligible: null,
      eligibleFrom: null,
      reason: 'Не указана дата приёма: заполните её на листе «Сотрудники»',
    });
    expect(adviseCategory(staff({ category: 'I категория' }), d('2026-01-01'))).toMatchObject({
      current: 'I',
      eligible: null,
      eligibleFrom: null,
      reason: 'Уже высшая (I) категория',
    });
  });

  it('needs the date of II категория, and counts two years from it to the day, month ends included', () => {
    expect(adviseCategory(staff({ category: 'II категория' }), d('2026-01-01'))).toMatchObject({
      current: 'II',
      eligible: null,
      eligibleFrom: null,
      reason: 'Не указана дата присвоения II категории: заполните её на листе «Сотрудники»',
    });
    const leap = staff({ category: 'II категория', categoryDate: d('2024-02-29') });
    expect(adviseCategory(leap, d('2026-02-27'))).toEqual({
      tabNo: '1',
      name: 'Иванова А. А.',
      current: 'II',
      eligible: null,
      eligibleFrom: d('2026-02-28'),
      reason: 'I категория возможна с 28.02.2026: 2 года во II категории с 29.02.2024',
    });
    expect(adviseCategory(leap, d('2026-02-28'))).toMatchObject({
      eligible: 'I',
      eligibleFrom: d('2026-02-28'),
      reason: 'Высшее образование и 2 года во II категории (с 29.02.2024) — можно присвоить I категорию',
    });
  });

  it('counts experience before hiring in whole months, rounded', () => {
    // 2 − 0.3 years = 20.4 months → 20; 2 − 0.29 = 20.52 → 21
    expect(adviseCategory(staff({ experienceYearsBefore: 0.3 }), d('2025-03-01')).eligibleFrom).toEqual(
      d('2026-11-01'),
    );
    expect(adviseCategory(staff({ experienceYearsBefore: 0.29 }), d('2025-03-01')).eligibleFrom).toEqual(
      d('2026-12-01'),
    );
    expect(adviseCategory(staff({ experienceYearsBefore: null as never }), d('2025-03-01')).eligibleFrom).toEqual(
      d('2027-03-01'),
    );
  });

  it('words II категория as possible now or from a date', () => {
    expect(adviseCategory(staff({ experienceYearsBefore: 1.5 }), d('2025-10-01'))).toMatchObject({
      current: 'none',
      eligible: 'II',
      eligibleFrom: d('2025-09-01'),
      reason:
        'Высшее образование и стаж специалиста не менее 2 лет (1.5 до приёма + работа с 01.03.2025) — можно присвоить II категорию',
    });
    expect(adviseCategory(staff({ education: ' Высшее ' }), d('2025-10-01'))).toMatchObject({
      eligible: null,
      eligibleFrom: d('2027-03-01'),
      reason: 'II категория возможна с 01.03.2027, когда стаж специалиста достигнет 2 лет',
    });
  });

  it('on probation: II at once when experience is enough, else «Без категории» after it, else a date', () => {
    const trial = { category: 'Испытательный срок', probationMonths: 3 };
    expect(adviseCategory(staff({ ...trial, experienceYearsBefore: 3 }), d('2025-06-01'))).toMatchObject({
      current: 'probation',
      eligible: 'II',
      eligibleFrom: d('2025-06-01'),
    });
    expect(adviseCategory(staff(trial), d('2025-06-01'))).toEqual({
      tabNo: '1',
      name: 'Иванова А. А.',
      current: 'probation',
      eligible: 'none',
      eligibleFrom: d('2025-06-01'),
      reason:
        'Испытательный срок закончился 31.05.2025: можно перевести в «Без категории»; II категория — с 01.03.2027',
    });
    expect(adviseCategory(staff(trial), d('2025-05-31'))).toMatchObject({
      eligible: null,
      eligibleFrom: d('2027-03-01'),
      reason: 'II категория возможна с 01.03.2027, когда стаж специалиста достигнет 2 лет',
    });
    // without a probation length (the cell left blank) the term is unknown: «Без категории» from the hire date
    expect(
      adviseCategory(staff({ category: 'Испытательный срок', probationMonths: 0 }), d('2025-03-01')),
    ).toMatchObject({
      eligible: 'none',
      eligibleFrom: d('2025-03-01'),
      reason:
        'Срок испытания на листе «Сотрудники» не указан: можно перевести в «Без категории»; II категория — с 01.03.2027',
    });
    expect(
      adviseCategory(staff({ category: 'Испытательный срок', probationMonths: null }), d('2025-03-01')).eligible,
    ).toBe('none');
  });

  it('with secondary special education: «Без категории» after 3 years, never II', () => {
    const secondary = { education: 'Среднее специальное' };
    expect(adviseCategory(staff(secondary), d('2030-01-01'))).toMatchObject({
      eligible: null,
      eligibleFrom: null,
      reason: 'Для II категории нужно высшее образование',
    });
    const trial = staff({ ...secondary, category: 'Испытательный срок', probationMonths: 0, experienceYearsBefore: 1 });
    expect(adviseCategory(trial, d('2027-02-28'))).toMatchObject({
      eligible: null,
      eligibleFrom: d('2027-03-01'),
      reason: '«Без категории» возможна с 01.03.2027: при среднем специальном образовании нужен стаж 3 года',
    });
    expect(adviseCategory(trial, d('2027-03-01'))).toMatchObject({
      eligible: 'none',
      eligibleFrom: d('2027-03-01'),
      reason: 'Среднее специальное образование и стаж не менее 3 лет — можно перевести в «Без категории»',
    });
    const longTrial = staff({
      ...secondary,
      category: 'Испытательный срок',
      probationMonths: 3,
      experienceYearsBefore: 1,
    });
    expect(adviseCategory(longTrial, d('2025-04-01')).reason).toBe(
      '«Без категории» возможна с 01.03.2027: при среднем специальном образовании нужен стаж 3 года',
    );
  });

  it('names the end of probation only for one on probation with a recorded term', () => {
    // «Без категории» with a term of 3 months on record (ended 31.05.2025): 1.75 years before + 3 months reach
    // 2 years on 01.06.2025, the day after that term, and it is the experience that still holds II back
    const noneWithTerm = staff({ probationMonths: 3, experienceYearsBefore: 1.75 });
    expect(adviseCategory(noneWithTerm, d('2025-05-01'))).toMatchObject({
      current: 'none',
      eligible: null,
      eligibleFrom: d('2025-06-01'),
      reason: 'II категория возможна с 01.06.2025, когда стаж специалиста достигнет 2 лет',
    });
    // on probation without a term, asked before the hire date: the date is the hire date, no term end is named
    const trial = { category: 'Испытательный срок', probationMonths: 0 };
    expect(adviseCategory(staff({ ...trial, experienceYearsBefore: 3 }), d('2025-02-01'))).toMatchObject({
      eligible: null,
      eligibleFrom: d('2025-03-01'),
      reason: 'II категория возможна с 01.03.2025, когда стаж специалиста достигнет 2 лет',
    });
    const secondary = staff({ ...trial, education: 'Среднее специальное', experienceYearsBefore: 4 });
    expect(adviseCategory(secondary, d('2025-02-01'))).toMatchObject({
      eligible: null,
      eligibleFrom: d('2025-03-01'),
      reason: '«Без категории» возможна с 01.03.2025: при среднем специальном образовании нужен стаж 3 года',
    });
  });

  it('asks for the education when it is not one of the two', () => {
    expect(adviseCategory(staff({ education: '' }), d('2030-01-01'))).toMatchObject({
      eligible: null,
      eligibleFrom: null,
      reason: 'Не указано образование («Высшее» или «Среднее специальное») на листе «Сотрудники»',
    });
  });

  it('still lists a person dismissed on the very date', () => {
    const list = eligibleForHigherCategory(
      [
        staff({ tabNo: '4', experienceYearsBefore: 3, dismissalDate: d('2026-01-15') }),
        staff({ tabNo: '5', experienceYearsBefore: 3, dismissalDate: d('2026-01-14') }),
      ],
      d('2026-01-15'),
    );
    expect(list.map((a) => a.tabNo)).toEqual(['4']);
  });
});
