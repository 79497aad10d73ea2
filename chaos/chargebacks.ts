/**
 * The cardholder's bank: chargebacks through the sandbox's control endpoint
 * (`POST /_sandbox/payment_intents/:id/chargeback`), which takes back what the intent still holds and
 * sends the platform a signed `charge.dispute.created` webhook. The load calls it at chosen moments of
 * an order's life; every call is kept for the figures.
 */
import type postgres from 'postgres';
import { sleep } from './client.js';

/** When in the order's life the bank takes the money back. */
export const CHARGEBACK_MOMENTS = ['paid', 'ship', 'confirm', 'dispute', 'cancel'] as const;
export type ChargebackMoment = (typeof CHARGEBACK_MOMENTS)[number];

export interface ChargebackEvent {
  orderId: string;
  moment: ChargebackMoment;
  at: string;
  intentId: string;
  /** `nothing_to_dispute`: the provider held nothing any more (refunded first): no chargeback. */
  result: 'charged_back' | 'nothing_to_dispute';
  amount?: number;
}

type Sql = ReturnType<typeof postgres>;

export class Bank {
  readonly events: ChargebackEvent[] = [];

  constructor(
    private readonly sql: Sql,
    private readonly sandboxUrl: string,
  ) {}

  /** The order's payment intent, from its row; the chaos cuts database connections, so it asks again. */
  private async intentOf(orderId: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        const [row] = await this.sql<{ payment_intent_id: string | null }[]>`
          select payment_intent_id from orders where id = ${orderId}`;
        if (row?.payment_intent_id) return row.payment_intent_id;
        throw new Error(`order ${orderId} has no payment intent`);
      } catch (err) {
        if (attempt >= 5) throw err;
        await sleep(500 * attempt);
      }
    }
  }

  async chargeBack(orderId: string, moment: ChargebackMoment): Promise<ChargebackEvent> {
    const intentId = await this.intentOf(orderId);
    const at = new Date().toISOString();
    const res = await fetch(`${this.sandboxUrl}/_sandbox/payment_intents/${intentId}/chargeback`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'fraudulent' }),
    });
    const body = (await res.json().catch(() => ({}))) as {
      amount?: number;
      error?: { code?: string };
    };
    let event: ChargebackEvent;
    if (res.status === 201) {
      event = { orderId, moment, at, intentId, result: 'charged_back', amount: body.amount! };
    } else if (res.status === 409 && body.error?.code === 'nothing_to_dispute') {
      event = { orderId, moment, at, intentId, result: 'nothing_to_dispute' };
    } else {
      throw new Error(`chargeback of ${intentId}: ${res.status} ${JSON.stringify(body)}`);
    }
    this.events.push(event);
    return event;
  }
}
