/**
 * Seller webhook deliveries on the kit: a notification for a seller with an endpoint starts one
 * delivery workflow per endpoint and event; an endpoint that never answers 2xx is tried 15 times on
 * the production backoff (5 s doubling to 1 h: about 5½ hours, skipped here) and the delivery ends
 * `failed`; a disabled endpoint stops the retries; a refused target is never sent anything. The kit's
 * endpoints answer with the status codes the test scripts (the HTTP side is activities' unit tests).
 */
import { describe, expect, it } from 'vitest';
import { SELLER_WEBHOOK_RETRY, sellerWebhookDeliveryWorkflowId } from '../../domain/seller-webhooks.js';
import { until } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();

/** The delivery workflow of the first delivery of `endpointId`, once the order's notification started it. */
async function deliveryOf(endpointId: string) {
  const delivery = await until(() => kit.webhooks.deliveriesOf(endpointId)[0]);
  const workflowId = sellerWebhookDeliveryWorkflowId({ deliveryId: delivery.id });
  return { delivery, handle: kit.env.client.workflow.getHandle(workflowId) };
}

describe('seller webhook delivery (kit)', () => {
  it('an order sold to a seller with an endpoint delivers the event once', async () => {
    const order = await kit.placeOrder();
    const endpoint = kit.webhooks.addEndpoint(order.sellerId, { eventTypes: ['order.sold'] });
    await kit.start(order);
    const { delivery, handle } = await deliveryOf(endpoint.id);
    expect(await handle.result()).toEqual({ deliveryId: delivery.id, status: 'delivered' });
    await kit.recordHistory('sellerWebhookDelivery-delivered', handle.workflowId);

    expect(kit.webhooks.deliveriesOf(endpoint.id)).toEqual([
      expect.objectContaining({
        eventType: 'order.sold',
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 200,
      }),
    ]);
    const [received] = kit.webhooks.delivery(delivery.id)!.received;
    expect(received).toMatchObject({ type: 'order.sold', data: { orderId: order.orderId, quantity: 1 } });
    // Only the event types it asked for: order.paid went to the buyer, nothing else to this endpoint.
    expect(kit.webhooks.deliveriesOf(endpoint.id)).toHaveLength(1);
  });

  it('gives up after 15 attempts on the backoff schedule and ends the delivery failed', async () => {
    const order = await kit.placeOrder();
    const endpoint = kit.webhooks.addEndpoint(order.sellerId, {
      eventTypes: ['order.sold'],
      respond: () => 503,
    });
    await kit.start(order);
    const { delivery, handle } = await deliveryOf(endpoint.id);
    expect(await handle.result()).toEqual({ deliveryId: delivery.id, status: 'failed' });

    const attempts = SELLER_WEBHOOK_RETRY.maximumAttempts;
    expect(kit.webhooks.delivery(delivery.id)).toMatchObject({
      status: 'failed',
      attempts,
      lastStatusCode: 503,
    });
    expect(kit.webhooks.delivery(delivery.id)?.received).toHaveLength(attempts);
    expect(kit.webhooks.attempts(delivery.id).map((a) => a.attempt)).toEqual(
      Array.from({ length: attempts }, (_, i) => i + 1),
    );
    // The waits between attempts, on the server's (skipped) clock: 5 s doubling, capped at 1 h.
    const waits = Array.from({ length: attempts - 1 }, (_, i) => Math.min(5 * 2 ** i, 3600));
    const expectedSec = waits.reduce((a, b) => a + b, 0); // 19 515 s, about 5 h 25 min
    const { startTime, closeTime } = await handle.describe();
    const elapsedSec = (closeTime!.getTime() - startTime.getTime()) / 1000;
    expect(elapsedSec).toBeGreaterThanOrEqual(expectedSec);
    expect(elapsedSec).toBeLessThan(expectedSec + 120);
  });

  it('answers 2xx on the third attempt: delivered, the same event every time', async () => {
    const order = await kit.placeOrder();
    const endpoint = kit.webhooks.addEndpoint(order.sellerId, {
      eventTypes: ['order.sold'],
      respond: (attempt) => (attempt < 3 ? 500 : 204),
    });
    await kit.start(order);
    const { delivery, handle } = await deliveryOf(endpoint.id);
    expect(await handle.result()).toEqual({ deliveryId: delivery.id, status: 'delivered' });
    const { received } = kit.webhooks.delivery(delivery.id)!;
    expect(received).toHaveLength(3);
    expect(new Set(received.map((e) => e.id)).size).toBe(1);
  });

  it('stops retrying once the seller disables the endpoint', async () => {
    const order = await kit.placeOrder();
    const endpoint = kit.webhooks.addEndpoint(order.sellerId, {
      eventTypes: ['order.sold'],
      respond: () => 503,
    });
    await kit.start(order);
    const { delivery, handle } = await deliveryOf(endpoint.id);
    await until(() => kit.webhooks.delivery(delivery.id)?.attempts === 1);
    kit.webhooks.disable(endpoint.id);

    expect(await handle.result()).toEqual({ deliveryId: delivery.id, status: 'failed' });
    expect(kit.webhooks.delivery(delivery.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'endpoint disabled',
    });
    expect(kit.webhooks.delivery(delivery.id)?.received).toHaveLength(1);
  });

  it('a target the SSRF policy refuses ends the delivery refused, nothing sent', async () => {
    const order = await kit.placeOrder();
    const endpoint = kit.webhooks.addEndpoint(order.sellerId, { eventTypes: ['order.sold'], unsafe: true });
    await kit.start(order);
    const { delivery, handle } = await deliveryOf(endpoint.id);
    expect(await handle.result()).toEqual({ deliveryId: delivery.id, status: 'refused' });
    expect(kit.webhooks.delivery(delivery.id)).toMatchObject({ status: 'refused', received: [] });
  });
});
