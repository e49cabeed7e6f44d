import {
  normalizeId,
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
const index = prepareSearchIndex(DATA);
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
