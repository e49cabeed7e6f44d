/**
 * The document properties of one execution: one read of the store, what it writes reads back as
 * written, and under the document lock what another execution wrote meanwhile is seen.
 */
import type { LocalRuntimeSession } from '../../../local/runtime';
import { installRuntime, uninstallRuntime } from './runtime-services';

type Module = typeof import('../../../src/adapter/document-properties');
let documentProperties: Module['documentProperties'];
let withDocumentLock: (typeof import('../../../src/adapter/lock'))['withDocumentLock'];
let session: LocalRuntimeSession;
/** The store as another execution sees and changes it (not through this execution's read). */
const store = () => PropertiesService.getDocumentProperties();

beforeEach(async () => {
  jest.resetModules();
  session = installRuntime();
  store().setProperties({ 'crm.a': '1', 'crm.b': '2' });
  ({ documentProperties } = await import('../../../src/adapter/document-properties'));
  ({ withDocumentLock } = await import('../../../src/adapter/lock'));
  session.resetCalls();
});
afterEach(uninstallRuntime);

const calls = (name: string) => session.calls()[name] ?? 0;

describe('documentProperties', () => {
  it('reads the whole store once and answers every later read from it', () => {
    expect(documentProperties.getProperty('crm.a')).toBe('1');
    expect(documentProperties.getProperty('crm.b')).toBe('2');
    expect(documentProperties.getProperty('crm.none')).toBeNull();
    expect(documentProperties.getProperties()).toEqual({ 'crm.a': '1', 'crm.b': '2' });
    expect(calls('Properties.getProperties')).toBe(1);
    expect(calls('PropertiesService.getDocumentProperties')).toBe(1);
    expect(calls('Properties.getProperty')).toBe(0);
  });

  it('hands out a copy: changing it changes neither the store nor later reads', () => {
    const copy = documentProperties.getProperties();
    copy['crm.a'] = 'испорчено';
    delete copy['crm.b'];
    expect(documentProperties.getProperties()).toEqual({ 'crm.a': '1', 'crm.b': '2' });
    expect(store().getProperty('crm.a')).toBe('1');
  });

  it('writes go to the store and read back as written, before and after the first read', () => {
    documentProperties.setProperty('crm.c', '3');
    expect(documentProperties.getProperty('crm.c')).toBe('3');
    documentProperties.setProperty('crm.a', '10');
    documentProperties.setProperties({ 'crm.b': '20', 'crm.d': '40' });
    documentProperties.deleteProperty('crm.c');
    expect(documentProperties.getProperties()).toEqual({ 'crm.a': '10', 'crm.b': '20', 'crm.d': '40' });
    expect(calls('Properties.getProperties')).toBe(1);
    expect(store().getProperties()).toEqual({ 'crm.a': '10', 'crm.b': '20', 'crm.d': '40' });
  });

  it('keeps reads of this execution as they were until the lock is taken, then reads the store again', () => {
    expect(documentProperties.getProperty('crm.a')).toBe('1');
    store().setProperty('crm.a', 'другое выполнение');
    store().deleteProperty('crm.b');
    expect(documentProperties.getProperty('crm.a')).toBe('1');
    expect(withDocumentLock(() => documentProperties.getProperties())).toEqual({ 'crm.a': 'другое выполнение' });
    expect(documentProperties.getProperty('crm.b')).toBeNull();
    expect(LockService.getDocumentLock().hasLock()).toBe(false);
  });

  it('a new execution (a new PropertiesService) reads its own store', () => {
    expect(documentProperties.getProperty('crm.a')).toBe('1');
    uninstallRuntime();
    installRuntime();
    expect(documentProperties.getProperty('crm.a')).toBeNull();
    documentProperties.setProperty('crm.e', '5');
    expect(store().getProperties()).toEqual({ 'crm.e': '5' });
  });
});
