/**
 * The sidebar's search index through the local runtime: what getSearchIndex
 * returns (the key columns of «Клиенты» and «Сделки»), and its cost, counted
 * at 100 and at 20 000 clients: the same service calls, and only the key
 * columns read (never a whole row).
 */
import { prepareSearchIndex, searchClients, type SearchIndexData } from '../../src/domain/crm/search';
import { CLIENT_A, crmSession, crmWorkbook, fullDeal, IVANOV, type Row } from './crm-workbook';
import { headersOf } from '../helpers/workbook';

function client(i: number): Row {
  const id = `К-${String(i).padStart(5, '0')}`;
  return {
    ...CLIENT_A,
    'ID клиента': id,
    Клиент: i === 7 ? 'ИП Семёнов Пётр' : `ООО «Клиент ${i}»`,
    ИНН: '',
    Телефон: `+7912${String(i).padStart(7, '0')}`,
    Email: `c${i}@example.ru`,
    'Контактное лицо': 'Не нужен для поиска',
    Примечание: 'Длинное примечание, которое поиск не читает',
  };
}

function measure(count: number) {
  const clients = Array.from({ length: count }, (_, i) => client(i + 1));
  const deals = [fullDeal('С-00001', 'Переговоры', { 'ID клиента': 'К-00007' })];
  const session = crmSession(crmWorkbook({ clients, deals }), IVANOV);
  let pending = 0;
  let cellsRead = 0;
  const stop = session.onServiceCall((call, args) => {
    if (call === 'Sheet.getRange' && args.length === 4) pending = Number(args[2]) * Number(args[3]);
    else if (call === 'Sheet.getRange') pending = 1;
    if (call === 'Range.getValues') cellsRead += pending;
  });
  session.resetCalls();
  const data = session.run('getSearchIndex') as SearchIndexData;
  stop();
  const calls = Object.values(session.calls()).reduce((a, b) => a + b, 0);
  return { data, calls, cellsRead };
}

describe('the search index', () => {
  it('holds every client with its key columns and every deal with its stage', () => {
    const { data } = measure(10);
    expect(data.clients).toHaveLength(10);
    expect(data.clients[6]).toEqual([
      'К-00007',
      'ИП Семёнов Пётр',
      '',
      '+79120000007',
      'c7@example.ru',
      'Потенциальный',
      IVANOV,
    ]);
    expect(data.deals).toEqual([['С-00001', 'К-00007', 'Переговоры']]);
    const found = searchClients(prepareSearchIndex(data), 'семенов').results;
    expect(found.map((r) => [r.clientId, r.deals])).toEqual([['К-00007', [{ id: 'С-00001', stage: 'Переговоры' }]]]);
  });

  it('costs the same service calls at 100 and 20 000 clients and reads only the key columns', () => {
    const small = measure(100);
    expect(small.cellsRead).toBeLessThanOrEqual(100 * 7 + 2 * 40 + 3);
    const large = measure(20_000);
    expect(large.calls).toBe(small.calls);
    expect(small.calls).toBeLessThanOrEqual(36);
    const clientWidth = headersOf('clients').length;
    // 7 key columns of «Клиенты» plus the header rows and 3 key columns of the one deal
    expect(large.cellsRead).toBeLessThanOrEqual(20_000 * 7 + 2 * 40 + 3);
    expect(large.cellsRead).toBeLessThan((20_000 * clientWidth) / 2);
    expect(large.data.clients).toHaveLength(20_000);
  });
});
