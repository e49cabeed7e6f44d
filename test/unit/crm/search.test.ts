import {
  normalizeId,
  normalizeSearchText,
  phoneDigits,
  prepareSearchIndex,
  searchClients,
  type SearchIndexData,
} from '../../../src/domain/crm/search';

const DATA: SearchIndexData = {
  clients: [
    ['К-00001', 'ООО «Тепло»', '7707083893', '+79123456789', 'info@teplo.ru', 'Клиент', 'ivanov@proekt-a.ru'],
    [
      'К-00002',
      'ИП Семёнов Пётр',
      '500100732259',
      '+74951234567',
      'semenov@mail.ru',
      'Потенциальный',
      'petrova@proekt-a.ru',
    ],
    ['К-00003', 'АО «Теплосеть»', '', '', 'office@tset.ru', 'Потенциальный', 'ivanov@proekt-a.ru'],
  ],
  deals: [
    ['С-00001', 'К-00001', 'Переговоры'],
    ['С-00002', 'К-00001', 'Отказ'],
    ['С-00003', 'К-00002', 'Новый'],
  ],
};
// prepared in each test, so that a mutation testing run sees the code it runs
let index: ReturnType<typeof prepareSearchIndex>;
beforeEach(() => {
  index = prepareSearchIndex(DATA);
});
const ids = (q: string) => searchClients(index, q).results.map((r) => r.clientId);

describe('the client search', () => {
  it('finds a name by any part, in any case, reading «ё» as «е»', () => {
    expect(ids('тепло')).toEqual(['К-00003', 'К-00001']);
    expect(ids('ТЕПЛОСЕТЬ')).toEqual(['К-00003']);
    expect(ids('семенов петр')).toEqual(['К-00002']);
    expect(ids('пётр СЕМЁНОВ')).toEqual(['К-00002']);
    expect(ids('сидоров')).toEqual([]);
  });

  it('finds an ИНН, whole or in part', () => {
    expect(ids('7707083893')).toEqual(['К-00001']);
    expect(ids('500100')).toEqual(['К-00002']);
  });

  it('finds a phone typed in any format', () => {
    for (const q of [
      '8 (912) 345-67-89',
      '+7 912 345 67 89',
      '79123456789',
      '912-345',
      '89123456789',
      '+7 912 34',
      '8912',
    ]) {
      expect(ids(q)).toEqual(['К-00001']);
    }
    expect(phoneDigits('8 (495) 123-45-67')).toBe('4951234567');
  });

  it('finds an e-mail in any case', () => {
    expect(ids('SEMENOV@mail')).toEqual(['К-00002']);
    expect(ids('office@tset.ru')).toEqual(['К-00003']);
  });

  it('finds a client or deal ID, with Latin letters or without the dash', () => {
    expect(ids('К-00002')).toEqual(['К-00002']);
    expect(ids('k2')).toEqual(['К-00002']);
    expect(ids('С-00002')).toEqual(['К-00001']);
    expect(ids('c00003')).toEqual(['К-00002']);
    expect(normalizeId('с-12')).toBe('С-00012');
  });

  it('reads an ID typed with spaces in it, as the ID column reads it', () => {
    expect(ids('к 1')).toEqual(['К-00001']);
    expect(ids('С- 3')).toEqual(['К-00002']);
    expect(ids('к-0 0002')).toEqual(['К-00002']);
    expect(normalizeId('к-0 0002')).toBe('К-00002');
    // a word that only ends like an ID is looked for as text
    expect(ids('ООО к-1')).toEqual([]);
  });

  it('needs three digits after «+7» to look for a phone', () => {
    // «+7 91» is 91 of a number: too few, though «791» has three digits
    expect(ids('+7 91')).toEqual([]);
    expect(ids('+7 912')).toEqual(['К-00001']);
  });

  it('reads «+7» as the country code only at the start', () => {
    // 912 +7 is looked for as 9127, which no phone holds; «127» of another phone is not it
    const other = prepareSearchIndex({
      clients: [['К-00009', 'Урал', '', '+7 (343) 212-70-00', '', 'Клиент', '']],
      deals: [],
    });
    expect(searchClients(other, '912 +7').results).toEqual([]);
    expect(searchClients(other, '+7 343').results.map((r) => r.clientId)).toEqual(['К-00009']);
  });

  it('gives each result its deals with their stages and what matched', () => {
    const [first] = searchClients(index, 'С-00001').results;
    expect(first).toMatchObject({
      clientId: 'К-00001',
      name: 'ООО «Тепло»',
      status: 'Клиент',
      deals: [
        { id: 'С-00001', stage: 'Переговоры' },
        { id: 'С-00002', stage: 'Отказ' },
      ],
      matchedBy: ['ID сделки'],
    });
  });

  it('puts an exact match first and counts every match beyond the limit', () => {
    const many = prepareSearchIndex({
      clients: Array.from({ length: 50 }, (_, i) => [
        `К-${String(i + 1).padStart(5, '0')}`,
        `Тепло ${i + 1}`,
        '',
        '',
        '',
        '',
        '',
      ]) as SearchIndexData['clients'],
      deals: [],
    });
    const found = searchClients(many, 'тепло', 20);
    expect(found.total).toBe(50);
    expect(found.results).toHaveLength(20);
    expect(searchClients(many, 'К-00037').results[0].clientId).toBe('К-00037');
  });
});

describe('search keys at their edges', () => {
  const row = (id: string, name: string, inn = '', phone = '', email = ''): SearchIndexData['clients'][number] => [
    id,
    name,
    inn,
    phone,
    email,
    'Клиент',
    'ivanov@proekt-a.ru',
  ];
  const find = (clients: SearchIndexData['clients'], q: string, deals: SearchIndexData['deals'] = []) =>
    searchClients(prepareSearchIndex({ clients, deals }), q).results.map((r) => r.clientId);

  it('drops quotes and brackets, reads «ё» as «е» and keeps single spaces', () => {
    expect(normalizeSearchText('  ООО  «Тёплый»\t"Дом" (Казань) „Юг“ \'А\' `Б` ')).toBe('ооо теплый дом казань юг а б');
    expect(find([row('К-00001', 'ООО «Тёплый дом»')], '"тёплый дом"')).toEqual(['К-00001']);
  });

  it('drops the country code of an 11-digit number only', () => {
    expect(phoneDigits('7 912 345 67 89')).toBe('9123456789');
    expect(phoneDigits('+1 212 555 0100')).toBe('12125550100');
    expect(phoneDigits('912 345 67 89')).toBe('9123456789');
    expect(phoneDigits('8 912 345 67 89 1')).toBe('891234567891');
  });

  it('spells an ID one way: Cyrillic letter, a dash, five digits', () => {
    expect(normalizeId(' k 12 ')).toBe('К-00012');
    expect(normalizeId('C12')).toBe('С-00012');
    expect(normalizeId('К-123456')).toBe('К-123456');
    expect(normalizeId('ak-1')).toBe('AK-1');
    expect(normalizeId('П-1')).toBe('П-1');
  });

  it('puts an exact ИНН, phone or e-mail before a partial one, whatever the names', () => {
    expect(
      find([row('К-00001', 'Абрикос', '770708389300'), row('К-00002', 'Яблоко', '7707 083 893')], '7707083893'),
    ).toEqual(['К-00002', 'К-00001']);
    expect(
      find(
        [row('К-00001', 'Абрикос', '', '+7 (912) 345-67-89 доб. 1'), row('К-00002', 'Яблоко', '', '8 912 345 67 89')],
        '9123456789',
      ),
    ).toEqual(['К-00002', 'К-00001']);
    expect(
      find(
        [row('К-00001', 'Абрикос', '', '', 'info@teplo.ru.com'), row('К-00002', 'Яблоко', '', '', ' Info@Teplo.ru ')],
        'INFO@teplo.ru',
      ),
    ).toEqual(['К-00002', 'К-00001']);
  });

  it('puts a name that begins with the query before one that holds it, and a name before an e-mail', () => {
    expect(find([row('К-00001', 'АО Тепло'), row('К-00002', 'Тепло Дом')], 'тепло')).toEqual(['К-00002', 'К-00001']);
    expect(find([row('К-00001', 'Альфа', '', '', 'teplo@x.ru'), row('К-00002', 'ООО Teplo')], 'teplo')).toEqual([
      'К-00002',
      'К-00001',
    ]);
  });

  it('says every key that matched', () => {
    const [hit] = searchClients(
      prepareSearchIndex({ clients: [row('К-00001', 'Teplo', '', '', 'teplo@x.ru')], deals: [] }),
      'teplo',
    ).results;
    expect(hit.matchedBy).toEqual(['Email', 'Клиент']);
    const [byId] = searchClients(
      prepareSearchIndex({ clients: [row('к-00001', 'Альфа')], deals: [['с-00001', 'к-00001', 'Новый']] }),
      'К-1',
    ).results;
    expect(byId.matchedBy).toEqual(['ID клиента']);
    expect(
      searchClients(
        prepareSearchIndex({ clients: [row('к-00001', 'Альфа')], deals: [['с-00001', 'к-00001', 'Новый']] }),
        'c1',
      ).results[0],
    ).toEqual({
      clientId: 'к-00001',
      name: 'Альфа',
      status: 'Клиент',
      owner: 'ivanov@proekt-a.ru',
      deals: [{ id: 'с-00001', stage: 'Новый' }],
      matchedBy: ['ID сделки'],
    });
  });

  it('needs three digits for a number and two letters for an e-mail, and reads a number only as a number', () => {
    const clients = [row('К-00001', 'Склад 2026', '7707083893', '+79123456789', 'ab@x.ru')];
    expect(find(clients, '77')).toEqual([]);
    expect(find(clients, '770')).toEqual(['К-00001']);
    expect(find(clients, '2026')).toEqual([]);
    expect(find(clients, 'a')).toEqual([]);
    expect(find(clients, 'ab')).toEqual(['К-00001']);
    expect(find(clients, 'ab @x')).toEqual(['К-00001']);
    expect(find(clients, '+7 912')).toEqual(['К-00001']);
    expect(find(clients, '8 (912)')).toEqual(['К-00001']);
    expect(find([row('К-00001', 'Без телефона')], '912')).toEqual([]);
  });

  it('finds nothing for a blank or quotes-only query, and skips rows and deals without IDs', () => {
    const clients = [row('', 'Тепло'), row('К-00002', 'Тепло 2')];
    expect(find(clients, '   ')).toEqual([]);
    expect(find(clients, '«»')).toEqual([]);
    expect(find(clients, 'тепло')).toEqual(['К-00002']);
    const index = prepareSearchIndex({
      clients,
      deals: [
        ['', 'К-00002', 'Новый'],
        ['С-00009', '', 'Новый'],
        ['С-00010', 'К-00002', 'Переговоры'],
      ],
    });
    expect(searchClients(index, 'тепло').results[0].deals).toEqual([{ id: 'С-00010', stage: 'Переговоры' }]);
    expect(searchClients(index, 'С-00009').results).toEqual([]);
  });

  it('gives at most 20 results unless told otherwise', () => {
    const clients = Array.from({ length: 25 }, (_, i) => row(`К-${String(i + 1).padStart(5, '0')}`, `Тепло ${i}`));
    expect(searchClients(prepareSearchIndex({ clients, deals: [] }), 'тепло').results).toHaveLength(20);
  });

  it('reads quotes as spaces, only a leading Latin letter of an ID as Cyrillic, and no ID inside other text', () => {
    expect(normalizeSearchText('ООО«Тепло»Дом')).toBe('ооо тепло дом');
    expect(normalizeId('ac-1')).toBe('AC-1');
    expect(normalizeId('АК-5')).toBe('АК-5');
    expect(normalizeId('К-5А')).toBe('К-5А');
  });

  it('says which number matched: the ИНН or the phone', () => {
    const index = prepareSearchIndex({ clients: [row('К-00001', 'Альфа', '7707083893', '+79123456789')], deals: [] });
    expect(searchClients(index, '7707083893').results[0].matchedBy).toEqual(['ИНН']);
    expect(searchClients(index, '912 345').results[0].matchedBy).toEqual(['Телефон']);
  });

  it('needs every word of a name, whole, and reads a name with a number as a name', () => {
    const clients = [row('К-00001', 'ООО Тепло'), row('К-00002', 'АО Теплосеть'), row('К-00003', 'Ромашка 2')];
    expect(find(clients, 'ао тепло')).toEqual(['К-00002']);
    expect(find(clients, 'лот')).toEqual([]);
    expect(find(clients, 'ромашка 2')).toEqual(['К-00003']);
    expect(find(clients, '2 ромашка')).toEqual(['К-00003']);
  });

  it('reads a phone or an ID typed with spaces around it', () => {
    const clients = [row('К-00001', 'Альфа', '', '+79123456789')];
    expect(find(clients, ' +7 912')).toEqual(['К-00001']);
    expect(find(clients, ' к-1 ')).toEqual(['К-00001']);
  });
});
