/**
 * Every committed history (test/histories/, recorded from real runs with RECORD_HISTORIES) must
 * replay against today's workflow code: a change that would break running workflows fails here and
 * must go behind `patched()`. They replay through the payload codec the workers run with: histories
 * from before encryption (plain payloads) must pass through it unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/worker/index.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { dataConverterFor } from '../../codec/data-converter.js';
import { generateCodecKeyLine, parseCodecKeys } from '../../codec/keys.js';
import { otelWorkflowInterceptorsModule } from '../../observability/worker-tracing.js';
import { buildWorkflowBundle } from '../../workers/create-workers.js';
import { HISTORIES_DIR } from '../support/histories.js';
import { type HistoryJson, withSignalAfter } from '../support/history-surgery.js';

const files = readdirSync(HISTORIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('replay of recorded histories', () => {
  it('has histories of every workflow type, from more than one code version', () => {
    const types = new Set(files.map((f) => f.replace(/^[^-]+-/, '').split('-')[0]));
    expect([...types].sort()).toEqual(expect.arrayContaining(['escrow', 'payout', 'purchase']));
    expect(new Set(files.map((f) => f.split('-')[0])).size).toBeGreaterThanOrEqual(2);
  });

  it('replays each of them without nondeterminism', async () => {
    const workflowBundle = await buildWorkflowBundle();
    const histories = files.map((file) => JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    const results: Array<{ workflowId: string; error?: string }> = [];
    const dataConverter = dataConverterFor(parseCodecKeys(generateCodecKeyLine()));
    for await (const result of Worker.runReplayHistories({ workflowBundle, dataConverter }, histories)) {
      results.push({ workflowId: result.workflowId, error: result.error?.message });
    }
    expect(results).toHaveLength(files.length);
    expect(results.filter((r) => r.error)).toEqual([]);
  });

  it('replays them with the OpenTelemetry workflow interceptors too (tracing on), exporting no span twice', async () => {
    const workflowBundle = await buildWorkflowBundle({
      workflowInterceptorModules: [otelWorkflowInterceptorsModule],
    });
    const exporter = new InMemorySpanExporter();
    const histories = files.map((file) => JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    const results: Array<{ workflowId: string; error?: string }> = [];
    const dataConverter = dataConverterFor(parseCodecKeys(generateCodecKeyLine()));
    const sinks = {
      exporter: makeWorkflowExporter(
        new SimpleSpanProcessor(exporter),
        new Resource({ 'service.name': 'replay' }),
      ),
    };
    for await (const result of Worker.runReplayHistories(
      { workflowBundle, dataConverter, sinks },
      histories,
    )) {
      results.push({ workflowId: result.workflowId, error: result.error?.message });
    }
    expect(results).toHaveLength(files.length);
    expect(results.filter((r) => r.error)).toEqual([]);
    // Workflow spans leave through a sink, which replay does not call: a replayed task exports nothing.
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('an order shipped before carrier tracking ignores a carrier report, as its code did', async () => {
    // v1 escrow: shipped (event 34 starts the 14-day auto-confirm timer) before carrier tracking
    // existed. A carrier webhook for its tracking number arrives while it waits.
    const v1 = JSON.parse(
      readFileSync(join(HISTORIES_DIR, 'v1-escrow-completed.json'), 'utf8'),
    ) as HistoryJson;
    const history = withSignalAfter(v1, 34, 'carrierDelivered', {
      eventId: 'cev_after_shipment',
      occurredAt: '2026-11-25T00:00:00.000Z',
      source: 'webhook',
    });
    const result = await Worker.runReplayHistory(
      {
        workflowBundle: await buildWorkflowBundle(),
        dataConverter: dataConverterFor(parseCodecKeys(generateCodecKeyLine())),
      },
      history.history,
      history.workflowId,
    ).then(
      () => undefined,
      (err: unknown) => String(err),
    );
    expect(result).toBeUndefined();
  });
});
