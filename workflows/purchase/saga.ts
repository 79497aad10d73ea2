/** Compensations of the steps done so far, run newest first when a later step fails. */
import { log } from '@temporalio/workflow';

export class Saga {
  private readonly compensations: Array<() => Promise<void>> = [];

  get size(): number {
    return this.compensations.length;
  }

  add(compensation: () => Promise<void>): void {
    this.compensations.unshift(compensation);
  }

  /**
   * Runs every compensation: one that fails (a refusal the provider will not change its mind about)
   * is logged for reconciliation, not a reason to leave the stock held and the order half-failed.
   */
  async compensate(orderId: string): Promise<void> {
    for (const compensate of this.compensations) {
      await compensate().catch((err: unknown) =>
        log.error('compensation failed', { orderId, error: String(err) }),
      );
    }
  }
}
