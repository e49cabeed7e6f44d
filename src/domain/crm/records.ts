/**
 * Rows of the CRM tabs as the domain sees them: plain objects keyed by header
 * text (section 1 columns), so the rules never depend on column positions.
 */
import type { CLIENT_STATUSES, CLIENT_TYPES, Stage } from '../workbook/schema';

/** One row of a tab, keyed by header text; unknown headers may be present and are ignored. */
export type RowRecord = Readonly<Record<string, unknown>>;

export type ClientType = (typeof CLIENT_TYPES)[number];
export type ClientStatus = (typeof CLIENT_STATUSES)[number];
export type { Stage };

/** Header names used by the rules (kept in one place so a rename is one edit). */
export const H = {
  clientId: 'ID клиента',
  client: 'Клиент',
  clientType: 'Тип',
  inn: 'ИНН',
  phone: 'Телефон',
  email: 'Email',
  source: 'Источник',
  owner: 'Ответственный',
  clientStatus: 'Статус клиента',
  discount: 'Скидка, %',
  created: 'Дата создания',
  nextContact: 'Следующий контакт',
  note: 'Примечание',
  dealId: 'ID сделки',
  stage: 'Этап',
  stageDate: 'Дата этапа',
  direction: 'Направление',
  need: 'Потребность',
  potential: 'Потенциал, руб.',
  reliability: 'Надёжность',
  reliabilityBasis: 'Основание оценки',
  negotiationDate: 'Дата переговоров',
  offerSum: 'Сумма КП, руб.',
  offerDate: 'Дата КП',
  meetingDate: 'Дата встречи',
  contractNo: '№ договора',
  contractDate: 'Дата договора',
  contractSum: 'Сумма договора, руб.',
  cost: 'Себестоимость, руб.',
  paymentDate: 'Дата оплаты',
  lossReason: 'Причина отказа',
  competitor: 'Конкурент',
  nextStep: 'Следующий шаг',
  claimId: 'ID',
  claimDate: 'Дата',
  claimDeadline: 'Срок ответа',
  claimStatus: 'Статус',
  claimSubject: 'Суть',
} as const;
