import { describe, expect, it } from 'vitest';
import { type CpuProfile, categoryOf, moduleOf, selfTimeByNode, summarize, top } from './cpu-profile.js';

const root = '/repo';
const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

/**
 * Five nodes, six samples 1 ms apart from t=0 to t=6 ms: idle 1 ms, the codec 2 ms, drizzle 1 ms, the
 * workflow bundle 1 ms, GC 1 ms (the last sample holds until endTime).
 */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(idle)') },
    { id: 2, callFrame: frame('encode', 'file:///repo/codec/aes-gcm-codec.ts', 41) },
    { id: 3, callFrame: frame('buildQuery', 'file:///repo/node_modules/drizzle-orm/pg-core/dialect.js', 9) },
    { id: 4, callFrame: frame('runOrder', 'workflow-bundle-abc123.js', 300) },
    { id: 5, callFrame: frame('(garbage collector)') },
  ],
  samples: [1, 2, 2, 3, 4, 5],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000],
  startTime: 0,
  endTime: 6000,
};

describe('selfTimeByNode', () => {
  it('gives each sample the time until the next one, and the last until endTime', () => {
    expect(Object.fromEntries(selfTimeByNode(profile))).toEqual({
      1: 1000,
      2: 2000,
      3: 1000,
      4: 1000,
      5: 1000,
    });
  });
});

describe('moduleOf', () => {
  it('names packages (scoped too), Node internals, repo files and pseudo-frames', () => {
    expect(moduleOf(frame('f', 'file:///repo/node_modules/@temporalio/worker/lib/worker.js'), root)).toBe(
      'pkg:@temporalio/worker',
    );
    expect(moduleOf(frame('f', 'file:///repo/node_modules/postgres/src/connection.js'), root)).toBe(
      'pkg:postgres',
    );
    expect(moduleOf(frame('f', 'node:internal/crypto/cipher'), root)).toBe('node:internal/crypto/cipher');
    expect(moduleOf(frame('f', 'file:///repo/activities/orders.ts'), root)).toBe('activities/orders.ts');
    expect(moduleOf(frame('(garbage collector)'), root)).toBe('(garbage collector)');
    expect(moduleOf(frame('Array.prototype.map'), root)).toBe('native');
  });
});

describe('categoryOf', () => {
  it('sorts frames into the kinds of work the issue names', () => {
    const cat = (f: ReturnType<typeof frame>) => categoryOf(moduleOf(f, root), f);
    expect(cat(frame('x', 'workflow-bundle-abc.js'))).toBe('workflow sandbox (vm)');
    expect(
      cat(frame('x', 'file:///repo/node_modules/@temporalio/common/lib/converter/payload-converter.js')),
    ).toBe('data converter');
    expect(cat(frame('x', 'file:///repo/node_modules/pino/lib/proto.js'))).toBe('logging');
    expect(cat(frame('x', 'file:///repo/node_modules/@opentelemetry/api/build/src/api/trace.js'))).toBe(
      'tracing/OTel',
    );
    expect(cat(frame('x', 'file:///repo/workers/outbox-dispatcher.ts'))).toBe('outbox dispatcher');
    expect(cat(frame('x', 'file:///repo/node_modules/ioredis/built/Redis.js'))).toBe('redis (ioredis)');
    expect(cat(frame('x', 'file:///repo/somewhere/else.js'))).toBe('other');
  });
});

describe('summarize', () => {
  it('adds self time by function, module and category; busy time leaves out idle', () => {
    const s = summarize([profile, profile], root);
    expect(s.wallUs).toBe(12_000);
    expect(s.busyUs).toBe(10_000);
    expect(s.byModule.get('codec/aes-gcm-codec.ts')).toBe(4000);
    expect(s.byFunction.get('encode codec/aes-gcm-codec.ts:42')).toBe(4000);
    expect(Object.fromEntries(s.byCategory)).toEqual({
      idle: 2000,
      'payload codec (AES-GCM)': 4000,
      'drizzle (query building)': 2000,
      'workflow sandbox (vm)': 2000,
      GC: 2000,
    });
  });

  it('charges Node internals and V8 builtins to their nearest caller of a known kind', () => {
    const nested: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 5] },
        {
          id: 2,
          callFrame: frame('send', 'file:///repo/node_modules/postgres/src/connection.js'),
          children: [3],
        },
        { id: 3, callFrame: frame('Socket._write', 'node:net'), children: [4] },
        { id: 4, callFrame: frame('writeBuffer') },
        { id: 5, callFrame: frame('processTicksAndRejections', 'node:internal/process/task_queues') },
      ],
      samples: [4, 3, 5],
      timeDeltas: [0, 1000, 1000],
      startTime: 0,
      endTime: 3000,
    };
    expect(Object.fromEntries(summarize([nested], root).byCategory)).toEqual({
      'postgres driver': 2000,
      // No caller of a known kind above it: it stays what it is.
      'node internals': 1000,
    });
  });

  it('ranks the largest entries with their share of busy time', () => {
    const s = summarize([profile], root);
    expect(top(s.byCategory, 2, s.busyUs)).toEqual([
      { name: 'payload codec (AES-GCM)', ms: 2, pct: 40 },
      { name: 'idle', ms: 1, pct: 20 },
    ]);
  });
});
