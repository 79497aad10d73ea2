/**
 * The operator's view, in a real browser: Debian's Chromium (driven by playwright-core, never a
 * downloaded browser) opens the dev server's Temporal UI, runs a visibility query for a seller's
 * disputed orders and finds the disputed order's workflow, and not the seller's other order.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dataRoot } from '../../scripts/stack/paths.js';
import { api, eventually, stack, tokenFor, uniqueUser } from '../support/stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function paidOrder(seller: string, listingId: string) {
  const buyer = uniqueUser('buyer');
  const order = await api('POST', '/v1/orders?wait=payment', {
    user: buyer,
    body: { listingId, quantity: 1, paymentMethod: 'pm_card_ok' },
  });
  expect(order.body.status).toBe('paid');
  await eventually(
    async () => (await api('GET', `/v1/orders/${order.body.id}`, { user: buyer })).body.deadlines?.shipBy,
  );
  await api('POST', `/v1/orders/${order.body.id}/ship`, {
    user: seller,
    body: { carrier: 'DHL', trackingNumber: 'JJD555' },
  });
  return { id: order.body.id as string, buyer };
}

describe('Temporal UI', () => {
  it('finds a seller’s disputed order with a visibility query', async () => {
    const ui = stack().temporalUiUrl;
    const seller = uniqueUser('seller');
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Guitar', amount: 30_000, currency: 'EUR', quantity: 2 },
    });
    const disputed = await paidOrder(seller, listing.body.id);
    const calm = await paidOrder(seller, listing.body.id);
    const opened = await api('POST', `/v1/orders/${disputed.id}/disputes`, {
      user: disputed.buyer,
      body: { reason: 'not_as_described', description: 'Cracked neck' },
    });
    expect(opened.status).toBe(201);

    const query = `WorkflowType = "purchaseWorkflow" AND OrderStatus = "disputed" AND SellerId = "${seller}"`;
    // Visibility is eventually consistent: the UI's own API tells when the upsert has landed.
    await eventually(async () => {
      const res = await fetch(`${ui}/api/v1/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
      const body = (await res.json()) as { executions?: Array<{ execution: { workflowId: string } }> };
      return body.executions?.some((e) => e.execution.workflowId === `order-${disputed.id}`);
    });

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${ui}/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
      const row = page.getByRole('link', { name: `order-${disputed.id}` });
      await row.waitFor({ timeout: 30_000 });
      expect(await page.getByText(`order-${calm.id}`).count()).toBe(0);
      mkdirSync(join(dataRoot, 'test'), { recursive: true });
      await page.screenshot({ path: join(dataRoot, 'test', 'temporal-ui.png'), fullPage: true });

      await row.click();
      await page.waitForURL(/\/workflows\/order-/, { timeout: 15_000 });
      expect(page.url()).toContain(`order-${disputed.id}`);
      // The workflow's own page: its id and type on it.
      await page.waitForFunction(
        (texts) => {
          const win = globalThis as unknown as { document: { body: { textContent: string } } };
          return texts.every((text) => win.document.body.textContent.includes(text));
        },
        [`order-${disputed.id}`, 'purchaseWorkflow'],
        { timeout: 15_000 },
      );
      await page.screenshot({ path: join(dataRoot, 'test', 'temporal-ui-workflow.png') });
    } finally {
      await browser.close();
    }
  });

  it('shows an operator the decrypted payloads through the codec server, once signed in', async () => {
    const ui = stack().temporalUiUrl;
    const codecEndpoint = `${stack().apiUrl}/codec`;
    const seller = uniqueUser('seller');
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Amplifier', amount: 20_000, currency: 'EUR', quantity: 1 },
    });
    const order = await paidOrder(seller, listing.body.id);
    const workflowPage = `${ui}/namespaces/default/workflows/order-${order.id}`;
    // What only the decrypted order input and activity arguments show (field names are inside the ciphertext).
    const clear = ['feeBps', 'intentId'];
    const shows = (page: Page, texts: string[]) =>
      page.waitForFunction(
        (wanted) => {
          const win = globalThis as unknown as { document: { body: { textContent: string } } };
          return wanted.every((text) => win.document.body.textContent.includes(text));
        },
        texts,
        { timeout: 20_000 },
      );

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      // Without a session the dev server's codec endpoint answers 401: the UI keeps the ciphertext.
      const refused = page.waitForResponse((r) => r.url() === `${codecEndpoint}/decode`);
      await page.goto(workflowPage);
      expect((await refused).status()).toBe(401);
      await shows(page, [`order-${order.id}`, 'Codec Server could not connect', 'encryption-key-id']);
      expect(await page.getByText('feeBps').count()).toBe(0);

      // The operator signs in on the codec server's page...
      await page.goto(`${codecEndpoint}/session`);
      await page.locator('textarea[name="token"]').fill(await tokenFor(uniqueUser('op'), 'operator'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText(/Signed in as op_/).waitFor({ timeout: 10_000 });
      // ...and turns on, in the UI's Codec Server settings, this browser's endpoint with
      // "include cross-origin credentials" (stored by the UI in its localStorage).
      await page.goto(`${ui}/namespaces/default/workflows`);
      await page.evaluate((endpoint) => {
        const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } })
          .localStorage;
        storage.setItem('endpoint', JSON.stringify(endpoint));
        storage.setItem('includeCredentials', 'true');
        storage.setItem('overrideRemoteCodecConfiguration', 'true');
      }, codecEndpoint);
      const decoded = page.waitForResponse((r) => r.url() === `${codecEndpoint}/decode`);
      await page.goto(workflowPage);
      expect((await decoded).status()).toBe(200);
      await shows(page, clear);
      await page.screenshot({ path: join(dataRoot, 'test', 'temporal-ui-decoded.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
