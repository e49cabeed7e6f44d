/**
 * ИНН control digits where the weighted sum leaves 10 modulo 11: the Federal Tax
 * Service takes the control digit as that remainder modulo 10, so it is 0.
 */
import { innProblem, isInnChecksumValid } from '../../../src/domain/crm/values';

describe('ИНН control digits with a remainder of 10', () => {
  it('accepts a 10-digit ИНН whose weighted sum leaves 10 (control digit 0)', () => {
    // 7·2+7·4+0·10+7·3+0·5+8·9+3·4+0·6+9·8 = 219 = 19·11 + 10
    expect(isInnChecksumValid('7707083090')).toBe(true);
    expect(innProblem('7707083090', 'Юрлицо')).toBeNull();
  });

  it('refuses the same ИНН with any other last digit', () => {
    for (let d = 1; d <= 9; d++) expect(isInnChecksumValid(`770708309${d}`)).toBe(false);
  });

  it('accepts a 12-digit ИНН whose first control sum leaves 10, and refuses it with either control digit changed', () => {
    expect(isInnChecksumValid('500100730004')).toBe(true);
    expect(innProblem('500100730004', 'ИП')).toBeNull();
    expect(isInnChecksumValid('500100730014')).toBe(false);
    expect(isInnChecksumValid('500100730005')).toBe(false);
  });
});
