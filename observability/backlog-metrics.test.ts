import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parsePrometheus, total } from '../test/support/prometheus.js';
import { type Backlogs, registerBacklogGauges } from './backlog-metrics.js';

const silent = { warn: () => {} };
const backlogs = (outbox: number, webhooks: number): Backlogs => ({
  outbox: { pending: outbox, oldestAgeSeconds: outbox * 10 },
  sellerWebhooks: { pending: webhooks, oldestAgeSeconds: webhooks * 10 },
});

describe('backlog gauges', () => {
  it('serve what one read per scrape finds, by backlog', async () => {
    const registry = new Registry();
    const answers = [backlogs(3, 1), backlogs(0, 2)];
    let reads = 0;
    registerBacklogGauges(registry, async () => answers[reads++]!, silent);

    const first = parsePrometheus(await registry.metrics());
    expect(reads).toBe(1);
    expect(total(first, 'escrowflow_backlog_pending', { backlog: 'outbox' })).toBe(3);
    expect(total(first, 'escrowflow_backlog_pending', { backlog: 'seller_webhooks' })).toBe(1);
    expect(total(first, 'escrowflow_backlog_oldest_age_seconds', { backlog: 'outbox' })).toBe(30);

    const second = parsePrometheus(await registry.metrics());
    expect(reads).toBe(2);
    expect(total(second, 'escrowflow_backlog_pending', { backlog: 'outbox' })).toBe(0);
    expect(total(second, 'escrowflow_backlog_oldest_age_seconds', { backlog: 'seller_webhooks' })).toBe(20);
  });

  it('drop their series when the read fails, and the rest of /metrics is still served', async () => {
    const registry = new Registry();
    const warnings: object[] = [];
    let fail = false;
    registerBacklogGauges(
      registry,
      async () => {
        if (fail) throw new Error('connection refused');
        return backlogs(5, 5);
      },
      { warn: (obj) => warnings.push(obj) },
    );
    expect(parsePrometheus(await registry.metrics()).length).toBe(4);
    fail = true;
    const text = await registry.metrics();
    expect(parsePrometheus(text)).toEqual([]);
    expect(text).toContain('# TYPE escrowflow_backlog_pending gauge');
    expect(warnings).toEqual([{ err: 'Error: connection refused' }]);
  });
});
