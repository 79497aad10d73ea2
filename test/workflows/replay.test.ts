/**
 * Every committed history (test/histories/, the 1.0 corpus: one per branch of every workflow, listed
 * in the README) must replay against today's workflow code, forever: a change that would break
 * running workflows fails here and follows docs/adr/0010-workflow-versioning.md. They replay through
 * the payload codec the workers run with; plain payloads pass through it unchanged.
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

const files = readdirSync(HISTORIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('replay of recorded histories', () => {
  it('has histories of every workflow type', () => {
    const types = new Set(files.map((f) => f.replace(/^[^-]+-/, '').split('-')[0]));
    expect([...types].sort()).toEqual(
      expect.arrayContaining(['dispute', 'payout', 'payoutSweep', 'purchase', 'reconciliation']),
    );
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
});
