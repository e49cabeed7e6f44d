import {
  duplicateGroups,
  duplicateSearchPattern,
  findDuplicates,
  isMergedClient,
  MERGED_NOTE,
} from '../../../src/domain/crm/duplicates';

/** Whether a whole cell matches the pattern, case-insensitive, as TextFinder matches it. */
function cellMatches(pattern: string, cell: string): boolean {
  return new RegExp(`^(?:${pattern})$`, 'i').test(cell);
}

describe('the search pattern for a new client\u2019s duplicates', () => {
  it('is null when the candidate has no ИНН, phone or e-mail', () => {
    expect(duplicateSearchPattern({ Клиент: 'ООО Тепло', ИНН: ' ', Телефон: 'нет', Email: '' })).toBeNull();
  });

  it('spells the ИНН digit by digit with anything between them', () => {
    const pattern = duplicateSearchPattern({ ИНН: '7707 083893' })!;
    expect(pattern).toBe('\\s*7\\D*7\\D*0\\D*7\\D*0\\D*8\\D*3\\D*8\\D*9\\D*3\\s*');
    expect(cellMatches(pattern, '7707083893')).toBe(true);
    expect(cellMatches(pattern, ' 7707-083-893 ')).toBe(true);
    expect(cellMatches(pattern, '7707083894')).toBe(false);
    expect(cellMatches(pattern, '77070838931')).toBe(false);
  });

  it('takes an ИНН without digits literally', () => {
    const pattern = duplicateSearchPattern({ ИНН: 'н/д(?)' })!;
    expect(pattern).toBe('\\s*н/д\\(\\?\\)\\s*');
    expect(cellMatches(pattern, ' н/д(?) ')).toBe(true);
    expect(cellMatches(pattern, 'н/д')).toBe(false);
  });

  it('finds the phone written with 8, +7 or without the country code', () => {
    const pattern = duplicateSearchPattern({ Телефон: '8 (912) 345-67-89' })!;
    expect(pattern).toBe('\\D*(?:[78]\\D*)?9\\D*1\\D*2\\D*3\\D*4\\D*5\\D*6\\D*7\\D*8\\D*9\\D*');
    for (const cell of ['+79123456789', '8 (912) 345-67-89', '912 345 67 89', '7-912-345-67-89']) {
      expect(cellMatches(pattern, cell)).toBe(true);
    }
    expect(cellMatches(pattern, '+7 912 345 67 80')).toBe(false);
    expect(cellMatches(pattern, '5 912 345 67 89')).toBe(false);
  });

  it('finds the e-mail in any case with spaces around, its dots and pluses taken literally', () => {
    const pattern = duplicateSearchPattern({ Email: ' Sale.Dept+1@Teplo.ru' })!;
    expect(pattern).toBe('\\s*sale\\.dept\\+1@teplo\\.ru\\s*');
    expect(cellMatches(pattern, ' SALE.dept+1@teplo.RU ')).toBe(true);
    expect(cellMatches(pattern, 'saleXdept+1@teplo.ru')).toBe(false);
    expect(cellMatches(pattern, 'sale.deptt1@teplo.ru')).toBe(false);
  });

  it('joins the three as alternatives, ИНН, phone, e-mail', () => {
    expect(duplicateSearchPattern({ ИНН: '12', Телефон: '+79000000001', Email: 'a@b.ru' })).toBe(
      '\\s*1\\D*2\\s*|\\D*(?:[78]\\D*)?9\\D*0\\D*0\\D*0\\D*0\\D*0\\D*0\\D*0\\D*0\\D*1\\D*|\\s*a@b\\.ru\\s*',
    );
  });

  it('escapes every character RE2 treats specially', () => {
    const pattern = duplicateSearchPattern({ ИНН: '.*+?^${}()|[]\\' })!;
    expect(pattern).toBe('\\s*\\.\\*\\+\\?\\^\\$\\{\\}\\(\\)\\|\\[\\]\\\\\\s*');
    expect(cellMatches(pattern, '.*+?^${}()|[]\\')).toBe(true);
  });
});

describe('finding duplicates of one client', () => {
  const existing = [
    {
      'ID клиента': 'К-00001',
      Клиент: 'ООО Тепло',
      ИНН: '7707 083 893',
      Телефон: '8 912 345 67 89',
      Email: 'Info@Teplo.ru',
    },
    { 'ID клиента': 'К-00002', Клиент: 'ИП Петров', ИНН: '', Телефон: '', Email: '' },
  ];
  it('names every field that matched, and ignores spaces in the ИНН', () => {
    expect(
      findDuplicates({ ИНН: '7707083893', Телефон: '+7 (912) 345-67-89', Email: 'info@teplo.RU' }, existing),
    ).toEqual([{ clientId: 'К-00001', name: 'ООО Тепло', matchedBy: ['ИНН', 'Телефон', 'Email'] }]);
  });
  it('never matches a blank or unreadable value to a blank one', () => {
    expect(findDuplicates({ ИНН: ' ', Телефон: 'нет', Email: '' }, existing)).toEqual([]);
  });
});

describe('clients merged into another', () => {
  it('are the inactive ones whose note starts with the merge mark', () => {
    expect(MERGED_NOTE).toBe('Объединён с ');
    expect(isMergedClient({ 'Статус клиента': 'Неактивный', Примечание: 'Объединён с К-00001 05.03.2026' })).toBe(true);
    expect(isMergedClient({ 'Статус клиента': 'Клиент', Примечание: 'Объединён с К-00001 05.03.2026' })).toBe(false);
    expect(isMergedClient({ 'Статус клиента': 'Неактивный', Примечание: 'Закрылись. Объединён с К-00001' })).toBe(
      false,
    );
    expect(isMergedClient({ 'Статус клиента': 'Неактивный', Примечание: 'Объединёнс К-00001' })).toBe(false);
  });
});

describe('groups of duplicates in the whole tab', () => {
  const rows = [
    { 'ID клиента': 'К-00001', ИНН: '7707083893', Телефон: '+79123456789', Email: 'a@teplo.ru' },
    { 'ID клиента': 'К-00002', ИНН: '500100732259', Телефон: '8 (912) 345-67-89', Email: '' },
    { 'ID клиента': 'К-00003', ИНН: '7707 083 893', Телефон: '', Email: 'B@teplo.ru' },
    { 'ID клиента': '', ИНН: '500100732259', Телефон: '', Email: '' },
    {
      'ID клиента': 'К-00004',
      ИНН: '500100732259',
      Телефон: '',
      Email: 'b@teplo.ru',
      'Статус клиента': 'Неактивный',
      Примечание: 'Объединён с К-00002 01.03.2026',
    },
    { 'ID клиента': 'К-00005', ИНН: '', Телефон: 'нет', Email: 'b@Teplo.ru' },
    { 'ID клиента': 'К-00006', ИНН: '', Телефон: 'нет', Email: '' },
  ];
  it('groups by ИНН, normalised phone and e-mail, leaving out merged rows, rows without an ID and blanks', () => {
    expect(duplicateGroups(rows)).toEqual([
      { header: 'ИНН', value: '7707083893', rows: [0, 2] },
      { header: 'Телефон', value: '+79123456789', rows: [0, 1] },
      { header: 'Email', value: 'b@teplo.ru', rows: [2, 5] },
    ]);
  });
  it('orders the groups by their first row', () => {
    const later = [
      { 'ID клиента': 'К-00001', ИНН: '', Телефон: '', Email: 'x@y.ru' },
      { 'ID клиента': 'К-00002', ИНН: '7707083893', Телефон: '', Email: '' },
      { 'ID клиента': 'К-00003', ИНН: '7707083893', Телефон: '', Email: 'X@y.ru' },
    ];
    expect(duplicateGroups(later)).toEqual([
      { header: 'Email', value: 'x@y.ru', rows: [0, 2] },
      { header: 'ИНН', value: '7707083893', rows: [1, 2] },
    ]);
    expect(duplicateGroups([])).toEqual([]);
  });
});
