import { describe, expect, it } from 'vitest';
import { fromRemote, remotePayloadsSchema, toRemote } from './remote.js';

describe('remote codec protocol', () => {
  it('takes the empty list the Temporal CLI sends as `{}` (proto JSON omits empty arrays)', () => {
    expect(remotePayloadsSchema.parse({})).toEqual({ payloads: [] });
  });

  it('round-trips a payload and refuses what is not base64', () => {
    const payload = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{"a":1}') };
    const remote = toRemote(payload);
    expect(remotePayloadsSchema.parse({ payloads: [remote] }).payloads).toEqual([remote]);
    expect(Buffer.from(fromRemote(remote).data!).toString()).toBe('{"a":1}');
    expect(remotePayloadsSchema.safeParse({ payloads: [{ data: 'not base64!' }] }).success).toBe(false);
  });
});
