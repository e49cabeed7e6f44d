/**
 * New IDs from the stored last number, checked against the column; the column decides when the
 * number is missing or already taken, so an ID is never given twice.
 */
import type { Table } from '../../../src/adapter/table';
import { activeSpreadsheet, installRuntime, uninstallRuntime } from './runtime-services';

type Allocator = typeof import('../../../src/adapter/id-allocator');
let table: Table;
let allocateIds: Allocator['allocateIds'];
let rememberHighestIds: Allocator['rememberHighestIds'];
let refreshAfterLock: () => void;
let session: ReturnType<typeof installRuntime>;
const props = () => PropertiesService.getDocumentProperties();
/** The stored last number, set as another execution would; callers of allocateIds hold the lock, which re-reads it. */
const setStored = (kind: string, value: string) => {
  props().setProperty(`crm.lastId.${kind}`, value);
  refreshAfterLock();
};

// each test is an execution of its own: the script's modules load afresh (their read of the
// document properties lives one execution, as on Google)
beforeEach(async () => {
  jest.resetModules();
  session = installRuntime();
  ({ allocateIds, rememberHighestIds } = await import('../../../src/adapter/id-allocator'));
  const { Table } = await import('../../../src/adapter/table');
  ({ refreshAfterLock } = await import('../../../src/adapter/document-properties'));
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

  it('gives several IDs counting up from the stored number, never one of a row since deleted', () => {
    setStored('client', '40');
    expect(allocateIds(table, 'ID клиента', 'client', 3)).toEqual(['К-00041', 'К-00042', 'К-00043']);
    expect(props().getProperty('crm.lastId.client')).toBe('43');
  });

  it('continues from the stored number when the next IDs are free', () => {
    setStored('client', '40');
    expect(allocateIds(table, 'ID клиента', 'client')).toEqual(['К-00041']);
    expect(allocateIds(table, 'ID клиента', 'client')).toEqual(['К-00042']);
    expect(props().getProperty('crm.lastId.client')).toBe('42');
  });

  it('reads the column when a stored next ID is already there (typed by hand)', () => {
    setStored('client', '9');
    expect(allocateIds(table, 'ID клиента', 'client', 2)).toEqual(['К-00011', 'К-00012']);
    setStored('client', '2');
    expect(allocateIds(table, 'ID клиента', 'client', 1)).toEqual(['К-00011']);
  });

  it('ignores a stored value that is not a positive whole number', () => {
    for (const bad of ['0', '-5', '2.5', 'abc']) {
      setStored('client', bad);
      expect(allocateIds(table, 'ID клиента', 'client')).toEqual(['К-00011']);
    }
  });

  it('keeps each kind apart', () => {
    setStored('deal', '5');
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
    session.resetCalls();
    rememberHighestIds({ client: [], deal: ['мусор'] });
    expect(session.calls()['Properties.setProperties']).toBeUndefined();
    expect(props().getProperties()).toEqual({});
  });
});
