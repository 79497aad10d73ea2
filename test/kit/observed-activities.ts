/**
 * The activities the kit's workers register: its fakes behind the faults (test/kit/faults.ts), each
 * call recorded as an `ActivityCall` for tests that ask what ran, where and how often.
 */
import { activityInfo } from '@temporalio/activity';
import type { Activities } from '../../activities/index.js';
import { type PurchaseStepName, purchaseStepsOf } from '../../activities/purchase-steps.js';
import type { Faults } from './faults.js';

export interface ActivityCall {
  name: keyof Activities;
  /** The task queue whose worker ran it (local activities: the workflow's, `orders`). */
  queue: string;
  local: boolean;
  attempt: number;
  input: any;
}

type Call = (input: unknown) => Promise<unknown>;

/** `started` records a call and returns what to run when it ends. */
export function observedActivities(
  fakes: Activities,
  faults: Faults,
  started: (call: ActivityCall) => () => void,
): Activities {
  const observe =
    (name: keyof Activities, fake: Call): Call =>
    (input) => {
      const info = activityInfo();
      const ended = started({
        name,
        queue: info.taskQueue,
        local: info.isLocal,
        attempt: info.attempt,
        input,
      });
      return faults.run(name, input, fake).finally(ended);
    };
  // The composites the fakes came with are built again below, over the observed parts.
  const compositeNames = new Set(Object.keys(purchaseStepsOf(fakes)));
  const observed = Object.fromEntries(
    Object.entries(fakes)
      .filter(([name]) => !compositeNames.has(name))
      .map(([name, fake]) => [name, observe(name as keyof Activities, fake as Call)]),
  ) as unknown as Omit<Activities, PurchaseStepName>;
  // The purchase's composite steps run their parts observed too: a fault set on `setOrderStatus` or
  // `authorizePayment` hits them inside one, as it would the real activity's parts.
  const composites = Object.entries(purchaseStepsOf(observed)).map(([name, composite]) => [
    name,
    observe(name as PurchaseStepName, composite as Call),
  ]);
  return { ...observed, ...Object.fromEntries(composites) } as Activities;
}
