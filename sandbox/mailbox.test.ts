import { afterEach, describe, expect, it } from 'vitest';
import { smtpTransport } from '../email/transport.js';
import { createSandboxApp } from './app.js';
import { type Mailbox, startMailbox } from './mailbox.js';

let mailbox: Mailbox | undefined;
afterEach(async () => {
  await mailbox?.close();
  mailbox = undefined;
});

describe('sandbox mailbox', () => {
  it('receives mail over SMTP and lists it per recipient on /_sandbox/mail', async () => {
    mailbox = await startMailbox();
    const transport = smtpTransport(`smtp://127.0.0.1:${mailbox.port}`);
    await transport.send({
      from: 'escrowflow <no-reply@escrowflow.local>',
      to: 'Ada@Example.com',
      subject: 'Payment received for order o1',
      text: 'Order o1 is paid.',
      messageId: '<n.abc@escrowflow.local>',
    });
    await transport.send({
      from: 'no-reply@escrowflow.local',
      to: 'bob@example.com',
      subject: 'other',
      text: 'other',
      messageId: '<n.def@escrowflow.local>',
    });

    const { app } = createSandboxApp({ mailbox });
    const res = await app.request('/_sandbox/mail?to=ada@example.com');
    expect(res.status).toBe(200);
    const mail = (await res.json()) as Array<Record<string, unknown>>;
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      messageId: '<n.abc@escrowflow.local>',
      from: '"escrowflow" <no-reply@escrowflow.local>',
      to: ['ada@example.com'],
      subject: 'Payment received for order o1',
      text: 'Order o1 is paid.\n',
    });
    expect(Date.parse(String(mail[0]?.receivedAt))).not.toBeNaN();
    expect(await (await app.request('/_sandbox/mail')).json()).toHaveLength(2);
  });

  it('answers 404 when the sandbox runs without a receiver', async () => {
    const { app } = createSandboxApp();
    expect((await app.request('/_sandbox/mail')).status).toBe(404);
  });
});
