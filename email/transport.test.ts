import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { isPermanentRejection, smtpTransport } from './transport.js';

let server: SMTPServer | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A real SMTP server answering RCPT TO with `code`. */
async function refusingServer(code: number): Promise<number> {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(Object.assign(new Error(`${code} no`), { responseCode: code }));
    },
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return (server.server.address() as AddressInfo).port;
}

const message = {
  from: 'no-reply@escrowflow.local',
  to: 'nobody@example.com',
  subject: 's',
  text: 't',
  messageId: '<n.1@escrowflow.local>',
};

describe('smtp transport', () => {
  it('surfaces a 5xx refusal as permanent', async () => {
    const port = await refusingServer(550);
    const err = await smtpTransport(`smtp://127.0.0.1:${port}`)
      .send(message)
      .catch((e: unknown) => e);
    expect(isPermanentRejection(err)).toBe(true);
  });

  it('surfaces a 4xx refusal and a refused connection as worth retrying', async () => {
    const port = await refusingServer(451);
    const busy = await smtpTransport(`smtp://127.0.0.1:${port}`)
      .send(message)
      .catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(Error);
    expect(isPermanentRejection(busy)).toBe(false);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const down = await smtpTransport(`smtp://127.0.0.1:${port}`)
      .send(message)
      .catch((e: unknown) => e);
    expect(down).toBeInstanceOf(Error);
    expect(isPermanentRejection(down)).toBe(false);
  });
});
