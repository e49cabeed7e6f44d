/** Cell adapter of AMOUNT_IN_WORDS. */
import { amountInWords } from '../domain/words';
import { broadcast, type CellArg, type CellResult, toAmount } from './cells';

/** AMOUNT_IN_WORDS(amount): «Двенадцать тысяч рублей 00 копеек». */
export function amountInWordsCells(amount: CellArg): CellResult | CellResult[][] {
  return broadcast([amount], (a) => amountInWords(toAmount(a, 'Сумма')));
}
