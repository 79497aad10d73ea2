/**
 * Plain-text emails per notification type: a subject naming the order, a few lines, a link. Only
 * fields known to be safe are read from the payload (never the payload as a whole), so nothing the
 * workflow carries, card data included, can leak into a message.
 */
import { CURRENCIES, isCurrency } from '../domain/money.js';

export interface EmailContent {
  subject: string;
  text: string;
}

export interface EmailNotification {
  type: string;
  orderId?: string;
  payload: Record<string, unknown>;
}

type Fields = {
  order: string;
  amount?: string;
  code: (key: string) => string | undefined;
  short: (key: string) => string | undefined;
};
type Template = (f: Fields) => { subject: string; lines: string[] };

const TEMPLATES: Record<string, Template> = {
  'order.paid': (f) => ({
    subject: `Payment received for order ${f.order}`,
    lines: [
      `Your payment${f.amount ? ` of ${f.amount}` : ''} for order ${f.order} went through.`,
      'The money is held in escrow and reaches the seller only after you confirm delivery.',
    ],
  }),
  'order.sold': (f) => ({
    subject: `You sold an item: order ${f.order}`,
    lines: [
      `Order ${f.order} is paid and the money is held in escrow.`,
      'Ship it before the ship-by date shown on the order, then add the tracking number.',
    ],
  }),
  'order.failed': (f) => ({
    subject: `Order ${f.order} could not be completed`,
    lines: [
      `Order ${f.order} did not go through${f.code('failureReason') ? ` (${f.code('failureReason')})` : ''}.`,
      'Nothing was charged, or any charge has been reversed.',
    ],
  }),
  'order.shipped': (f) => ({
    subject: `Order ${f.order} has shipped`,
    lines: [
      `Order ${f.order} is on its way${
        f.short('carrier')
          ? ` with ${f.short('carrier')}, tracking number ${f.short('trackingNumber') ?? '-'}`
          : ''
      }.`,
      'The buyer confirms delivery once it arrives (or it is confirmed automatically later).',
    ],
  }),
  'order.delivered': (f) => ({
    subject: `Order ${f.order} was delivered`,
    lines: [
      `Delivery of order ${f.order} is confirmed.`,
      'The funds are released to the seller when the dispute window closes.',
    ],
  }),
  'order.completed': (f) => ({
    subject: `Order ${f.order} is complete`,
    lines: [`Order ${f.order} is complete: the funds were released to the seller.`],
  }),
  'order.cancelled': (f) => ({
    subject: `Order ${f.order} was cancelled`,
    lines: [
      `Order ${f.order} was cancelled${f.code('reason') ? ` (${f.code('reason')})` : ''}.`,
      'The buyer is refunded in full.',
    ],
  }),
  'order.disputed': (f) => ({
    subject: `A dispute was opened on order ${f.order}`,
    lines: [`A dispute was opened on order ${f.order}; the funds stay in escrow until it is resolved.`],
  }),
  'order.dispute_resolved': (f) => ({
    subject: `The dispute on order ${f.order} was resolved`,
    lines: [
      `The dispute on order ${f.order} was resolved${f.code('outcome') ? `: ${f.code('outcome')}` : ''}.`,
    ],
  }),
};

/** Every dispute.* type without a template of its own. */
const disputeUpdate: Template = (f) => ({
  subject: `Dispute update on order ${f.order}`,
  lines: [`There is news on the dispute about order ${f.order}.`],
});

const fallback: Template = (f) => ({
  subject: `Update on order ${f.order}`,
  lines: [`There is news on order ${f.order}.`],
});

/** Renders the email of one notification; `linkBaseUrl` is where users reach the platform. */
export function renderEmail(notification: EmailNotification, linkBaseUrl: string): EmailContent {
  const { type, payload } = notification;
  const orderId = oneLine(notification.orderId ?? str(payload.orderId) ?? '');
  const template =
    TEMPLATES[type] ?? (type.startsWith('dispute.') ? disputeUpdate : orderId ? fallback : undefined);
  const base = linkBaseUrl.replace(/\/+$/, '');
  if (!template || !orderId) {
    return {
      subject: 'News from escrowflow',
      text: [`You have a new notification (${type}).`, '', `Open: ${base}/v1/events`, '', footer(type)].join(
        '\n',
      ),
    };
  }
  const { subject, lines } = template({
    order: orderId,
    amount: money(payload.amount, payload.currency),
    code: (key) => {
      const value = str(payload[key]);
      return value && /^[a-z_]{1,64}$/.test(value) ? value : undefined;
    },
    short: (key) => {
      const value = str(payload[key]);
      return value ? oneLine(value).slice(0, 100) : undefined;
    },
  });
  const disputeId = str(payload.disputeId);
  const link =
    disputeId && /^[A-Za-z0-9_-]{1,64}$/.test(disputeId)
      ? `${base}/v1/disputes/${disputeId}`
      : `${base}/v1/orders/${encodeURIComponent(orderId)}`;
  return {
    subject: oneLine(subject),
    text: [...lines, '', `Order ${orderId}: ${link}`, '', footer(type)].join('\n'),
  };
}

function footer(type: string): string {
  return `You get this email because email notifications for ${type} are on; change that with PUT /v1/me/notification-preferences.`;
}

/** `10000, 'EUR'` → `100.00 EUR`; undefined unless both are well formed. */
function money(amount: unknown, currency: unknown): string | undefined {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || typeof currency !== 'string') return;
  if (!isCurrency(currency)) return;
  const exponent = CURRENCIES[currency];
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const major = Math.floor(abs / 10 ** exponent);
  const minor = exponent ? `.${String(abs % 10 ** exponent).padStart(exponent, '0')}` : '';
  return `${sign}${major}${minor} ${currency}`;
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const oneLine = (value: string) => value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
