/**
 * The cardholder's bank: chargebacks through the sandbox's control endpoint
 * (`POST /_sandbox/payment_intents/:id/chargeback`), which takes back what the intent still holds, or
 * a part of it, and sends the platform a signed `charge.dispute.created` webhook with the amount. The
 * load calls it at chosen moments of an order's life; every call is kept for the figures.
 */
import type postgres from 'postgres';
import { seededRandom } from '../sandbox/faults.js';
import type { IntentRecord } from '../sandbox/store.js';
import { sleep } from './client.js';

/**
 * When in the order's life the bank takes the money back; `resolve`: beside an operator's resolution
 * or the seller's acceptance of a dispute, `resolved`: right after its answer.
 */
export const CHARGEBACK_MOMENTS = [
  'paid',
  'ship',
  'confirm',
  'dispute',
  'cancel',
  'resolve',
  'resolved',
] as const;
export type ChargebackMoment = (typeof CHARGEBACK_MOMENTS)[number];
/** At a dispute's resolution: the moments a chargeback may meet the dispute as it closes. */
export const AT_RESOLUTION: readonly ChargebackMoment[] = ['resolve', 'resolved'];
/** All the intent still holds, or a random part below it. */
export type ChargebackPart = 'full' | 'partial';

export interface ChargebackEvent {
  orderId: string;
  moment: ChargebackMoment;
  /** A partial chargeback of an intent holding 1 minor unit takes it all: `full`. */
  part: ChargebackPart;
  at: string;
  intentId: string;
  /** `nothing_to_dispute`: the provider held nothing any more (refunded first): no chargeback. */
  result: 'charged_back' | 'nothing_to_dispute';
  /** What the intent held when the bank took `amount` of it. */
  held?: number;
  amount?: number;
}

type Sql = ReturnType<typeof postgres>;

/** A part of `held` (minor units), 1 to held − 1; `random` in [0, 1). */
export function partOf(held: number, random: number): number {
  return 1 + Math.floor(random * (held - 1));
}

export class Bank {
  readonly events: ChargebackEvent[] = [];
  private readonly random: () => number;

  constructor(
    private readonly sql: Sql,
    private readonly sandboxUrl: string,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

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

  /** What the intent still holds at the provider: captured, less refunds and chargebacks. */
  private async heldBy(intentId: string): Promise<number> {
    const res = await fetch(`${this.sandboxUrl}/_sandbox/records`);
    if (!res.ok) throw new Error(`sandbox records: ${res.status}`);
    const { intents } = (await res.json()) as { intents: IntentRecord[] };
    const intent = intents.find((i) => i.id === intentId);
    if (!intent) throw new Error(`intent ${intentId} is unknown to the sandbox`);
    return intent.amount_captured - intent.amount_refunded - (intent.amount_disputed ?? 0);
  }

  /**
   * Charges the order back: all the intent holds, or (`partial`) a random amount below it. A refund
   * may land between reading what it holds and the chargeback (400 amount_invalid): read it again.
   */
  async chargeBack(
    orderId: string,
    moment: ChargebackMoment,
    part: ChargebackPart,
  ): Promise<ChargebackEvent> {
    const intentId = await this.intentOf(orderId);
    for (let attempt = 1; ; attempt++) {
      const held = await this.heldBy(intentId);
      const amount = part === 'partial' && held > 1 ? partOf(held, this.random()) : undefined;
      const at = new Date().toISOString();
      const res = await fetch(`${this.sandboxUrl}/_sandbox/payment_intents/${intentId}/chargeback`, {
        method: 'POST',
        body: JSON.stringify({ reason: 'fraudulent', ...(amount !== undefined && { amount }) }),
      });
      const body = (await res.json().catch(() => ({}))) as { amount?: number; error?: { code?: string } };
      const base = { orderId, moment, at, intentId, held };
      let event: ChargebackEvent;
      if (res.status === 201) {
        const taken = amount === undefined ? 'full' : 'partial';
        event = { ...base, part: taken, result: 'charged_back', amount: body.amount! };
      } else if (res.status === 409 && body.error?.code === 'nothing_to_dispute') {
        event = { ...base, part, result: 'nothing_to_dispute' };
      } else if (res.status === 400 && body.error?.code === 'amount_invalid' && attempt < 5) {
        continue;
      } else {
        throw new Error(`chargeback of ${intentId}: ${res.status} ${JSON.stringify(body)}`);
      }
      this.events.push(event);
      return event;
    }
  }
}
