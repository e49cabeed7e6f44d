/**
 * google.script.run's rules for what crosses between a page and the server
 * (HtmlService guide, "Parameters and return values").
 */
import { illegalArgument, returnedValue } from '../../local/runtime/script-run-values';

describe('google.script.run arguments', () => {
  it('accepts primitives and plain objects and arrays of them', () => {
    expect(illegalArgument(['К-00001', 5, true, null, { a: [1, 'x', { b: false }] }])).toBeUndefined();
  });

  it.each([
    ['a Date', [new Date()], '0'],
    ['a function', ['ok', () => 1], '1'],
    ['a Date inside an object', [{ when: new Date() }], 'when'],
    ['a DOM node', [{ node: { nodeType: 1 } }], 'node'],
  ])('fails for %s', (_what, args, where) => {
    expect(illegalArgument(args)).toBe(`Failed due to illegal value in property: ${where}`);
  });

  it('fails for a circular object', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(illegalArgument([a])).toBe('Failed due to illegal value in property: self');
  });
});

describe('google.script.run return values', () => {
  it('a Date anywhere in the value reaches the success handler as null; plain values as a copy', () => {
    expect(returnedValue({ deal: 'С-00001', at: new Date() })).toBeNull();
    expect(returnedValue([1, [2, new Date()]])).toBeNull();
    const value = { deal: 'С-00001', list: [1, undefined, 'x'] };
    expect(returnedValue(value)).toEqual({ deal: 'С-00001', list: [1, null, 'x'] });
  });
});
