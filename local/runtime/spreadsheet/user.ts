/** Base.User: a person, known by e-mail. */
export class LocalUser implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  static readonly serviceName = 'User';
  constructor(private readonly email: string) {}

  /** the user's e-mail address ('' when unknown, as for anonymous viewers) */
  getEmail(): string {
    return this.email;
  }

  toString(): string {
    return this.email;
  }
}

/** An e-mail from a string or a User object (the overloads of addEditor and friends). */
export function emailOf(user: string | { getEmail(): string }): string {
  return typeof user === 'string' ? user : user.getEmail();
}
