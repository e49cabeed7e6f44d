/**
 * New IDs from the stored last number, checked against the column; the column decides when the
 * number is missing or already taken, so an ID is never given twice.
 */
import { allocateIds as allocateIdsLocked, rememberHighestIds } from '../../../src/adapter/id-allocator';
import { withDocumentLock } from '../../../src/adapter/lock';
import { Table } from '../../../src/adapter/table';
import { activeSpreadsheet, installRuntime, uninstallRuntime } from './runtime-services';

let table: Table;
const props = () => PropertiesService.getDocumentProperties();
/** As every caller does: under the document lock, which reads again what other executions stored. */
const allocateIds = (...args: Parameters<typeof allocateIdsLocked>) =>
  withDocumentLock(() => allocateIdsLocked(...args));

beforeEach(() => {
  installRuntime();
  const sheet = activeSpreadsheet().insertSheet('Клиенты');
  sheet.getRange(1, 1, 4, 1).setValues([['ID клиента'], ['К-00003'], ['К-00010'], ['К-00007']]);
  table = Table.open(activeSpreadsheet(), 'Клиенты');
});
afterEach(uninstallRuntime);

describe('allocateIds', () => {
  it('without a stored number, continues after the highest ID in the column and stores the last one given', () => {
    expect(allocateIds(table, 'ID клиента', 'client', 2)).toEqual(['К-00011', 'К-00012']);
    expect(props().getProperty('crm.lastId.client')).toBe('12');
  });

  it('continues from the stored number when the next IDs are free', () => {
    props().setProperty('crm.lastId.client', '40');
    expect(allocateIds(table, 'ID клиента', 'client')).toEqual(['К-00041']);
    expect(allocateIds(table, 'ID клиента', 'client')).toEqual(['К-00042']);
    expect(props().getProperty('crm.lastId.client')).toBe('42');
  });

  it('reads the column when a stored next ID is already there (typed by hand)', () => {
    props().setProperty('crm.lastId.client', '9');
    expect(allocateIds(table, 'ID клиента', 'client', 2)).toEqual(['К-00011', 'К-00012']);
    props().setProperty('crm.lastId.client', '2');
    expect(allocateIds(table, 'ID клиента', 'client', 1)).toEqual(['К-00011']);
  });

  it('ignores a stored value that is not a positive whole number', () => {
    for (const bad of ['0', '-5', '2.5', 'abc']) {
      props().setProperty('crm.lastId.client', bad);
      expect(allocateIds(table, 'ID клиента', 'client')).toEqual(['К-00011']);
    }
  });

  it('keeps each kind apart', () => {
    props().setProperty('crm.lastId.deal', '5');
    expect(allocateIds(table, 'ID клиента', 'client')).toEqual(['К-00011']);
    expect(props().getProperty('crm.lastId.deal')).toBe('5');
  });
});

describe('rememberHighestIds', () => {
  it('stores the highest ID of each kind found, and nothing for a kind without IDs', () => {
    rememberHighestIds({ client: ['К-00003', 'К-00010', 'мусор', null], deal: ['С-00002'], claim: [] });
    expect(props().getProperties()).toEqual({ 'crm.lastId.client': '10', 'crm.lastId.deal': '2' });
  });

  it('writes nothing when no kind has an ID', () => {
    rememberHighestIds({ client: [] });
    expect(props().getProperties()).toEqual({});
  });
});
