/**
 * An auction as a test drives it: listed as POST /v1/listings lists one (the listing's one unit, the
 * auction row, then `auction-<listingId>`), bids placed as POST /v1/listings/:id/bids places them (the
 * guarded write on the auction row at the test server's time, the workflow signalled when the soft
 * close moved the end).
 */
import type { WorkflowHandle } from '@temporalio/client';
import {
  AUCTION_WORKFLOW,
  type AuctionInput,
  type AuctionOutcome,
  type AuctionTerms,
  auctionWorkflowId,
  DEFAULT_BID_INCREMENT,
} from '../../domain/auction.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { auctionExtendedSignal } from '../../workflows/auction/messages.js';
import type { auctionWorkflow } from '../../workflows/auction.js';
import type { KitBidOutcome } from './auctions.js';
import { DAY, DEFAULT_TIMERS } from './fixtures.js';
import type { Kit } from './kit.js';

export interface AuctionOptions extends Partial<AuctionTerms> {
  /** From the listing to the planned end (default 1 day). */
  durationMs?: number;
  /** AUCTION_SOFT_CLOSE_MS (default 2 minutes). */
  softCloseMs?: number;
}

let listed = 0;

export class AuctionDriver {
  constructor(
    private readonly kit: Kit,
    readonly input: AuctionInput,
    readonly handle: WorkflowHandle<typeof auctionWorkflow>,
    private readonly softCloseMs: number,
  ) {}

  get listingId(): string {
    return this.input.listingId;
  }

  /** A bid at the test server's time, as the API places it (a new bidder's account is 30 days old). */
  async bid(bidderId: string, maxAmount: number, paymentMethod = 'pm_card_ok'): Promise<KitBidOutcome> {
    const at = await this.kit.clock.now();
    this.kit.fraud.addUser(bidderId, at - 30 * DAY);
    const placed = this.kit.auctions.bid(
      this.listingId,
      { bidderId, maxAmount, paymentMethod, at, softCloseMs: this.softCloseMs },
      (notice) => this.kit.notifications.deliver(notice, 'outbox', new Date(at).toISOString()),
    );
    if (placed.outcome === 'placed' && placed.extended)
      await this.handle.signal(auctionExtendedSignal, { endsAt: new Date(placed.endsAt).toISOString() });
    return placed;
  }

  /**
   * The auction's end and outcome: time skipped to the end the row says, then waited for without
   * skipping. A clock left free to skip while the sale ends would, once the winner's order is paid and
   * idle, jump to that order's ship-by deadline and start its refund under the test's checks.
   */
  async result(): Promise<AuctionOutcome> {
    const untilEnd = this.row().endsAt - (await this.kit.clock.now());
    if (untilEnd >= 0) await this.kit.skip(untilEnd + 1_000);
    return this.handle.result();
  }

  row() {
    return this.kit.auctions.row(this.listingId);
  }
}

export async function startAuction(kit: Kit, options: AuctionOptions = {}): Promise<AuctionDriver> {
  listed += 1;
  const listingId = `lst_auc${listed}`;
  const sellerId = `seller_auc${listed}`;
  const terms: AuctionTerms = {
    startAmount: options.startAmount ?? 1_000,
    bidIncrement: options.bidIncrement ?? DEFAULT_BID_INCREMENT,
    ...(options.reserveAmount !== undefined && { reserveAmount: options.reserveAmount }),
  };
  const endsAt = (await kit.clock.now()) + (options.durationMs ?? DAY);
  const input: AuctionInput = {
    listingId,
    sellerId,
    currency: 'EUR',
    title: `Kit auction ${listed}`,
    terms,
    endsAt: new Date(endsAt).toISOString(),
    escrow: { feeBps: 1000, timers: DEFAULT_TIMERS },
  };
  kit.stock.addListing(listingId, 1);
  kit.auctions.create({ listingId, sellerId, currency: 'EUR', terms, endsAt });
  const handle = await kit.client.workflow.start<typeof auctionWorkflow>(AUCTION_WORKFLOW, {
    workflowId: auctionWorkflowId(input),
    taskQueue: TASK_QUEUES.orders,
    args: [input],
  });
  return new AuctionDriver(kit, input, handle, options.softCloseMs ?? 2 * 60_000);
}
