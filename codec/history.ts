/**
 * Payloads inside a workflow history (or any proto message): found by shape, wherever they sit
 * (inputs, results, update and signal arguments, activity arguments and results, memo, failures'
 * details, search attributes, headers), so a test can check each one and a recorder can decode them.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';

export interface FoundPayload {
  /** Dotted path from the root, e.g. `events.4.activityTaskScheduledEventAttributes.input.payloads.0`. */
  path: string;
  payload: Payload;
  replace(next: Payload): void;
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

export function isPayload(v: unknown): v is Payload {
  if (!v || typeof v !== 'object') return false;
  const { metadata, data } = v as { metadata?: unknown; data?: unknown };
  return (
    !!metadata &&
    typeof metadata === 'object' &&
    Object.values(metadata).every(isBytes) &&
    (data === undefined || data === null || isBytes(data))
  );
}

export function findPayloads(root: unknown): FoundPayload[] {
  const found: FoundPayload[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object' || isBytes(node)) return;
    const entries = Array.isArray(node)
      ? node.map((v, i) => [String(i), v] as const)
      : Object.entries(node as Record<string, unknown>);
    for (const [key, value] of entries) {
      const here = path ? `${path}.${key}` : key;
      if (isPayload(value)) {
        found.push({
          path: here,
          payload: value,
          replace: (next) => {
            (node as Record<string, unknown>)[key] = next;
          },
        });
      } else {
        walk(value, here);
      }
    }
  };
  walk(root, '');
  return found;
}

/** Decodes every payload of `root` in place through `codec`; returns how many it saw. */
export async function decodePayloadsInPlace(root: unknown, codec: PayloadCodec): Promise<number> {
  const found = findPayloads(root);
  const decoded = await codec.decode(found.map((f) => f.payload));
  found.forEach((f, i) => {
    f.replace(decoded[i]!);
  });
  return found.length;
}
