/**
 * The API's round-robin proxy as a process of its own (scripts/stack/round-robin.ts): the stack runs
 * it in front of API replicas (local only: deployments use nginx or a Kubernetes Service). Reads its settings here
 * only: PROXY_TARGETS (`host:port,...`; a name with several addresses counts each), PROXY_PORT,
 * PROXY_HOST, LOG_LEVEL.
 */
import pino from 'pino';
import { parseTargets, startRoundRobin } from './stack/round-robin.js';

const env = process.env;
const log = pino({ level: env.LOG_LEVEL ?? 'info', base: { service: 'api-proxy' } });
let targets: ReturnType<typeof parseTargets>;
try {
  targets = parseTargets(env.PROXY_TARGETS ?? '');
} catch (err) {
  console.error(`invalid configuration:\n  PROXY_TARGETS: ${(err as Error).message}`);
  process.exit(1);
}
const proxy = await startRoundRobin({
  targets,
  host: env.PROXY_HOST ?? '127.0.0.1',
  port: Number(env.PROXY_PORT ?? 3000),
  log: (fields, msg) => log.warn(fields, msg),
});
log.info({ url: proxy.url, targets: targets.map((t) => `${t.host}:${t.port}`) }, 'api proxy listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal, ...proxy.stats() }, 'api proxy stopping');
    void proxy.close().then(() => process.exit(0));
  });
}
