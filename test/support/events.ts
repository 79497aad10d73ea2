/** What GET /v1/events replays to a user, as the e2e tests read it. */
import { eventually, stack, tokenFor } from './stack.js';

/** The event types GET /v1/events replays for `user` once they include every one of `wanted`. */
export async function eventTypes(user: string, wanted: string[]): Promise<string[]> {
  return eventually(async () => {
    const controller = new AbortController();
    const res = await fetch(`${stack().apiUrl}/v1/events`, {
      headers: { authorization: `Bearer ${await tokenFor(user)}` },
      signal: controller.signal,
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    // The replay comes first, then heartbeats: read until the first heartbeat comment.
    while (!text.includes(': heartbeat')) text += (await reader.read()).value ?? '';
    controller.abort();
    const types = [...text.matchAll(/^event: (.+)$/gm)].map((m) => m[1]!);
    return wanted.every((t) => types.includes(t)) && types;
  });
}
