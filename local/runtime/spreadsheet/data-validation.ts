/**
 * Data validation rules: SpreadsheetApp.newDataValidation() builds them, ranges
 * store them as DataValidationModel, and a person's edit is checked against them
 * (script writes are not, as in Sheets).
 */
import { isDate } from '../cell-values';
import type { CellValue, DataValidationModel } from '../model';
import { asGas } from './gas-types';

/** SpreadsheetApp.DataValidationCriteria, the criteria this runtime knows. */
export const DataValidationCriteria = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  CHECKBOX: 'CHECKBOX',
} as const;

/** Resolves 'Sheet'!A1:A9 to the values there (for requireValueInRange) and back to a Range for the script. */
export interface RangeResolver {
  valuesOf(a1: string): CellValue[][];
  rangeOf(a1: string): unknown;
  a1Of(range: unknown): string;
}

type BuilderMethods =
  | 'build'
  | 'copy'
  | 'requireValueInList'
  | 'requireValueInRange'
  | 'requireDate'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberBetween'
  | 'requireCheckbox'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'getAllowInvalid'
  | 'getHelpText'
  | 'getCriteriaType'
  | 'getCriteriaValues';

export class LocalDataValidationBuilder implements Pick<
  GoogleAppsScript.Spreadsheet.DataValidationBuilder,
  BuilderMethods
> {
  static readonly serviceName = 'DataValidationBuilder';
  private rule: DataValidationModel;

  constructor(
    private readonly resolver: RangeResolver,
    from?: DataValidationModel,
  ) {
    this.rule = from ? cloneRule(from) : { kind: 'list', values: [], allowInvalid: true };
  }

  private self(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return asGas(this);
  }

  /** the rule; a builder without criteria cannot be built */
  build(): GoogleAppsScript.Spreadsheet.DataValidation {
    return asGas(new LocalDataValidation(cloneRule(this.rule), this.resolver));
  }

  copy(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return asGas(new LocalDataValidationBuilder(this.resolver, this.rule));
  }

  requireValueInList(values: string[], showDropdown?: boolean): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.rule = { ...this.base(), kind: 'list', values: values.map(String), showDropdown: showDropdown ?? true };
    return this.self();
  }

  requireValueInRange(
    range: GoogleAppsScript.Spreadsheet.Range,
    showDropdown?: boolean,
  ): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.rule = {
      ...this.base(),
      kind: 'range',
      rangeA1: this.resolver.a1Of(range),
      showDropdown: showDropdown ?? true,
    };
    return this.self();
  }

  requireDate(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.rule = { ...this.base(), kind: 'date' };
    return this.self();
  }

  requireNumberGreaterThanOrEqualTo(number: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.rule = { ...this.base(), kind: 'number', min: number };
    return this.self();
  }

  requireNumberBetween(start: number, end: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.rule = { ...this.base(), kind: 'number', min: Math.min(start, end), max: Math.max(start, end) };
    return this.self();
  }

  requireCheckbox(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.rule = { ...this.base(), kind: 'checkbox' };
    return this.self();
  }

  setAllowInvalid(allowInvalidData: boolean): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.rule.allowInvalid = allowInvalidData;
    return this.self();
  }

  setHelpText(helpText: string): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.rule.helpText = helpText;
    return this.self();
  }

  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }

  getHelpText(): string | null {
    return this.rule.helpText ?? null;
  }

  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return asGas(criteriaType(this.rule));
  }

  getCriteriaValues(): unknown[] {
    return criteriaValues(this.rule, this.resolver);
  }

  private base(): Pick<DataValidationModel, 'allowInvalid' | 'helpText'> {
    return { allowInvalid: this.rule.allowInvalid, helpText: this.rule.helpText };
  }
}

export class LocalDataValidation implements Pick<
  GoogleAppsScript.Spreadsheet.DataValidation,
  'copy' | 'getAllowInvalid' | 'getHelpText' | 'getCriteriaType' | 'getCriteriaValues'
> {
  static readonly serviceName = 'DataValidation';
  constructor(
    readonly _model: DataValidationModel,
    private readonly resolver: RangeResolver,
  ) {}

  copy(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return asGas(new LocalDataValidationBuilder(this.resolver, this._model));
  }

  getAllowInvalid(): boolean {
    return this._model.allowInvalid;
  }

  getHelpText(): string {
    return this._model.helpText ?? '';
  }

  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return asGas(criteriaType(this._model));
  }

  getCriteriaValues(): unknown[] {
    return criteriaValues(this._model, this.resolver);
  }
}

function criteriaType(rule: DataValidationModel): string {
  switch (rule.kind) {
    case 'list':
      return DataValidationCriteria.VALUE_IN_LIST;
    case 'range':
      return DataValidationCriteria.VALUE_IN_RANGE;
    case 'date':
      return DataValidationCriteria.DATE_IS_VALID_DATE;
    case 'checkbox':
      return DataValidationCriteria.CHECKBOX;
    case 'number':
      return rule.max === undefined
        ? DataValidationCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO
        : DataValidationCriteria.NUMBER_BETWEEN;
  }
}

function criteriaValues(rule: DataValidationModel, resolver: RangeResolver): unknown[] {
  switch (rule.kind) {
    case 'list':
      return [[...(rule.values ?? [])], rule.showDropdown ?? true];
    case 'range':
      return [resolver.rangeOf(rule.rangeA1 ?? ''), rule.showDropdown ?? true];
    case 'number':
      return rule.max === undefined ? [rule.min] : [rule.min, rule.max];
    default:
      return [];
  }
}

export function cloneRule(rule: DataValidationModel): DataValidationModel {
  return { ...rule, values: rule.values ? [...rule.values] : undefined };
}

/** Whether a value a person typed satisfies the rule (empty always does). */
export function validationAccepts(rule: DataValidationModel, value: CellValue, resolver: RangeResolver): boolean {
  if (value === null || value === '') return true;
  switch (rule.kind) {
    case 'list':
      return (rule.values ?? []).includes(textOf(value));
    case 'range':
      return resolver
        .valuesOf(rule.rangeA1 ?? '')
        .flat()
        .some((v) => v !== null && v !== '' && textOf(v) === textOf(value));
    case 'date':
      return isDate(value);
    case 'checkbox':
      return typeof value === 'boolean';
    case 'number':
      return (
        typeof value === 'number' &&
        (rule.min === undefined || value >= rule.min) &&
        (rule.max === undefined || value <= rule.max)
      );
  }
}

function textOf(value: CellValue): string {
  if (isDate(value)) return value.toISOString();
  return String(value);
}

/** The message Sheets shows when a person's input breaks a rule. */
export function validationMessage(rule: DataValidationModel): string {
  if (rule.helpText) return rule.helpText;
  switch (rule.kind) {
    case 'list':
      return `Введите значение из списка: ${(rule.values ?? []).join(', ')}`;
    case 'range':
      return `Введите значение из диапазона ${rule.rangeA1}`;
    case 'date':
      return 'Введите действительную дату';
    case 'checkbox':
      return 'Значение должно быть флажком (TRUE или FALSE)';
    case 'number':
      return rule.max === undefined
        ? `Введите число, большее или равное ${rule.min}`
        : `Введите число от ${rule.min} до ${rule.max}`;
  }
}
