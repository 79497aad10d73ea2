/**
 * The workflow test kit: the real workflow code on the Java time-skipping test server, one worker per
 * task queue registering its group of in-memory fakes (activities/queues.ts, as the real workers do),
 * and the fakes' state to assert on: the provider's intents and transfers, the ledger, stock, order
 * rows, notifications, disputes, carrier tracking, payouts, seller webhooks. No PostgreSQL, Redis or
 * sandbox. See README "Writing workflow tests".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { failureInterceptor } from '../../activities/failure-interceptor.js';
import type { Activities } from '../../activities/index.js';
import { activitiesFor } from '../../activities/queues.js';
import { DEFAULT_FRAUD_RULES, type FraudRules } from '../../domain/fraud.js';
import { accounts, offerWorkflowId, payoutWorkflowId, purchaseWorkflowId } from '../../domain/ids.js';
import type { Currency } from '../../domain/money.js';
import { OFFER_WORKFLOW } from '../../domain/offer.js';
import { PAYOUT_WORKFLOW, type PayoutInput } from '../../domain/payout.js';
import { PURCHASE_WORKFLOW, type PurchaseInput } from '../../domain/purchase.js';
import { ALL_TASK_QUEUES, TASK_QUEUES } from '../../domain/task-queues.js';
import { repoRoot } from '../../scripts/stack/paths.js';
import type { offerWorkflow } from '../../workflows/offer.js';
import type { payoutWorkflow } from '../../workflows/payout.js';
import type { purchaseWorkflow } from '../../workflows/purchase.js';
import { type KitState, kitActivities } from './activities.js';
import { FakeAuctions } from './auctions.js';
import { FakeCarrier } from './carrier.js';
import { type Clock, serverClock } from './clock.js';
import { FakeDisputes } from './disputes.js';
import { OrderDriver, PayoutDriver, until } from './drivers.js';
import { Faults } from './faults.js';
import { type OrderOptions, purchaseInput } from './fixtures.js';
import { FakeFraud } from './fraud.js';
import { FakeLedger } from './ledger.js';
import { MoneyChecks } from './money.js';
import { FakeNotifications } from './notifications.js';
import { type ActivityCall, observedActivities } from './observed-activities.js';
import { insertedRow, type KitListing, OfferDriver, type OfferOptions, offerInput } from './offer-driver.js';
import { FakeOffers } from './offers.js';
import { FakeOrders } from './orders.js';
import { FakePayouts } from './payouts.js';
import { FakePrivacy } from './privacy.js';
import { FakeProvider, type ProviderOptions } from './provider.js';
import { PaymentRecords } from './reconciliation.js';
import { FakeSellerWebhooks } from './seller-webhooks.js';
import { startTestServer, workflowBundleOnce } from './server.js';
import { FakeStock } from './stock.js';

/** As the test stack's FRAUD_RULES (scripts/stack/app-env.ts): shared test cards never pile up velocity. */
const KIT_CARD_VELOCITY: Partial<FraudRules> = { cardVelocity: { review: 1_000_000, deny: 10_000_000 } };

export interface KitOptions {
  /** Merged over the default fraud rules (domain/fraud.ts), card velocity off as in the test stack. */
  fraudRules?: Partial<FraudRules>;
  provider?: ProviderOptions;
  /** First retry of a seller webhook delivery (production: 5 s). */
  webhookRetryInitialMs?: number;
  /** A bundle built once for the whole run (test/kit/vitest.ts passes the global setup's). */
  workflowBundle?: WorkflowBundleWithSourceMap;
}

export type { ActivityCall };

export class Kit {
  readonly clock: Clock;
  /** Waits without skipping time (`env.client` skips while it awaits a result). */
  readonly client: Client;
  readonly faults = new Faults();
  readonly calls: ActivityCall[] = [];
  readonly provider: FakeProvider;
  readonly ledger = new FakeLedger();
  readonly stock = new FakeStock();
  readonly orders = new FakeOrders();
  readonly offers = new FakeOffers();
  readonly auctions = new FakeAuctions();
  readonly notifications = new FakeNotifications();
  readonly disputes = new FakeDisputes();
  readonly carrier: FakeCarrier;
  readonly payouts = new FakePayouts(this.ledger);
  readonly webhooks = new FakeSellerWebhooks();
  readonly privacy = new FakePrivacy();
  readonly fraud: FakeFraud;
  readonly records = new PaymentRecords();
  readonly money: MoneyChecks;
  readonly state: KitState;
  private seq = 0;
  /** Activity calls still running in the workers. */
  private inFlight = 0;
  private workers: Worker[] = [];
  private running: Promise<void>[] = [];

  constructor(
    readonly env: TestWorkflowEnvironment,
    options: KitOptions,
  ) {
    this.clock = serverClock(env);
    this.client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
    this.provider = new FakeProvider(this.clock, options.provider);
    this.carrier = new FakeCarrier(this.clock);
    // Every kit order pays with the same test card: its velocity would add up across a file's tests.
    this.fraud = new FakeFraud({ ...DEFAULT_FRAUD_RULES, ...KIT_CARD_VELOCITY, ...options.fraudRules });
    this.money = new MoneyChecks(this);
    this.state = {
      clock: this.clock,
      client: this.client,
      provider: this.provider,
      ledger: this.ledger,
      stock: this.stock,
      orders: this.orders,
      offers: this.offers,
      auctions: this.auctions,
      notifications: this.notifications,
      disputes: this.disputes,
      carrier: this.carrier,
      payouts: this.payouts,
      webhooks: this.webhooks,
      fraud: this.fraud,
      privacy: this.privacy,
      records: this.records,
      reports: new Map(),
      webhookRetryInitialMs: options.webhookRetryInitialMs ?? 5_000,
    };
  }

  /** The activities the workers register: the fakes, behind the faults, each call recorded. */
  activities(): Activities {
    return observedActivities(kitActivities(this.state), this.faults, (call) => {
      this.calls.push(call);
      this.inFlight += 1;
      return () => {
        this.inFlight -= 1;
      };
    });
  }

  async startWorkers(bundle: WorkflowBundleWithSourceMap): Promise<void> {
    const activities = this.activities();
    this.workers = await Promise.all(
      ALL_TASK_QUEUES.map((taskQueue) =>
        Worker.create({
          connection: this.env.nativeConnection,
          namespace: this.env.namespace ?? 'default',
          taskQueue,
          activities: activitiesFor(activities, taskQueue),
          interceptors: { activity: [failureInterceptor] },
          ...(taskQueue === TASK_QUEUES.orders && { workflowBundle: bundle }),
        }),
      ),
    );
    this.running = this.workers.map((w) => w.run());
  }

  /** The inputs of every call of an activity, in order. */
  inputsOf<N extends keyof Activities>(name: N): Parameters<Activities[N]>[0][] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input);
  }

  /** Moves the test server's clock on by `ms`, running every timer due meanwhile. */
  skip(ms: number): Promise<void> {
    return this.env.sleep(ms);
  }

  /**
   * An order as POST /v1/orders places it: the seller's listing, the buyer's account, the `pending`
   * row and, unless `reserved: false`, its stock taken.
   */
  async placeOrder(options: OrderOptions = {}) {
    this.seq += 1;
    const input = purchaseInput(this.seq, options);
    const now = await this.clock.now();
    this.fraud.addUser(input.buyerId, now - (options.buyerAgeMs ?? 30 * 24 * 3600_000));
    if (options.listing)
      Object.assign(input, { listingId: options.listing.listingId, sellerId: options.listing.sellerId });
    else this.stock.addListing(input.listingId, options.stock ?? 3);
    this.orders.insert(
      {
        id: input.orderId,
        listingId: input.listingId,
        buyerId: input.buyerId,
        sellerId: input.sellerId,
        quantity: input.quantity,
        amount: input.amount,
        currency: input.currency,
        paymentMethod: input.paymentMethod,
      },
      new Date(now).toISOString(),
    );
    if (options.reserved !== false) {
      const taken = this.stock.reserve(input);
      if (taken !== 'reserved') throw new Error(`the API would refuse order ${input.orderId}: ${taken}`);
      // As api/services/orders/place.ts: the last unit gone, the listing's live offers are told.
      if (this.stock.available(input.listingId) === 0)
        await kitActivities(this.state).declineLiveOffers({ listingId: input.listingId });
    }
    return input;
  }

  /** A seller's listing that takes offers: `stock` units at `price` each (default 1 at 10,000). */
  newListing(options: { stock?: number; price?: number } = {}): KitListing {
    this.seq += 1;
    const listing = {
      listingId: `lst_kit${this.seq}`,
      sellerId: `seller_kit${this.seq}`,
      price: options.price ?? 10_000,
    };
    this.stock.addListing(listing.listingId, options.stock ?? 1);
    return listing;
  }

  /**
   * An offer as POST /v1/listings/:id/offers makes one: the buyer's account, the `pending` row, then
   * `offer-<offerId>`. On a listing of `newListing()` (a fresh one unless given).
   */
  async startOffer(options: OfferOptions & { listing?: KitListing } = {}): Promise<OfferDriver> {
    const listing = options.listing ?? this.newListing();
    this.seq += 1;
    const input = offerInput(this.seq, listing, options);
    this.fraud.addUser(input.buyerId, (await this.clock.now()) - 30 * 24 * 3600_000);
    this.offers.insert(insertedRow(input));
    const handle = await this.client.workflow.start<typeof offerWorkflow>(OFFER_WORKFLOW, {
      workflowId: offerWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });
    return new OfferDriver(this.env, handle, input);
  }

  /** An offer whose hold is placed and which waits for the seller. */
  async liveOffer(options: OfferOptions & { listing?: KitListing } = {}): Promise<OfferDriver> {
    return (await this.startOffer(options)).live();
  }

  /** Places an order and starts its workflow (`order-<orderId>`, `purchaseWorkflow`). */
  async startOrder(options: OrderOptions = {}): Promise<OrderDriver> {
    return this.start(await this.placeOrder(options));
  }

  /** Starts the workflow of an order placed with `placeOrder` (after the test set something up). */
  async start(input: PurchaseInput): Promise<OrderDriver> {
    const workflowId = purchaseWorkflowId(input);
    await this.client.workflow.start<typeof purchaseWorkflow>(PURCHASE_WORKFLOW, {
      workflowId,
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });
    return new OrderDriver(this, input, workflowId);
  }

  /** An order whose payment went through: its workflow now holds the escrow. */
  async paidOrder(options: OrderOptions = {}): Promise<OrderDriver> {
    const order = await this.startOrder(options);
    const paid = await order.awaitPayment();
    if (paid.status !== 'paid') throw new Error(`order ${order.orderId} ended ${paid.status}, not paid`);
    return order;
  }

  /** A paid order the seller has shipped. */
  async shippedOrder(options: OrderOptions = {}): Promise<OrderDriver> {
    const order = await this.paidOrder(options);
    await order.ship();
    return order;
  }

  /**
   * A seller with `available` minor units released to them (a posting from buyer funding), a
   * connected account (`destination`, onboarded unless said otherwise) and a payout row for `amount`.
   */
  async sellerWithFunds(
    available: number,
    amount = available,
    options: { destination?: string; onboarded?: boolean; currency?: Currency } = {},
  ): Promise<PayoutInput> {
    this.seq += 1;
    const sellerId = `seller_kit${this.seq}`;
    const currency = options.currency ?? 'EUR';
    const destination = options.destination ?? `acct_kit${this.seq}`;
    this.payouts.setAccount(sellerId, destination, options.onboarded ?? true);
    this.ledger.post({
      key: `${sellerId}:released`,
      description: 'kit: escrow released to the seller',
      lines: [
        { account: accounts.buyerFunding(currency), currency, amount: String(-available) },
        { account: accounts.sellerAvailable(sellerId), currency, amount: String(available) },
      ],
    });
    const payoutId = `po_kit${this.seq}`;
    this.payouts.insert({ id: payoutId, sellerId, amount, currency, createdAt: await this.clock.now() });
    return { payoutId, sellerId, amount, currency, destination };
  }

  /** Starts a payout's workflow (`payout-<payoutId>`). */
  async startPayout(input: PayoutInput): Promise<PayoutDriver> {
    const workflowId = payoutWorkflowId(input);
    await this.client.workflow.start<typeof payoutWorkflow>(PAYOUT_WORKFLOW, {
      workflowId,
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });
    return new PayoutDriver(this, input, workflowId);
  }

  /** With RECORD_HISTORIES=<label>: saves a workflow's history for the replay test (plain payloads). */
  async recordHistory(name: string, workflowId: string): Promise<void> {
    const label = process.env.RECORD_HISTORIES;
    if (!label) return;
    const history = await this.client.workflow.getHandle(workflowId).fetchHistory();
    const json = JSON.stringify({ workflowId, history: JSON.parse(historyToJSON(history)) }, null, 1);
    writeFileSync(join(repoRoot, 'test', 'histories', `${label}-${name}.json`), `${json}\n`);
  }

  /**
   * Between two tests on one kit: every workflow still open is terminated (a test's leftovers must
   * not run on, or be fast-forwarded, during the next one), and the calls and faults are forgotten.
   * The state stays: each test's orders, sellers and payouts have ids of their own.
   */
  async reset(): Promise<void> {
    const namespace = this.env.namespace ?? 'default';
    const { executions } = await this.env.connection.workflowService.listOpenWorkflowExecutions({
      namespace,
      maximumPageSize: 1000,
    });
    for (const e of executions)
      await this.client.workflow
        .getHandle(e.execution?.workflowId ?? '', e.execution?.runId ?? undefined)
        .terminate('kit reset between tests')
        .catch(() => undefined);
    this.faults.clear();
    await until(() => this.inFlight === 0).catch(() => undefined);
    await this.restoreTimeSkipping();
    this.calls.length = 0;
  }

  /**
   * The Java test server stops skipping time while an activity is outstanding, and never resumes for
   * one its workflow left behind (a cancel that abandoned an in-flight call, a terminated workflow):
   * that activity's completion is refused and its lock is never released. With every workflow closed,
   * time must skip: while a one-second sleep takes real time, one leaked lock is released.
   */
  private async restoreTimeSkipping(): Promise<void> {
    const skips = async () => {
      const started = performance.now();
      await this.env.sleep(1_000);
      return performance.now() - started < 500;
    };
    // A completion still on its way releases its own lock: look twice before releasing one.
    for (let leaked = 0; leaked < 10; leaked++) {
      if ((await skips()) || (await skips())) return;
      await this.env.connection.testService!.unlockTimeSkipping({});
    }
    throw new Error('the test server does not skip time any more');
  }

  async stop(): Promise<void> {
    this.faults.clear();
    for (const w of this.workers) w.shutdown();
    await Promise.all(this.running);
    await this.env.teardown();
  }
}

/** A kit on a fresh test server, its workers running. */
export async function startKit(options: KitOptions = {}): Promise<Kit> {
  const env = await startTestServer();
  try {
    const kit = new Kit(env, options);
    await kit.startWorkers(await workflowBundleOnce(options.workflowBundle));
    return kit;
  } catch (err) {
    await env.teardown();
    throw err;
  }
}
