/**
 * Faults per order: the kit's faults are per activity, but a batch runs many orders at once, so each
 * seed's faults must hit only its own order's calls. Every activity is routed through here; a call
 * is matched to its order by the order id its input carries (or its intent's, or its parcel's).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Kit } from '../test/kit/index.js';

interface Fault {
  activity: string;
  left: number;
  afterEffect: boolean;
  /** Refused for good (non-retryable) rather than a passing outage. */
  refused?: boolean;
}

interface Hold {
  activity: string;
  entered: () => void;
  released: Promise<void>;
}

export class OrderFaults {
  private readonly faults = new Map<string, Fault[]>();
  private readonly holds = new Map<string, Hold[]>();
  /** Tracking numbers the simulation shipped, to find a carrier call's order. */
  readonly parcels = new Map<string, string>();
  /** Faults that fired, per order: printed with a failing seed. */
  readonly fired = new Map<string, string[]>();

  constructor(private readonly kit: Kit) {}

  /** Routes every activity of the kit through the per-order faults. */
  install(activityNames: string[]): void {
    for (const name of activityNames)
      this.kit.faults.replace(
        name as never,
        ((input: unknown, real: (input: unknown) => Promise<unknown>) =>
          this.run(name, input, real)) as never,
      );
  }

  add(orderId: string, fault: Fault): void {
    this.faults.set(orderId, [...(this.faults.get(orderId) ?? []), { ...fault }]);
  }

  /** Holds the order's next call of `activity` until `release` is called; `entered` resolves once it is in. */
  hold(orderId: string, activity: string): { entered: Promise<void>; release: () => void } {
    let entered!: () => void;
    let release!: () => void;
    const enteredP = new Promise<void>((r) => (entered = r));
    const released = new Promise<void>((r) => (release = r));
    this.holds.set(orderId, [...(this.holds.get(orderId) ?? []), { activity, entered, released }]);
    return { entered: enteredP, release };
  }

  private async run(
    name: string,
    input: unknown,
    real: (input: unknown) => Promise<unknown>,
  ): Promise<unknown> {
    const orderId = this.orderIdOf(input);
    if (!orderId) return real(input);
    const holds = this.holds.get(orderId);
    const held = holds?.findIndex((h) => h.activity === name) ?? -1;
    if (holds && held >= 0) {
      const [hold] = holds.splice(held, 1);
      hold!.entered();
      await hold!.released;
    }
    const queue = this.faults.get(orderId);
    const fault = queue?.find((f) => f.activity === name && f.left > 0);
    if (!fault) return real(input);
    fault.left -= 1;
    this.fired.set(orderId, [
      ...(this.fired.get(orderId) ?? []),
      `${name}${fault.afterEffect ? ' (answer lost)' : ''}${fault.refused ? ' (refused)' : ''}`,
    ]);
    if (fault.afterEffect) await real(input);
    throw ApplicationFailure.create({
      type: 'sim_injected_fault',
      message: `injected fault in ${name}`,
      nonRetryable: fault.refused === true,
    });
  }

  private orderIdOf(input: unknown): string | undefined {
    const i = (input ?? {}) as ActivityInput;
    const direct = i.orderId ?? i.status?.orderId ?? i.ledger?.orderId;
    if (typeof direct === 'string') return direct;
    if (typeof i.intentId === 'string') return this.kit.provider.intent(i.intentId)?.metadata?.orderId;
    if (typeof i.trackingNumber === 'string') return this.parcels.get(i.trackingNumber);
    // A dispute's steps name its dispute (disputeIdFor: `dsp_` + the order id's own part).
    if (typeof i.disputeId === 'string') return i.disputeId.replace(/^dsp_/, 'ord_');
    return undefined;
  }
}

/** The fields an activity's input may name its order by. */
interface ActivityInput {
  orderId?: string;
  status?: { orderId?: string };
  ledger?: { orderId?: string };
  intentId?: string;
  trackingNumber?: string;
  disputeId?: string;
}
