/**
 * The stack's last phase: the app processes on top of its servers — the sandbox provider (payments,
 * carrier, SMTP mailbox), then the worker(s) and API(s) in the topology asked for (scripts/stack/apps.ts).
 */
import { join } from 'node:path';
import { type Apps, startApps } from './apps.js';
import { nodeArgs, runsCompiled } from './compiled.js';
import { type StackIdentity, startIdentityProvider } from './identity-provider.js';
import type { StackProcess } from './index.js';
import { repoRoot } from './paths.js';
import { startProcess, waitFor } from './process.js';
import type { StackRun } from './servers.js';
import type { WorkerTopology } from './topology.js';

export async function startAppProcesses(
  run: StackRun,
  env: Record<string, string>,
  topology: { workers: WorkerTopology; apiReplicas: number },
  urls: { apiUrl: string; sandboxUrl: string },
  identity?: StackIdentity,
): Promise<Apps> {
  const { outer, dev, dir, logDir, ports, life } = run;
  const childEnv = { ...process.env, ...env };
  // ESCROWFLOW_PROFILE_DIR: each process writes a V8 CPU profile there when it exits (bench profiles).
  const profile = (name: string) =>
    outer.ESCROWFLOW_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${join(outer.ESCROWFLOW_PROFILE_DIR, name)}`]
      : [];
  // The sources through tsx, or the compiled build in dist/ (ESCROWFLOW_COMPILED=1, scripts/stack/compiled.ts).
  const compiled = runsCompiled(outer);
  const start = (name: StackProcess, entry: string, extra: Record<string, string> = {}) =>
    startProcess(name, process.execPath, [...profile(name), ...nodeArgs(entry, compiled)], {
      cwd: repoRoot,
      env: { ...childEnv, ...extra },
      logFile: join(logDir, `${name}.log`),
    });
  // The identity provider starts beside the sandbox: the API needs neither until a request comes.
  const identityStarted =
    identity &&
    life.own('identity-provider', () =>
      startIdentityProvider(
        run,
        identity,
        (entry, extra) => start('identity-provider', entry, extra),
        urls.apiUrl,
      ),
    );
  await life.own('sandbox', async () => {
    const sandbox = start('sandbox', 'sandbox/main.ts', {
      SANDBOX_PORT: String(ports.sandbox),
      SANDBOX_SMTP_PORT: String(ports.smtp),
      SANDBOX_WEBHOOK_URL: `${urls.apiUrl}/v1/webhooks/payments`,
      // It signs with the newest of the API's payment webhook secrets (a comma list while rotating).
      ...(env.PAYMENTS_WEBHOOK_SECRET && {
        SANDBOX_WEBHOOK_SECRET: env.PAYMENTS_WEBHOOK_SECRET.split(',')[0]!.trim(),
      }),
      // The sandbox carrier signs with CARRIER_WEBHOOK_SECRET (passed through, else both default).
      SANDBOX_CARRIER_WEBHOOK_URL: `${urls.apiUrl}/v1/webhooks/carrier`,
      // Demos: a registered parcel is delivered by itself 2 minutes later (0 turns it off); tests script it.
      ...(dev && { SANDBOX_CARRIER_AUTO_DELIVER_MS: outer.SANDBOX_CARRIER_AUTO_DELIVER_MS ?? '120000' }),
      ...(dev && { SANDBOX_STATE_FILE: join(dir, 'sandbox', 'state.json') }),
    });
    await waitFor('sandbox provider', () => httpOk(`${urls.sandboxUrl}/_sandbox/healthz`), {
      process: sandbox,
      logFile: join(logDir, 'sandbox.log'),
    });
    return sandbox;
  });
  await identityStarted;
  // Worker(s) and API(s) in the topology asked for (scripts/stack/apps.ts).
  const apps = await startApps({
    mode: run.mode,
    topology: topology.workers,
    apiReplicas: topology.apiReplicas,
    env,
    apiPort: ports.api,
    logDir,
    processes: life.processes,
    run: start,
    own: life.own,
    adopt: life.adopt,
    onStop: life.onStop,
  });
  run.say(`sandbox provider, ${identity ? 'identity provider, ' : ''}${apps.summary} ready`);
  return apps;
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return res.ok;
}
