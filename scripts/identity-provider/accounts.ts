/**
 * The local identity provider's accounts: a dev sign-in, not a user directory. The first sign-in of a
 * name creates its account with that password; a TOTP secret is enrolled at its first multi-factor
 * login (shown, then kept once a code made with it is entered). Kept in a JSON file under the stack's data directory for `npm start`, in memory for tests.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Secret, TOTP } from 'otpauth';

export type Role = 'buyer' | 'seller' | 'operator';
export const ROLES: readonly Role[] = ['buyer', 'seller', 'operator'];

interface Account {
  /** `salt:hash`, scrypt. */
  password: string;
  role: Role;
  /** Base32 TOTP secret, once enrolled. */
  totp?: string;
}

export class Accounts {
  readonly #accounts: Map<string, Account>;

  constructor(private readonly file?: string) {
    const saved =
      file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Account>) : {};
    this.#accounts = new Map(Object.entries(saved));
  }

  /** The account, created on its first sign-in; undefined when the password is wrong. */
  signIn(name: string, password: string, role: Role): { created: boolean } | undefined {
    const known = this.#accounts.get(name);
    if (!known) {
      this.#accounts.set(name, { password: hashPassword(password), role });
      this.#save();
      return { created: true };
    }
    if (!passwordMatches(known.password, password)) return undefined;
    // A dev provider: whoever signs in says which role they play this time.
    if (known.role !== role) {
      known.role = role;
      this.#save();
    }
    return { created: false };
  }

  roleOf(name: string): Role | undefined {
    return this.#accounts.get(name)?.role;
  }

  /** The account's enrolled TOTP secret (base32), if any. */
  totpSecret(name: string): string | undefined {
    return this.#accounts.get(name)?.totp;
  }

  /** Enrols a secret once a code made with it was checked (the enrolment's proof). */
  enrollTotp(name: string, base32: string): void {
    const account = this.#accounts.get(name);
    if (!account) throw new Error(`no account ${name}`);
    account.totp = base32;
    this.#save();
  }

  #save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(Object.fromEntries(this.#accounts), null, 2), { mode: 0o600 });
  }
}

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The authenticator app's view of a secret (SHA-1, 6 digits, 30 s: what every app supports). */
export const totpOf = (base32: string, label: string, issuer: string) =>
  new TOTP({ issuer, label, secret: Secret.fromBase32(base32), algorithm: 'SHA1', digits: 6, period: 30 });

function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('base64url')}:${scryptSync(password, salt, 32).toString('base64url')}`;
}

function passwordMatches(stored: string, password: string): boolean {
  const [salt, hash] = stored.split(':');
  const expected = Buffer.from(hash ?? '', 'base64url');
  const actual = scryptSync(password, Buffer.from(salt ?? '', 'base64url'), 32);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
