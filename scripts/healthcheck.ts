/**
 * The image's HEALTHCHECK (Dockerfile): exits 0 when HEALTHCHECK_URL answers 2xx within 2 s, else 1.
 * Unset, the API's liveness: http://127.0.0.1:$API_PORT/healthz. A worker serves nothing but its
 * Prometheus endpoint, so a worker's container points it there (http://127.0.0.1:9464/metrics).
 * It reads process.env itself: a probe runs every few seconds and needs none of the app's config.
 */
const url = process.env.HEALTHCHECK_URL || `http://127.0.0.1:${process.env.API_PORT || 3000}/healthz`;

try {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  if (!res.ok) console.error(`${url} answered ${res.status}`);
  // Exit now: an idle keep-alive socket would hold the probe open past its answer.
  process.exit(res.ok ? 0 : 1);
} catch (err) {
  console.error(`${url}: ${(err as Error).message}`);
  process.exit(1);
}
