/** Sending over SMTP with nodemailer, and the deterministic Message-ID of a notification's email. */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export interface EmailTransport {
  /** Resolves once the server accepted the message for delivery. */
  send(message: OutgoingEmail): Promise<void>;
}

/**
 * A transport for `smtp://[user:pass@]host:port` (or `smtps://`). One connection per message, and
 * timeouts well inside the notify activity's start-to-close timeout, so a hung server fails the
 * attempt instead of outliving it.
 */
export function smtpTransport(url: string): EmailTransport {
  // Settings in the URL's query (e.g. `?requireTLS=true`) win over these defaults.
  const transporter = nodemailer.createTransport(
    new SMTPTransport({ url, connectionTimeout: 3_000, greetingTimeout: 3_000, socketTimeout: 5_000 }),
  );
  return {
    async send(message) {
      await transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },
  };
}

/**
 * The same Message-ID for every attempt at one notification's email: should a retry resend a
 * message whose acceptance was never recorded, mail clients see one message, not two.
 */
export function messageIdFor(notificationKey: string, from: string): string {
  const hash = createHash('sha256').update(notificationKey).digest('hex').slice(0, 40);
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'escrowflow.local';
  return `<n.${hash}@${domain}>`;
}

/** A 5xx reply (mailbox unknown, message refused): retrying will not change the answer. */
export function isPermanentRejection(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
