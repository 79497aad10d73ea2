/**
 * A real SMTP receiver for development and tests: accepts every message (no TLS, no auth), parses
 * it and keeps it in memory, newest last. The sandbox lists them at `GET /_sandbox/mail?to=<addr>`.
 * Development only: smtp-server and mailparser are dev dependencies (sandbox/main.ts loads this
 * module only when SANDBOX_SMTP_PORT is set).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string | null;
  from: string | null;
  /** The envelope's recipients (RCPT TO), lowercased. */
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface Mailbox {
  port: number;
  /** Messages for `to` (case-insensitive), or all of them. */
  list(to?: string): ReceivedMail[];
  close(): Promise<void>;
}

const MAX_MESSAGES = 10_000;
const MAX_MESSAGE_BYTES = 1024 * 1024;

export async function startMailbox(
  options: { host?: string; port?: number; log?: (msg: string) => void } = {},
): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    rejectOversized: true,
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      simpleParser(stream).then(
        (mail) => {
          messages.push({
            messageId: mail.messageId ?? null,
            from: mail.from?.text ?? null,
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            receivedAt: new Date().toISOString(),
          });
          if (messages.length > MAX_MESSAGES) messages.splice(0, messages.length - MAX_MESSAGES);
          callback();
        },
        (err: Error) => {
          options.log?.(`mailbox: unparsable message: ${err.message}`);
          callback(err);
        },
      );
    },
  });
  server.on('error', (err) => options.log?.(`mailbox: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    list(to) {
      const wanted = to?.toLowerCase();
      return wanted ? messages.filter((m) => m.to.includes(wanted)) : [...messages];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
