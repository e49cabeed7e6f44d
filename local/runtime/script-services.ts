/**
 * The non-spreadsheet services the add-on uses: PropertiesService, CacheService,
 * LockService, Session, Utilities, ScriptApp, MailApp, UrlFetchApp, the Drive
 * advanced service (v3) and Logger. Time comes from the session's clock: Utilities.sleep and lock waits
 * advance it instead of sleeping.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { RuntimeContext, TriggerRecord } from './runtime-context';
import { asGas } from './spreadsheet/gas-types';
import { canOpen, newSpreadsheet } from './spreadsheet/spreadsheet-app';
import { LocalUser } from './spreadsheet/user';
import { formatSimpleDate } from './time-zone';
import { isDate } from './cell-values';
import { driveItems, FOLDER_MIME } from './documents';
import type { DriveItemModel } from './model';

// ---------------------------------------------------------------- PropertiesService

type PropertiesMethods =
  | 'getProperty'
  | 'setProperty'
  | 'deleteProperty'
  | 'getProperties'
  | 'setProperties'
  | 'getKeys'
  | 'deleteAllProperties';

/** Quotas for Google Services: a property value holds 9 KB (with its key), a store 500 KB. */
export const PROPERTY_VALUE_LIMIT_BYTES = 9 * 1024;
export const PROPERTY_STORE_LIMIT_BYTES = 500 * 1024;
/** What Apps Script throws for a value over the limit, and for a full store. */
export const PROPERTY_VALUE_TOO_LARGE_MESSAGE = 'Argument too large: value';
export const PROPERTY_STORAGE_QUOTA_MESSAGE =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export class LocalProperties implements Pick<GoogleAppsScript.Properties.Properties, PropertiesMethods> {
  static readonly serviceName = 'Properties';
  constructor(private readonly store: () => Record<string, string>) {}

  /** Writes `entries` into the store only if every value and the whole store stay within Google's limits. */
  private write(entries: Array<[string, string]>, deleteAllOthers = false): void {
    const store = this.store();
    const next: Record<string, string> = deleteAllOthers ? {} : { ...store };
    for (const [key, value] of entries) {
      if (utf8Bytes(key) + utf8Bytes(value) > PROPERTY_VALUE_LIMIT_BYTES)
        throw new Error(PROPERTY_VALUE_TOO_LARGE_MESSAGE);
      next[key] = value;
    }
    let total = 0;
    for (const [key, value] of Object.entries(next)) total += utf8Bytes(key) + utf8Bytes(value);
    if (total > PROPERTY_STORE_LIMIT_BYTES) throw new Error(PROPERTY_STORAGE_QUOTA_MESSAGE);
    if (deleteAllOthers) for (const key of Object.keys(store)) delete store[key];
    for (const [key, value] of entries) store[key] = value;
  }

  private self(): GoogleAppsScript.Properties.Properties {
    return asGas(this);
  }

  getProperty(key: string): string | null {
    const store = this.store();
    return Object.prototype.hasOwnProperty.call(store, key) ? store[key] : null;
  }
  setProperty(key: string, value: string): GoogleAppsScript.Properties.Properties {
    this.write([[String(key), String(value)]]);
    return this.self();
  }
  deleteProperty(key: string): GoogleAppsScript.Properties.Properties {
    delete this.store()[key];
    return this.self();
  }
  getProperties(): { [key: string]: string } {
    return { ...this.store() };
  }
  setProperties(
    properties: { [key: string]: string },
    deleteAllOthers?: boolean,
  ): GoogleAppsScript.Properties.Properties {
    this.write(
      Object.entries(properties).map(([k, v]) => [k, String(v)]),
      deleteAllOthers,
    );
    return this.self();
  }
  getKeys(): string[] {
    return Object.keys(this.store());
  }
  deleteAllProperties(): GoogleAppsScript.Properties.Properties {
    const store = this.store();
    for (const key of Object.keys(store)) delete store[key];
    return this.self();
  }
}

export class LocalPropertiesService implements Pick<
  GoogleAppsScript.Properties.PropertiesService,
  'getScriptProperties' | 'getUserProperties' | 'getDocumentProperties'
> {
  static readonly serviceName = 'PropertiesService';
  constructor(private readonly ctx: RuntimeContext) {}

  getScriptProperties(): GoogleAppsScript.Properties.Properties {
    return asGas(new LocalProperties(() => this.ctx.scriptProperties));
  }
  /** per user: each person sees their own */
  getUserProperties(): GoogleAppsScript.Properties.Properties {
    const user = this.ctx.current().user;
    return asGas(
      new LocalProperties(() => {
        let store = this.ctx.userProperties.get(user);
        if (!store) this.ctx.userProperties.set(user, (store = {}));
        return store;
      }),
    );
  }
  /** stored in the workbook, so they are saved with it */
  getDocumentProperties(): GoogleAppsScript.Properties.Properties {
    return asGas(new LocalProperties(() => this.ctx.workbook.documentProperties));
  }
}

// ---------------------------------------------------------------- CacheService

interface CacheEntry {
  value: string;
  expires: number;
}

const DEFAULT_EXPIRATION_S = 600;
const MAX_EXPIRATION_S = 21600;

export class LocalCache implements Pick<
  GoogleAppsScript.Cache.Cache,
  'get' | 'put' | 'remove' | 'getAll' | 'putAll' | 'removeAll'
> {
  static readonly serviceName = 'Cache';
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly entries: Map<string, CacheEntry>,
  ) {}

  get(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expires <= this.ctx.now().getTime()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }
  /** expiration in seconds: 600 by default, at most 21600 (6 hours) */
  put(key: string, value: string, expirationInSeconds?: number): void {
    if (key.length > 250) throw new Error('Argument too large: key');
    if (String(value).length > 100 * 1024) throw new Error('Argument too large: value');
    const seconds = Math.min(expirationInSeconds ?? DEFAULT_EXPIRATION_S, MAX_EXPIRATION_S);
    this.entries.set(key, { value: String(value), expires: this.ctx.now().getTime() + seconds * 1000 });
  }
  remove(key: string): void {
    this.entries.delete(key);
  }
  getAll(keys: string[]): { [key: string]: string } {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const value = this.get(key);
      if (value !== null) out[key] = value;
    }
    return out;
  }
  putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  removeAll(keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }
}

export class LocalCacheService implements Pick<
  GoogleAppsScript.Cache.CacheService,
  'getScriptCache' | 'getUserCache' | 'getDocumentCache'
> {
  static readonly serviceName = 'CacheService';
  private readonly caches = new Map<string, Map<string, CacheEntry>>();
  constructor(private readonly ctx: RuntimeContext) {}

  private cache(name: string): GoogleAppsScript.Cache.Cache {
    let entries = this.caches.get(name);
    if (!entries) this.caches.set(name, (entries = new Map()));
    return asGas(new LocalCache(this.ctx, entries));
  }
  getScriptCache(): GoogleAppsScript.Cache.Cache {
    return this.cache('script');
  }
  getUserCache(): GoogleAppsScript.Cache.Cache {
    return this.cache('user:' + this.ctx.current().user);
  }
  getDocumentCache(): GoogleAppsScript.Cache.Cache | null {
    return this.cache('document:' + this.ctx.workbook.id);
  }
}

// ---------------------------------------------------------------- LockService

/** What Apps Script throws when waitLock times out. */
export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export class LocalLock implements Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'waitLock' | 'hasLock' | 'releaseLock'> {
  static readonly serviceName = 'Lock';
  private readonly owner: number;

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly name: string,
  ) {
    this.owner = ctx.current().id;
  }

  private acquire(): boolean {
    const holder = this.ctx.lockHolders.get(this.name);
    if (holder !== undefined && holder !== this.owner) return false;
    this.ctx.lockHolders.set(this.name, this.owner);
    for (const e of this.ctx.executions) if (e.id === this.owner) e.locks.add(this.name);
    return true;
  }

  /**
   * Waits for the lock until it is free or the timeout passes on the runtime
   * clock. Between interleaved executions the wait is real (the scheduler runs
   * the others meanwhile); when the holder is an execution this one was started
   * inside (on one thread), waiting cannot help: the timeout is spent on the
   * clock and the attempt fails.
   */
  tryLock(timeoutInMillis: number): boolean {
    if (this.acquire()) return true;
    const holder = this.ctx.lockHolders.get(this.name) as number;
    const waited = this.ctx.lockWait?.(this.name, timeoutInMillis, holder);
    if (waited !== undefined) return waited || this.acquire();
    this.ctx.advance(timeoutInMillis);
    return false;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }

  hasLock(): boolean {
    return this.ctx.lockHolders.get(this.name) === this.owner;
  }

  releaseLock(): void {
    if (this.hasLock()) {
      this.ctx.lockHolders.delete(this.name);
      for (const e of this.ctx.executions) if (e.id === this.owner) e.locks.delete(this.name);
    }
  }
}

export class LocalLockService implements Pick<
  GoogleAppsScript.Lock.LockService,
  'getDocumentLock' | 'getScriptLock' | 'getUserLock'
> {
  static readonly serviceName = 'LockService';
  constructor(private readonly ctx: RuntimeContext) {}

  getDocumentLock(): GoogleAppsScript.Lock.Lock {
    return asGas(new LocalLock(this.ctx, 'document:' + this.ctx.workbook.id));
  }
  getScriptLock(): GoogleAppsScript.Lock.Lock {
    return asGas(new LocalLock(this.ctx, 'script'));
  }
  getUserLock(): GoogleAppsScript.Lock.Lock {
    return asGas(new LocalLock(this.ctx, 'user:' + this.ctx.current().user));
  }
}

// ---------------------------------------------------------------- Session

export class LocalSessionService implements Pick<
  GoogleAppsScript.Base.Session,
  'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getActiveUserLocale' | 'getTemporaryActiveUserKey'
> {
  static readonly serviceName = 'Session';
  constructor(private readonly ctx: RuntimeContext) {}

  /** blank where Google hides the person (see RuntimeContext.activeEmail) */
  getActiveUser(): GoogleAppsScript.Base.User {
    return asGas(new LocalUser(this.ctx.activeEmail()));
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    return asGas(new LocalUser(this.ctx.effectiveEmail()));
  }
  /** the project's time zone (appsscript.json), not the spreadsheet's (Spreadsheet.getSpreadsheetTimeZone) */
  getScriptTimeZone(): string {
    return this.ctx.scriptTimeZone;
  }
  getActiveUserLocale(): string {
    return 'ru';
  }
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(this.ctx.current().user).digest('base64').slice(0, 24);
  }
}

// ---------------------------------------------------------------- Utilities

export class LocalBlob implements Pick<
  GoogleAppsScript.Base.Blob,
  'getBytes' | 'getDataAsString' | 'getContentType' | 'getName' | 'setName' | 'setContentType' | 'copyBlob'
> {
  static readonly serviceName = 'Blob';
  constructor(
    readonly _bytes: Uint8Array,
    private contentType: string | null,
    private name: string | null,
  ) {}

  getBytes(): number[] {
    return Array.from(this._bytes, (b) => (b > 127 ? b - 256 : b));
  }
  getDataAsString(charset?: string): string {
    return Buffer.from(this._bytes).toString(charset?.toLowerCase() === 'utf-16' ? 'utf16le' : 'utf8');
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string | null): GoogleAppsScript.Base.Blob {
    this.contentType = contentType;
    return asGas(this);
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): GoogleAppsScript.Base.Blob {
    this.name = name;
    return asGas(this);
  }
  copyBlob(): GoogleAppsScript.Base.Blob {
    return asGas(new LocalBlob(new Uint8Array(this._bytes), this.contentType, this.name));
  }
  /** PDF stays PDF: the export already produced it */
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return asGas(new LocalBlob(this._bytes, contentType, this.name));
  }
}

function toBytes(data: unknown): Uint8Array {
  if (typeof data === 'string') return new Uint8Array(Buffer.from(data, 'utf8'));
  if (Array.isArray(data)) return Uint8Array.from(data as number[], (b) => b & 0xff);
  if (data instanceof Uint8Array) return data;
  if (data && typeof data === 'object' && '_bytes' in data) return (data as LocalBlob)._bytes;
  return new Uint8Array();
}

export const DigestAlgorithm = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
} as const;
export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;

type UtilitiesMethods =
  | 'formatDate'
  | 'sleep'
  | 'getUuid'
  | 'newBlob'
  | 'base64Encode'
  | 'base64Decode'
  | 'base64EncodeWebSafe'
  | 'base64DecodeWebSafe'
  | 'computeDigest'
  | 'formatString';

export class LocalUtilities implements Pick<
  GoogleAppsScript.Utilities.Utilities,
  UtilitiesMethods | 'DigestAlgorithm' | 'Charset'
> {
  static readonly serviceName = 'Utilities';
  readonly DigestAlgorithm = asGas<typeof GoogleAppsScript.Utilities.DigestAlgorithm>(DigestAlgorithm);
  readonly Charset = asGas<typeof GoogleAppsScript.Utilities.Charset>(Charset);
  constructor(private readonly ctx: RuntimeContext) {}

  /** Java SimpleDateFormat patterns in the given time zone */
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    if (!isDate(date)) throw new Error('Invalid argument: date');
    return formatSimpleDate(date, timeZone, format);
  }
  /** advances the session's clock instead of blocking */
  sleep(milliseconds: number): void {
    if (milliseconds > 300000) throw new Error('Invalid argument: milliseconds (at most 300000)');
    this.ctx.advance(milliseconds);
  }
  getUuid(): string {
    return randomUUID();
  }
  newBlob(data: unknown, contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
    return asGas(new LocalBlob(toBytes(data), contentType ?? null, name ?? null));
  }
  base64Encode(data: unknown): string {
    return Buffer.from(toBytes(data)).toString('base64');
  }
  base64EncodeWebSafe(data: unknown): string {
    return Buffer.from(toBytes(data)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    return Array.from(Buffer.from(encoded, 'base64'), (b) => (b > 127 ? b - 256 : b));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return this.base64Decode(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  }
  /** bytes as Java's signed bytes, as Apps Script returns them */
  computeDigest(algorithm: GoogleAppsScript.Utilities.DigestAlgorithm, value: unknown): number[] {
    const digest = createHash(String(algorithm)).update(toBytes(value)).digest();
    return Array.from(digest, (b) => (b > 127 ? b - 256 : b));
  }
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return template.replace(/%([sdf%])/g, (m, kind: string) => (kind === '%' ? '%' : String(args[i++])));
  }
}

// ---------------------------------------------------------------- ScriptApp

export const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
export const InstallationSource = {
  APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON',
  NONE: 'NONE',
  WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON',
} as const;
export const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;
export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
} as const;

export class LocalTrigger implements Pick<
  GoogleAppsScript.Script.Trigger,
  'getHandlerFunction' | 'getUniqueId' | 'getEventType' | 'getTriggerSource'
> {
  static readonly serviceName = 'Trigger';
  constructor(readonly _record: TriggerRecord) {}
  getHandlerFunction(): string {
    return this._record.handler;
  }
  getUniqueId(): string {
    return this._record.id;
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    const map = {
      clock: 'CLOCK',
      onOpen: 'ON_OPEN',
      onEdit: 'ON_EDIT',
      onChange: 'ON_CHANGE',
      onFormSubmit: 'ON_FORM_SUBMIT',
    };
    return asGas(map[this._record.kind]);
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return asGas(this._record.kind === 'clock' ? 'CLOCK' : 'SPREADSHEETS');
  }
}

/** newTrigger(fn).timeBased()… and .forSpreadsheet(ss).onEdit()… in one builder. */
export class LocalTriggerBuilder {
  static readonly serviceName = 'TriggerBuilder';
  private readonly record: TriggerRecord;

  constructor(
    private readonly ctx: RuntimeContext,
    handler: string,
  ) {
    this.record = { id: '', handler, kind: 'clock', owner: ctx.current().user };
  }

  timeBased(): this {
    this.record.kind = 'clock';
    return this;
  }
  everyDays(n: number): this {
    this.record.everyDays = n;
    return this;
  }
  everyHours(n: number): this {
    this.record.everyHours = n;
    return this;
  }
  atHour(hour: number): this {
    if (hour < 0 || hour > 23) throw new Error('Invalid argument: hour');
    this.record.atHour = hour;
    return this;
  }
  nearMinute(minute: number): this {
    this.record.nearMinute = minute;
    return this;
  }
  at(date: Date): this {
    this.record.at = new Date(date.getTime());
    return this;
  }
  forSpreadsheet(spreadsheet: unknown): this {
    void spreadsheet;
    return this;
  }
  onOpen(): this {
    this.record.kind = 'onOpen';
    return this;
  }
  onEdit(): this {
    this.record.kind = 'onEdit';
    return this;
  }
  onChange(): this {
    this.record.kind = 'onChange';
    return this;
  }
  onFormSubmit(): this {
    this.record.kind = 'onFormSubmit';
    return this;
  }
  /** Apps Script allows 20 triggers per user per script. */
  create(): GoogleAppsScript.Script.Trigger {
    const mine = this.ctx.triggers.filter((t) => t.owner === this.record.owner);
    if (mine.length >= 20)
      throw new Error(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    if (
      this.record.kind === 'clock' &&
      this.record.everyDays === undefined &&
      this.record.everyHours === undefined &&
      !this.record.at
    ) {
      throw new Error('The trigger needs a schedule: everyDays, everyHours or at.');
    }
    const record = {
      ...this.record,
      id: String(Date.now() % 1e9) + String(this.ctx.triggers.length + 1).padStart(3, '0'),
      createdAt: this.ctx.now().toISOString(),
    };
    this.ctx.triggers.push(record);
    return asGas(new LocalTrigger(record));
  }
}

/** ScriptApp.AuthorizationStatus */
export const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' } as const;

/**
 * ScriptApp.getAuthorizationInfo(authMode[, scopes]): whether the user still has to
 * grant some of the manifest's scopes, and which of `scopes` (or of all) they granted.
 */
export class LocalAuthorizationInfo {
  static readonly serviceName = 'AuthorizationInfo';
  constructor(
    private readonly required: readonly string[],
    private readonly granted: readonly string[],
    private readonly asked: readonly string[] | undefined,
  ) {}
  getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus {
    const missing = this.required.some((s) => !this.granted.includes(s));
    return asGas(missing ? AuthorizationStatus.REQUIRED : AuthorizationStatus.NOT_REQUIRED);
  }
  getAuthorizationUrl(): string | null {
    return this.getAuthorizationStatus() === asGas(AuthorizationStatus.REQUIRED)
      ? 'https://script.google.com/macros/d/local/authorize'
      : null;
  }
  getAuthorizedScopes(): string[] {
    const list = this.asked ?? this.required;
    return list.filter((s) => this.granted.includes(s));
  }
}

type ScriptAppMethods =
  | 'getAuthorizationInfo'
  | 'getInstallationSource'
  | 'newTrigger'
  | 'getProjectTriggers'
  | 'getUserTriggers'
  | 'deleteTrigger'
  | 'getOAuthToken'
  | 'getScriptId';

export class LocalScriptApp implements Pick<
  GoogleAppsScript.Script.ScriptApp,
  ScriptAppMethods | 'AuthMode' | 'AuthorizationStatus' | 'InstallationSource' | 'TriggerSource' | 'EventType'
> {
  static readonly serviceName = 'ScriptApp';
  readonly AuthorizationStatus = asGas<typeof GoogleAppsScript.Script.AuthorizationStatus>(AuthorizationStatus);
  readonly AuthMode = asGas<typeof GoogleAppsScript.Script.AuthMode>(AuthMode);
  readonly InstallationSource = asGas<typeof GoogleAppsScript.Script.InstallationSource>(InstallationSource);
  readonly TriggerSource = asGas<typeof GoogleAppsScript.Script.TriggerSource>(TriggerSource);
  readonly EventType = asGas<typeof GoogleAppsScript.Script.EventType>(EventType);

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly installation: () => keyof typeof InstallationSource,
  ) {}

  /** what the running user granted; `scopes` narrows the answer of getAuthorizedScopes to that list */
  getAuthorizationInfo(
    authMode: GoogleAppsScript.Script.AuthMode,
    scopes?: string[],
  ): GoogleAppsScript.Script.AuthorizationInfo {
    void authMode; // FULL is the only mode that needs consent
    const ctx = this.ctx;
    return asGas(new LocalAuthorizationInfo(ctx.manifestScopes, ctx.scopesOf(ctx.current().user), scopes));
  }
  /** NONE for a script bound to the spreadsheet; an add-on installation otherwise */
  getInstallationSource(): GoogleAppsScript.Script.InstallationSource {
    return asGas(this.installation());
  }
  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    return asGas(new LocalTriggerBuilder(this.ctx, functionName));
  }
  /** this user's triggers of this project */
  getProjectTriggers(): GoogleAppsScript.Script.Trigger[] {
    const user = this.ctx.current().user;
    return this.ctx.triggers
      .filter((t) => t.owner === user)
      .map((t) => asGas<GoogleAppsScript.Script.Trigger>(new LocalTrigger(t)));
  }
  getUserTriggers(container: object): GoogleAppsScript.Script.Trigger[] {
    void container; // one spreadsheet per session
    return this.getProjectTriggers();
  }
  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
    const id = trigger.getUniqueId();
    const index = this.ctx.triggers.findIndex((t) => t.id === id);
    if (index >= 0) this.ctx.triggers.splice(index, 1);
  }
  getOAuthToken(): string {
    return 'local-token-' + Buffer.from(this.ctx.current().user).toString('hex').slice(0, 16);
  }
  getScriptId(): string {
    return this.ctx.scriptId;
  }
}

// ---------------------------------------------------------------- MailApp

/** Quotas for Google Services: e-mail recipients per day, per user (100 on gmail, 1 500 on Workspace). */
export const DAILY_MAIL_RECIPIENTS = { consumer: 100, workspace: 1500 } as const;
export const MAIL_QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';

const recipientsOf = (...lists: Array<string | undefined>) =>
  lists.flatMap((list) => (list ? list.split(',').map((a) => a.trim()) : [])).filter((a) => a !== '').length;

/** An attachment as the mail event records it. */
export interface MailAttachment {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

function attachmentsOf(value: unknown): MailAttachment[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((a) => {
    // a Blob, or a BlobSource such as an HTTPResponse (getBlob)
    const blob = (a instanceof LocalBlob ? a : (a as { getBlob?: () => unknown }).getBlob?.()) as LocalBlob | undefined;
    if (!(blob instanceof LocalBlob)) throw new Error('Invalid argument: attachments');
    return { name: blob.getName() ?? '', contentType: blob.getContentType() ?? '', bytes: blob._bytes };
  });
}

/** Past the day's quota sendEmail throws Google's error and sends nothing; attachments go with the mail event. */
export class LocalMailApp implements Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'> {
  static readonly serviceName = 'MailApp';
  /** recipients sent to, by user and day (the quota resets each day) */
  private readonly sent = new Map<string, number>();
  constructor(private readonly ctx: RuntimeContext) {}

  private key(): string {
    return `${this.ctx.current().user}|${this.ctx.now().toISOString().slice(0, 10)}`;
  }

  /** sendEmail(to, subject, body[, options]) or sendEmail({to, subject, body, htmlBody, attachments…}) */
  sendEmail(a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
    let message: { to: string; subject: string; body: string; htmlBody?: string; attachments?: MailAttachment[] };
    let copies: { cc?: string; bcc?: string };
    if (typeof a === 'object' && a !== null) {
      const m = a as Record<string, unknown>;
      message = {
        to: String(m.to ?? ''),
        subject: String(m.subject ?? ''),
        body: String(m.body ?? ''),
        htmlBody: m.htmlBody as string | undefined,
        attachments: attachmentsOf(m.attachments),
      };
      copies = { cc: m.cc as string | undefined, bcc: m.bcc as string | undefined };
    } else {
      const options = (d ?? {}) as Record<string, unknown>;
      message = {
        to: String(a),
        subject: String(b ?? ''),
        body: String(c ?? ''),
        htmlBody: options.htmlBody as string | undefined,
        attachments: attachmentsOf(options.attachments),
      };
      copies = { cc: options.cc as string | undefined, bcc: options.bcc as string | undefined };
    }
    if (!message.to) throw new Error('Failed to send email: no recipient');
    const recipients = recipientsOf(message.to, copies.cc, copies.bcc);
    if (recipients > this.getRemainingDailyQuota()) throw new Error(MAIL_QUOTA_MESSAGE);
    this.sent.set(this.key(), (this.sent.get(this.key()) ?? 0) + recipients);
    const { attachments, ...rest } = message;
    this.ctx.record({
      type: 'mail',
      ...rest,
      ...(message.htmlBody === undefined ? { htmlBody: undefined } : {}),
      ...(attachments ? { attachments } : {}),
    });
  }
  getRemainingDailyQuota(): number {
    return DAILY_MAIL_RECIPIENTS[this.ctx.accounts] - (this.sent.get(this.key()) ?? 0);
  }
}

// ---------------------------------------------------------------- UrlFetchApp and Drive

export class LocalHttpResponse implements Pick<
  GoogleAppsScript.URL_Fetch.HTTPResponse,
  'getResponseCode' | 'getBlob' | 'getContent' | 'getContentText' | 'getHeaders'
> {
  static readonly serviceName = 'HTTPResponse';
  constructor(
    private readonly code: number,
    private readonly bytes: Uint8Array,
    private readonly contentType: string,
    private readonly name: string,
  ) {}
  getResponseCode(): number {
    return this.code;
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return asGas(new LocalBlob(this.bytes, this.contentType, this.name));
  }
  getContent(): number[] {
    return new LocalBlob(this.bytes, null, null).getBytes();
  }
  getContentText(): string {
    return Buffer.from(this.bytes).toString('utf8');
  }
  getHeaders(): object {
    return { 'Content-Type': this.contentType };
  }
}

/**
 * Only a spreadsheet's export URL can be fetched (the PDF export): the
 * session's spreadsheet or one of its registry that the user may open; it is
 * delegated to the session's exporter. Anything else fails as an unreachable
 * host would.
 */
export class LocalUrlFetchApp implements Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch'> {
  static readonly serviceName = 'UrlFetchApp';
  constructor(private readonly ctx: RuntimeContext) {}

  fetch(
    url: string,
    params?: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions,
  ): GoogleAppsScript.URL_Fetch.HTTPResponse {
    void params;
    const m = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([^/?#]+)\/export(?:[?#]|$)/.exec(url);
    const id = m ? decodeURIComponent(m[1]) : '';
    const workbook = id === this.ctx.workbook.id ? this.ctx.workbook : this.ctx.otherWorkbooks.get(id);
    if (!workbook) throw new Error(`Address unavailable: ${url}`);
    const user = this.ctx.current().user;
    if (workbook !== this.ctx.workbook && !canOpen(workbook, user)) {
      throw new Error(`Request failed for https://docs.google.com returned code 401`);
    }
    if (!this.ctx.exporter)
      throw new Error(
        'Exception: Request failed for https://docs.google.com returned code 500 (no exporter in the local runtime)',
      );
    // Sheets exports computed values: formulas written by the script are evaluated first
    this.ctx.forWorkbook(workbook).engine.recalculate();
    const { bytes, contentType } = this.ctx.exporter(url, workbook);
    const extension = contentType === 'application/pdf' ? 'pdf' : 'xlsx';
    return asGas(new LocalHttpResponse(200, bytes, contentType, `${workbook.name}.${extension}`));
  }
}

type DriveFile = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
type FilesCollection = GoogleAppsScript.Drive_v3.Drive.V3.Collection.FilesCollection;

/** What files.create answers without `fields` (Drive API v3). */
const DEFAULT_FILE_FIELDS = ['kind', 'id', 'name', 'mimeType'];

/** Drive's answer for an ID the caller cannot reach (no such file, or not one the `drive.file` scope grants). */
function notFound(method: string, fileId: string): Error {
  return new Error(`API call to drive.files.${method} failed with error: File not found: ${fileId}.`);
}

/** The MIME type of a Google Sheets file on Drive. */
export const GOOGLE_SHEETS_MIME_TYPE = 'application/vnd.google-apps.spreadsheet';

/** The fields of a file that files.create was asked for (`fields=id,name`), or Drive's default ones. */
function pickFields(full: Record<string, unknown>, optionalArgs?: Record<string, unknown>): DriveFile {
  const fields = typeof optionalArgs?.fields === 'string' ? optionalArgs.fields.split(',') : DEFAULT_FILE_FIELDS;
  const out: Record<string, unknown> = {};
  for (const field of fields.map((f) => f.trim())) if (field in full) out[field] = full[field];
  return out as DriveFile;
}

/**
 * Drive.Files of the Drive advanced service: create (a file with an uploaded
 * blob, or a folder), get, update (rename, move between folders) and remove.
 * Uploaded files are kept in the session (the local page serves them at their
 * webViewLink) and handed to the session's onFileCreated hook; folders and
 * Google Docs documents are kept with the workbook (documents.ts).
 *
 * The add-on asks only for `drive.file`: through Drive it reaches only the
 * files and folders it created for the same user. Another user's file, even
 * one shared with them, is "File not found", as Drive answers for a file out of reach.
 */
export class LocalDriveFiles implements Pick<FilesCollection, 'create' | 'remove' | 'update'> {
  static readonly serviceName = 'Drive.Files';
  constructor(private readonly ctx: RuntimeContext) {}

  private user(): string {
    return this.ctx.current().user;
  }

  /** A folder or document the user reaches through drive.file, or null. */
  private item(fileId: string): DriveItemModel | null {
    const item = driveItems(this.ctx).find((d) => d.id === fileId);
    return item && item.owner === this.user() ? item : null;
  }

  /** The folders a new file goes into: each must be the user's folder; none is My Drive. */
  private parentsOf(resource: DriveFile, method: string): string[] {
    const parents = (resource.parents as string[] | undefined) ?? [];
    for (const id of parents) {
      const folder = id === 'root' ? null : this.item(id);
      if (id !== 'root' && (!folder || folder.mimeType !== FOLDER_MIME)) throw notFound(method, id);
    }
    return parents.length > 0 ? [...parents] : ['root'];
  }

  create(
    resource: DriveFile,
    mediaData?: GoogleAppsScript.Base.Blob,
    optionalArgs?: Record<string, unknown>,
  ): DriveFile {
    const blob = mediaData as unknown as LocalBlob | undefined;
    const name = resource.name ?? blob?.getName() ?? 'Untitled';
    const mimeType = resource.mimeType ?? blob?.getContentType() ?? 'application/octet-stream';
    if (mimeType === GOOGLE_SHEETS_MIME_TYPE && !blob) {
      // a new Google Sheet: the app created it, so `drive.file` lets the app open and delete it
      const workbook = newSpreadsheet(this.ctx, name);
      return pickFields(
        {
          kind: 'drive#file',
          id: workbook.id,
          name,
          mimeType,
          webViewLink: `https://docs.google.com/spreadsheets/d/${workbook.id}/edit`,
        },
        optionalArgs,
      );
    }
    const parents = this.parentsOf(resource, 'create');
    if (mimeType === FOLDER_MIME) {
      const id = 'folder-' + randomUUID();
      driveItems(this.ctx).push({ id, name, mimeType, owner: this.user(), parents, writers: [], readers: [] });
      const webViewLink = `https://drive.google.com/drive/folders/${id}`;
      return pickFields({ kind: 'drive#file', id, name, mimeType, parents, webViewLink }, optionalArgs);
    }
    const bytes = blob ? blob._bytes : new Uint8Array();
    const id = 'file-' + randomUUID();
    const stored = { name, mimeType, bytes, parents, owner: this.user() };
    this.ctx.files.set(id, stored);
    const webViewLink = `/files/${id}`;
    this.ctx.record({ type: 'download', name, mimeType, url: webViewLink });
    this.ctx.onFileCreated?.({ id, ...stored });
    return pickFields({ kind: 'drive#file', id, name, mimeType, parents, webViewLink }, optionalArgs);
  }

  /** files.get: the metadata of a file the user reaches (`fields` picks them); trashed items are not modelled. */
  get(fileId: string, optionalArgs?: Record<string, unknown>): DriveFile {
    const item = this.item(fileId);
    if (item) {
      const webViewLink =
        item.mimeType === FOLDER_MIME
          ? `https://drive.google.com/drive/folders/${item.id}`
          : `https://docs.google.com/document/d/${item.id}/edit`;
      return pickFields({ kind: 'drive#file', ...item, webViewLink }, optionalArgs);
    }
    const stored = this.ctx.files.get(fileId);
    if (!stored || stored.owner !== this.user()) throw notFound('get', fileId);
    return pickFields(
      {
        kind: 'drive#file',
        id: fileId,
        name: stored.name,
        mimeType: stored.mimeType,
        parents: stored.parents,
        webViewLink: `/files/${fileId}`,
      },
      optionalArgs,
    );
  }

  /** files.update: a new name, and `addParents` / `removeParents` (comma-separated folder IDs) to move it. */
  update(
    resource: DriveFile,
    fileId: string,
    mediaData?: GoogleAppsScript.Base.Blob,
    optionalArgs?: Record<string, unknown>,
  ): DriveFile {
    void mediaData;
    const item = this.item(fileId);
    const stored = item ? null : this.ctx.files.get(fileId);
    if (!item && (!stored || stored.owner !== this.user())) throw notFound('update', fileId);
    const list = (v: unknown) => (typeof v === 'string' && v !== '' ? v.split(',').map((x) => x.trim()) : []);
    const add = list(optionalArgs?.addParents);
    this.parentsOf({ parents: add.filter((p) => p !== 'root') }, 'update');
    const remove = new Set(list(optionalArgs?.removeParents));
    const target = (item ?? stored)!;
    const parents = [
      ...(target.parents ?? ['root']).filter((p) => !remove.has(p)),
      ...add.filter((p) => !(target.parents ?? []).includes(p)),
    ];
    target.parents = parents;
    if (resource?.name) target.name = resource.name;
    return this.get(fileId, optionalArgs);
  }

  /** files.delete: the file is gone at once (not trashed); an unknown ID is Drive's 404 */
  remove(fileId: string): void {
    const book = this.ctx.otherWorkbooks.get(fileId);
    if (book) {
      // only the owner deletes a file (an editor gets Drive's 403)
      if (book.owner.toLowerCase() !== this.ctx.current().user.toLowerCase()) {
        throw new Error(
          `API call to drive.files.delete failed with error: The user does not have sufficient permissions for this file.`,
        );
      }
      this.ctx.otherWorkbooks.delete(fileId);
      return;
    }
    const stored = this.ctx.files.get(fileId);
    if (!stored) throw new Error(`API call to drive.files.delete failed with error: File not found: ${fileId}.`);
    this.ctx.files.delete(fileId);
    this.ctx.onFileRemoved?.({ id: fileId, ...stored });
  }
}

type PermissionsCollection = GoogleAppsScript.Drive_v3.Drive.V3.Collection.PermissionsCollection;
type DrivePermission = GoogleAppsScript.Drive_v3.Drive.V3.Schema.Permission;

/**
 * Drive.Permissions: create shares a folder or document the user reaches with
 * one person (type 'user', role 'reader' or 'writer'); a share reaches the
 * person through DocumentApp (the `documents` scope), not through drive.file.
 */
export class LocalDrivePermissions implements Pick<PermissionsCollection, 'create'> {
  static readonly serviceName = 'Drive.Permissions';
  constructor(private readonly ctx: RuntimeContext) {}

  create(resource: DrivePermission, fileId: string, optionalArgs?: Record<string, unknown>): DrivePermission {
    void optionalArgs;
    const item = driveItems(this.ctx).find((d) => d.id === fileId);
    if (!item || item.owner !== this.ctx.current().user) {
      throw new Error(`API call to drive.permissions.create failed with error: File not found: ${fileId}.`);
    }
    const email = String(resource.emailAddress ?? '').toLowerCase();
    if (resource.type !== 'user' || !email)
      throw new Error('API call to drive.permissions.create failed with error: Invalid permission type or e-mail.');
    const role = resource.role;
    if (role !== 'reader' && role !== 'writer')
      throw new Error(`API call to drive.permissions.create failed with error: Invalid role: ${String(role)}.`);
    if (email !== item.owner) {
      const list = role === 'writer' ? item.writers : item.readers;
      if (!list.includes(email)) list.push(email);
    }
    return {
      kind: 'drive#permission',
      id: 'perm-' + email,
      type: 'user',
      role,
      emailAddress: email,
    } as DrivePermission;
  }
}

/** The Drive advanced service (v3), as enabled in appsscript.json under the symbol `Drive`. */
export class LocalDrive implements Pick<GoogleAppsScript.Drive, 'Files' | 'Permissions'> {
  static readonly serviceName = 'Drive';
  readonly Files: FilesCollection;
  readonly Permissions: PermissionsCollection;
  constructor(files: FilesCollection, permissions: PermissionsCollection) {
    this.Files = files;
    this.Permissions = permissions;
  }
}

// ---------------------------------------------------------------- Logger

export class LocalLogger implements Pick<GoogleAppsScript.Base.Logger, 'log' | 'getLog' | 'clear'> {
  static readonly serviceName = 'Logger';
  constructor(private readonly ctx: RuntimeContext) {}

  log(data: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    let text = String(data);
    values.forEach((v, i) => (text = text.replace(`{${i}}`, String(v))));
    this.ctx.log.push(text);
    return asGas(this);
  }
  getLog(): string {
    return this.ctx.log.join('\n');
  }
  clear(): void {
    this.ctx.log.length = 0;
  }
}
