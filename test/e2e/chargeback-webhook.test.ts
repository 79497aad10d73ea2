/**
 * A chargeback webhook carries what the bank took, and the API hands exactly that on: to the order's
 * workflow (`order-<id>`, the only one holding its escrow) as the chargeback signal's `amount`, or,
 * once that workflow has closed, as the late-chargeback workflow's input. The API runs in this
 * process over a Temporal client that records the signals and starts it is asked for (and plays the
 * workflow as running or closed), so what the route sends is what is asserted.
 */
import { randomUUID } from 'node:crypto';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../payments/webhook-signature.js';
import { stack, uniqueUser } from '../support/stack.js';
import { type InProcessApi, inProcessApi } from './in-process-api.js';

interface Sent {
  workflowId: string;
  signal?: string;
  start?: string;
  args: unknown[];
}
const sent: Sent[] = [];
/** Workflows the fake treats as closed: a signal to them fails as Temporal's does. */
const closed = new Set<string>();

function recording(real: Client): Client {
  const handleOf = (workflowId: string) =>
    new Proxy(real.workflow.getHandle(workflowId), {
      get: (handle, prop) =>
        prop === 'signal'
          ? async (def: string | { name: string }, ...args: unknown[]) => {
              if (closed.has(workflowId))
                throw new WorkflowNotFoundError(
                  'workflow execution already completed',
                  workflowId,
                  undefined,
                );
              sent.push({ workflowId, signal: typeof def === 'string' ? def : def.name, args });
            }
          : Reflect.get(handle, prop),
    });
  const start = async (type: string | { name: string }, options: { workflowId: string; args: unknown[] }) => {
    sent.push({
      workflowId: options.workflowId,
      start: typeof type === 'string' ? type : type.name,
      args: options.args,
    });
    return handleOf(options.workflowId);
  };
  const workflow = new Proxy(real.workflow, {
    get: (target, prop) =>
      prop === 'getHandle' ? handleOf : prop === 'start' ? start : Reflect.get(target, prop),
  });
  return new Proxy(real, {
    get: (target, prop) => (prop === 'workflow' ? workflow : Reflect.get(target, prop)),
  });
}

let app: InProcessApi;
beforeAll(async () => {
  app = await inProcessApi({ temporal: recording });
});
afterAll(() => app.close());

const now = () => Math.floor(Date.now() / 1000);
/** The first of a secret setting's comma-separated secrets, or the API's development default. */
const firstSecret = (setting: string | undefined, fallback: string) =>
  setting?.split(',')[0]?.trim() || fallback;

/** The sandbox's `charge.dispute.created`, as its chargeback control sends it (sandbox/control.ts). */
async function sandboxChargeback(orderId: string, amount: number) {
  const event = {
    id: `evt_cb_${randomUUID().slice(0, 12)}`,
    type: 'charge.dispute.created',
    created: now(),
    data: {
      object: {
        id: `dp_${randomUUID().slice(0, 8)}`,
        payment_intent: 'pi_cb',
        amount,
        currency: 'EUR',
        reason: 'product_not_received',
        metadata: { orderId },
      },
    },
  };
  const body = JSON.stringify(event);
  const res = await fetch(`${app.url}/v1/webhooks/payments`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'escrowflow-signature': signPayload(
        firstSecret(stack().env.PAYMENTS_WEBHOOK_SECRET, 'whsec_escrowflow_dev'),
        body,
        now(),
      ),
    },
    body,
  });
  return { status: res.status, eventId: event.id };
}

describe('chargeback webhooks carry their amount to the workflows', () => {
  it('a partial chargeback is signalled to order-<id> with its amount', async () => {
    const orderId = `ord_${uniqueUser('cb')}`;
    const { status, eventId } = await sandboxChargeback(orderId, 4_000);
    expect(status).toBe(200);
    expect(sent.filter((s) => s.workflowId.includes(orderId))).toEqual([
      {
        workflowId: `order-${orderId}`,
        signal: 'chargeback',
        args: [{ providerEventId: eventId, reason: 'product_not_received', amount: 4_000 }],
      },
    ]);
  });

  it('once the order’s workflow has closed, the late-chargeback workflow starts with the amount', async () => {
    const orderId = `ord_${uniqueUser('late')}`;
    closed.add(`order-${orderId}`);
    const { status, eventId } = await sandboxChargeback(orderId, 2_500);
    expect(status).toBe(200);
    expect(sent.filter((s) => s.args.some((a) => JSON.stringify(a).includes(orderId)))).toEqual([
      {
        workflowId: `chargeback-${eventId}`,
        start: 'lateChargebackWorkflow',
        args: [{ orderId, providerEventId: eventId, amount: 2_500, currency: 'EUR' }],
      },
    ]);
  });

  it('Stripe’s dispute.amount reaches the signal the same way', async () => {
    const orderId = `ord_${uniqueUser('stripe')}`;
    const event = {
      id: `evt_${randomUUID().replaceAll('-', '')}`,
      object: 'event',
      api_version: '2025-01-27.acacia',
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'charge.dispute.created',
      data: {
        object: {
          id: `dp_${randomUUID().slice(0, 8)}`,
          object: 'dispute',
          amount: 1_200,
          currency: 'eur',
          charge: 'ch_1',
          payment_intent: null,
          reason: 'fraudulent',
          status: 'needs_response',
          metadata: { orderId },
        },
      },
    };
    const payload = JSON.stringify(event);
    const res = await fetch(`${app.url}/v1/webhooks/payments/stripe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: firstSecret(stack().env.STRIPE_WEBHOOK_SECRET, 'whsec_stripe_dev'),
        }),
      },
      body: payload,
    });
    expect(res.status).toBe(200);
    expect(sent.filter((s) => s.workflowId.includes(orderId))).toEqual([
      {
        workflowId: `order-${orderId}`,
        signal: 'chargeback',
        args: [{ providerEventId: event.id, reason: 'fraudulent', amount: 1_200 }],
      },
    ]);
  });
});
