import { describe, expect, it } from 'vitest';
import { renderEmail } from './templates.js';
import { isPermanentRejection, messageIdFor } from './transport.js';

const BASE = 'https://escrow.example/';

describe('email templates', () => {
  it('order.paid names the order and amount and links to the order', () => {
    const { subject, text } = renderEmail(
      {
        type: 'order.paid',
        orderId: 'ord_1',
        payload: { orderId: 'ord_1', amount: 123_456, currency: 'EUR' },
      },
      BASE,
    );
    expect(subject).toBe('Payment received for order ord_1');
    expect(text).toContain('1234.56 EUR');
    expect(text).toContain('https://escrow.example/v1/orders/ord_1');
    expect(text).toContain('order.paid');
  });

  it('formats amounts by the currency exponent', () => {
    const jpy = renderEmail(
      { type: 'order.paid', orderId: 'o', payload: { amount: 1500, currency: 'JPY' } },
      BASE,
    );
    expect(jpy.text).toContain('1500 JPY');
    const bhd = renderEmail(
      { type: 'order.paid', orderId: 'o', payload: { amount: 1005, currency: 'BHD' } },
      BASE,
    );
    expect(bhd.text).toContain('1.005 BHD');
  });

  it.each([
    ['order.sold', 'You sold an item: order o1'],
    ['order.failed', 'Order o1 could not be completed'],
    ['order.shipped', 'Order o1 has shipped'],
    ['order.delivered', 'Order o1 was delivered'],
    ['order.completed', 'Order o1 is complete'],
    ['order.cancelled', 'Order o1 was cancelled'],
    ['order.disputed', 'A dispute was opened on order o1'],
    ['order.dispute_resolved', 'The dispute on order o1 was resolved'],
    ['dispute.opened', 'Dispute update on order o1'],
    ['dispute.escalated', 'Dispute update on order o1'],
    ['order.something_new', 'Update on order o1'],
  ])('%s has its subject', (type, subject) => {
    const email = renderEmail({ type, orderId: 'o1', payload: {} }, BASE);
    expect(email.subject).toBe(subject);
    expect(email.text).toContain('o1');
  });

  it('links dispute emails to the dispute', () => {
    const email = renderEmail(
      { type: 'dispute.evidence', orderId: 'o1', payload: { disputeId: 'dsp_9', orderId: 'o1' } },
      BASE,
    );
    expect(email.text).toContain('https://escrow.example/v1/disputes/dsp_9');
  });

  it('never copies unknown payload fields, and keeps header text on one line', () => {
    const email = renderEmail(
      {
        type: 'order.shipped',
        orderId: 'o1\r\nBcc: x@evil.example',
        payload: {
          carrier: 'UPS\nInjected: yes',
          trackingNumber: '1Z',
          card: { number: '4242424242424242', cvc: '123' },
          paymentMethod: 'pm_card_ok',
          reason: 'not a code!',
        },
      },
      BASE,
    );
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.text).not.toContain('4242');
    expect(email.text).not.toContain('pm_card_ok');
    expect(email.text).toContain('with UPS Injected: yes, tracking number 1Z');
    const cancelled = renderEmail(
      { type: 'order.cancelled', orderId: 'o1', payload: { reason: 'a b' } },
      BASE,
    );
    expect(cancelled.text).not.toContain('a b');
  });

  it('has a generic email for a notification without an order', () => {
    const email = renderEmail({ type: 'account.note', payload: {} }, BASE);
    expect(email.subject).toBe('News from escrowflow');
    expect(email.text).toContain('https://escrow.example/v1/events');
  });
});

describe('email transport helpers', () => {
  it('derives one Message-ID per notification key, in the sender domain', () => {
    const a = messageIdFor('order-1:notify:buyer:paid', 'escrowflow <no-reply@mail.example>');
    expect(a).toBe(messageIdFor('order-1:notify:buyer:paid', 'escrowflow <no-reply@mail.example>'));
    expect(a).toMatch(/^<n\.[0-9a-f]{40}@mail\.example>$/);
    expect(messageIdFor('order-1:notify:seller:sold', 'no-reply@mail.example')).not.toBe(a);
  });

  it('treats only 5xx replies as permanent', () => {
    expect(isPermanentRejection({ responseCode: 550 })).toBe(true);
    expect(isPermanentRejection({ responseCode: 451 })).toBe(false);
    expect(isPermanentRejection(new Error('ECONNREFUSED'))).toBe(false);
  });
});
