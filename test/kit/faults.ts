/**
 * Fault injection for the kit's activities: fail the next N calls of an activity (retryable or not,
 * before its effect or after it, as a lost answer), add latency, hold a call until the test lets it
 * go, or replace an activity's answer. Faults are consumed in the order they were set.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Activities } from '../../activities/index.js';

export type ActivityName = keyof Activities;

/** The type of a failure the kit injected, unless a test names another. */
export const INJECTED_FAULT = 'KitInjectedFault';

export interface FailOptions {
  /** How many calls fail (default 1). */
  times?: number;
  /** Retried by Temporal's retry policy (default true), or a non-retryable refusal. */
  retryable?: boolean;
  /** The ApplicationFailure type (default `KitInjectedFault`): e.g. a provider refusal the workflow branches on. */
  type?: string;
  message?: string;
  /** The effect happens, then the answer is lost: a retry must find the effect by its idempotency key. */
  afterEffect?: boolean;
}

/** A call held until the test releases it (or fails it): for "while X is in flight" scenarios. */
export interface Gate {
  /** Resolves with the call's input once the held call has started. */
  readonly entered: Promise<unknown>;
  release(): void;
  fail(error: unknown): void;
}

type Fault =
  | { kind: 'fail'; left: number; options: FailOptions }
  | { kind: 'delay'; left: number; ms: number }
  | {
      kind: 'hold';
      left: number;
      afterEffect: boolean;
      gate: Gate & { wait(input: unknown): Promise<void> };
    };

type Replacement = (input: any, real: (input: any) => Promise<unknown>) => Promise<unknown>;

export class Faults {
  private readonly pending = new Map<string, Fault[]>();
  private readonly replaced = new Map<string, Replacement>();
  /** Gates not yet released: a reset fails them, so no held call outlives its test. */
  private readonly open = new Set<Gate>();

  /** The next `times` calls of `activity` fail. */
  failNext(activity: ActivityName, options: FailOptions = {}): void {
    this.push(activity, { kind: 'fail', left: options.times ?? 1, options });
  }

  /** The next `times` calls answer `ms` later (wall clock: latency, not workflow time). */
  delay(activity: ActivityName, ms: number, times = 1): void {
    this.push(activity, { kind: 'delay', left: times, ms });
  }

  /**
   * The next call of `activity` waits until the test releases it: before its effect, or with
   * `afterEffect` after it (the provider took the money, its answer is slow).
   */
  hold(activity: ActivityName, { afterEffect = false } = {}): Gate {
    let entered!: (input: unknown) => void;
    let settle!: (outcome: { error?: unknown }) => void;
    const enteredP = new Promise<unknown>((r) => (entered = r));
    const released = new Promise<{ error?: unknown }>((r) => (settle = r));
    const gate = {
      entered: enteredP,
      release: () => {
        this.open.delete(gate);
        settle({});
      },
      fail: (error: unknown) => {
        this.open.delete(gate);
        settle({ error });
      },
      async wait(input: unknown) {
        entered(input);
        // A worker shutting down cancels the call: it ends rather than hold the shutdown.
        const { error } = await Promise.race([
          released,
          Context.current().cancelled.catch((e) => ({ error: e })),
        ]);
        if (error) throw error;
      },
    };
    this.open.add(gate);
    this.push(activity, { kind: 'hold', left: 1, gate, afterEffect });
    return gate;
  }

  /** Answers `activity` with `fn` from now on; `real` is the kit's own fake, to call through. */
  replace<N extends ActivityName>(
    activity: N,
    fn: (input: Parameters<Activities[N]>[0], real: Activities[N]) => ReturnType<Activities[N]>,
  ): void {
    this.replaced.set(activity, fn as unknown as Replacement);
  }

  /** Forgets every fault; calls still held fail. */
  clear(): void {
    this.pending.clear();
    this.replaced.clear();
    for (const gate of this.open) gate.fail(new Error('the kit was reset while this call was held'));
  }

  /** Runs one call of `name` through the faults set for it. */
  async run(name: string, input: unknown, effect: (input: unknown) => Promise<unknown>): Promise<unknown> {
    const fault = this.take(name);
    const replacement = this.replaced.get(name);
    const call = replacement ? () => replacement(input, effect) : () => effect(input);
    if (!fault) return call();
    switch (fault.kind) {
      case 'delay':
        await Context.current().sleep(fault.ms);
        return call();
      case 'hold': {
        if (!fault.afterEffect) {
          await fault.gate.wait(input);
          return call();
        }
        const answer = await call();
        await fault.gate.wait(input);
        return answer;
      }
      case 'fail':
        if (fault.options.afterEffect) await call();
        throw ApplicationFailure.create({
          type: fault.options.type ?? INJECTED_FAULT,
          message: fault.options.message ?? `injected fault in ${name}`,
          nonRetryable: fault.options.retryable === false,
        });
    }
  }

  private push(activity: string, fault: Fault): void {
    this.pending.set(activity, [...(this.pending.get(activity) ?? []), fault]);
  }

  private take(name: string): Fault | undefined {
    const queue = this.pending.get(name);
    const fault = queue?.[0];
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left <= 0) queue.shift();
    return fault;
  }
}
