/**
 * The email step of the notify activity. Each notification key gets one `email_deliveries` row,
 * claimed before the SMTP send and marked `sent` once the server accepted the message, so a retried
 * activity never emails twice. (Only a crash between the server's acceptance and that mark can
 * send again: SMTP has no idempotency key; the repeat carries the same Message-ID.) A user over the
 * burst limit gets the email later, not never: the attempt fails with a retry delay that ends with
 * the window.
 */
import {
  claimEmailDelivery,
  countEmailAttempt,
  type EmailClaim,
  markEmailFailed,
  markEmailSent,
  recordEmailError,
  skipEmailDelivery,
} from '../db/queries/email-deliveries.js';
import { EMAIL_FAILURES, ExpectedFailure } from '../domain/failures.js';
import type { NotifyInput } from '../domain/notifications.js';
import { createBurstLimiter } from '../email/burst-limit.js';
import { renderEmail } from '../email/templates.js';
import { isPermanentRejection, messageIdFor, smtpTransport } from '../email/transport.js';
import type { ActivityDeps } from './deps.js';

export interface EmailSettings {
  /** `smtp://…` of the relay (SMTP_URL); absent, the email channel is off. */
  smtpUrl?: string;
  /** The From header (EMAIL_FROM). */
  from: string;
  /** Emails per user per burst window (EMAIL_PER_USER_PER_MINUTE). */
  perUserPerWindow: number;
  /** A minute; tests shorten it. */
  windowMs?: number;
  /** Where links in emails point (PUBLIC_URL). */
  linkBaseUrl: string;
}

const MAX_SMTP_BACKOFF_MS = 5 * 60_000;

export interface EmailRecipient {
  /** The user's address now; null when they have none. */
  address: string | null;
  /** Whether their preferences let this type out by email. */
  enabled: boolean;
}

export function createEmailChannel({ db, redis, log, email }: ActivityDeps) {
  if (!email?.smtpUrl) {
    log.info('SMTP_URL is not set: email notifications are off');
    return { enabled: false, async deliver(_input: NotifyInput, _to: EmailRecipient) {} };
  }
  const settings = email;
  const transport = smtpTransport(email.smtpUrl);
  const burst = createBurstLimiter(redis, {
    limit: email.perUserPerWindow,
    windowMs: email.windowMs ?? 60_000,
    onUnavailable: (err) => log.warn({ err: err.message }, 'email burst limiter unavailable; sending anyway'),
  });

  return {
    enabled: true,
    async deliver(input: NotifyInput, to: EmailRecipient): Promise<void> {
      if (!to.address) return;
      const key = input.dedupeKey;
      const content = renderEmail(input, settings.linkBaseUrl);
      const claim: EmailClaim = {
        notificationKey: key,
        userId: input.userId,
        toAddress: to.address,
        subject: content.subject,
        messageId: messageIdFor(key, settings.from),
      };
      if (!to.enabled) {
        await skipEmailDelivery(db, claim);
        return;
      }
      // An earlier attempt's claim keeps its address, subject and Message-ID.
      const delivery = await claimEmailDelivery(db, claim);
      if (delivery.status !== 'sending') return;

      const verdict = await burst.hit(input.userId);
      if (!verdict.allowed) {
        throw new ExpectedFailure(
          EMAIL_FAILURES.rateLimited,
          `email ${verdict.count} to user ${input.userId} in this window is over the limit of ${settings.perUserPerWindow}; sending in ${verdict.retryInMs} ms`,
          { retryAfterMs: verdict.retryInMs },
        );
      }

      const attempt = await countEmailAttempt(db, key);
      if (attempt === undefined) return; // settled by a concurrent attempt
      try {
        await transport.send({
          from: settings.from,
          to: delivery.toAddress,
          subject: delivery.subject,
          text: content.text,
          messageId: delivery.messageId,
        });
      } catch (err) {
        const reason = (err as Error).message ?? String(err);
        if (isPermanentRejection(err)) {
          // The in-app notification is out; a refused address must not fail the order's workflow.
          await markEmailFailed(db, key, reason);
          log.warn(
            { notificationKey: key, userId: input.userId, err: reason },
            'email refused by the server',
          );
          return;
        }
        await recordEmailError(db, key, reason);
        throw new ExpectedFailure(EMAIL_FAILURES.unavailable, `sending email ${key} failed: ${reason}`, {
          retryAfterMs: Math.min(1000 * 2 ** (attempt - 1), MAX_SMTP_BACKOFF_MS),
        });
      }
      await markEmailSent(db, key);
    },
  };
}
