/**
 * Key material for the local stack, made on this machine and kept beside its data (git-ignored), never
 * in the repo: a codec key file per data directory (`npm start`: once, kept across restarts so old
 * histories stay readable; tests: per run), mode 0600.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCodecKeyLine } from '../../codec/keys.js';

export function ensureCodecKeyFile(dir: string): string {
  const secrets = join(dir, 'secrets');
  const file = join(secrets, 'codec-keys');
  mkdirSync(secrets, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) {
    const header = '# id:base64key, newest (active) first; keep old keys below while histories need them\n';
    writeFileSync(file, `${header}${generateCodecKeyLine()}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return file;
}
