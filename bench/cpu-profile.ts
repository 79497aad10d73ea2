/**
 * Self time of a V8 CPU profile (`node --cpu-prof`, the `.cpuprofile` JSON) per function, per module
 * (an npm package, a file of this repo, a Node internal) and per category of the platform's work
 * (`CATEGORIES`). Pure: `bench/profile-summary.ts` reads the files and prints.
 */

/** The parts of a `.cpuprofile` read here (Chrome DevTools protocol `Profiler.Profile`). */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  /** Node id of each sample, in time order. */
  samples: number[];
  /** Microseconds since the previous sample (the first: since `startTime`). */
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/**
 * Microseconds of self time per node: each sample holds the time until the next one (DevTools' rule);
 * the last sample holds until `endTime`.
 */
export function selfTimeByNode(profile: CpuProfile): Map<number, number> {
  const out = new Map<number, number>();
  let at = profile.startTime;
  const times = profile.timeDeltas.map((d) => {
    at += d;
    return at;
  });
  for (const [i, id] of profile.samples.entries()) {
    const next = times[i + 1] ?? profile.endTime;
    out.set(id, (out.get(id) ?? 0) + Math.max(next - times[i]!, 0));
  }
  return out;
}

/** V8's pseudo-frames: time not spent in JavaScript of a script. */
const PSEUDO = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

/**
 * The module a frame belongs to: `pkg:<name>` under node_modules, `node:<path>` for Node's own code,
 * the repo-relative path for this repo's files, the pseudo-frame's name, `native` for V8 builtins
 * without a script, else the url.
 */
export function moduleOf(frame: Frame, repoRoot: string): string {
  const { url, functionName } = frame;
  if (!url) return PSEUDO.has(functionName) ? functionName : 'native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return `pkg:${pkg}`;
  if (url.startsWith('node:')) return url;
  const path = url.replace(/^file:\/\//, '');
  const root = repoRoot.endsWith('/') ? repoRoot : `${repoRoot}/`;
  return path.startsWith(root) ? path.slice(root.length) : path;
}

/**
 * The platform's kinds of work, first match wins, on `module|functionName|url`. The workflow bundle
 * (the sandbox's code, a webpack bundle evaluated in a vm context) is `workflow-bundle-<hash>.js`.
 */
export const CATEGORIES: ReadonlyArray<[category: string, pattern: RegExp]> = [
  ['GC', /^\(garbage collector\)\|/],
  ['idle', /^\((idle|root)\)\|/],
  ['(program): V8 and native code outside JS', /^\(program\)\|/],
  [
    'tracing/OTel',
    /^pkg:@opentelemetry\/|interceptors-opentelemetry|^observability\/(tracing|worker-tracing|client-tracing|traced-fetch)/,
  ],
  [
    'logging',
    /^pkg:(pino|pino-std-serializers|sonic-boom|thread-stream|fast-redact|quick-format-unescaped|on-exit-leak-free)|^observability\/(log-context|runtime-logger|activity-log-fields)/,
  ],
  ['payload codec (AES-GCM)', /^codec\/|^node:internal\/crypto|^node:crypto/],
  ['protobuf (activations, payloads)', /^pkg:(@temporalio\/proto|protobufjs|long|@protobufjs\/)/],
  ['data converter', /@temporalio\/common\/lib\/converter\/|^codec\/data-converter/],
  ['drizzle (query building)', /^pkg:drizzle-orm/],
  ['postgres driver', /^pkg:postgres\b/],
  ['redis (ioredis)', /^pkg:(ioredis|@ioredis|redis-parser|denque|cluster-key-slot|standard-as-callback)/],
  ['outbox dispatcher', /^workers\/outbox-dispatcher|^db\/queries\/notification-outbox/],
  [
    'workflow sandbox (vm)',
    /workflow-bundle|^pkg:@temporalio\/workflow|@temporalio\/worker\/lib\/workflow\/|^node:vm/,
  ],
  ['Temporal SDK (worker, core bridge)', /^pkg:@temporalio\/(worker|core-bridge|client|common|activity)/],
  ['HTTP server (hono, node-server)', /^pkg:(hono|@hono\/)|^node:(_http|http|internal\/http)/],
  ['validation (zod)', /^pkg:zod/],
  ['app: activities', /^activities\//],
  ['app: api', /^api\//],
  ['app: db queries', /^db\//],
  ['app: other', /^(domain|payments|carriers|email|workers|config|observability)\//],
  [
    'start-up: tsx, workflow bundling',
    /^pkg:(tsx|esbuild|get-tsconfig|webpack|@swc\/|swc-loader|terser|source-map|enhanced-resolve|acorn|watchpack|tapable|webpack-sources|schema-utils|ajv)/,
  ],
  ['node internals', /^node:/],
  ['native (V8 builtins)', /^native\|/],
];

export function categoryOf(module: string, frame: Frame): string {
  const key = `${module}|${frame.functionName}|${frame.url}`;
  return CATEGORIES.find(([, pattern]) => pattern.test(key))?.[0] ?? 'other';
}

/**
 * Categories that say where the CPU went but not for what (Node's internals, V8's builtins, code of
 * no known kind): their self time is charged to the nearest caller of a specific category, so a
 * socket write counts as the PostgreSQL driver's that made it and `runInContext` as the sandbox's.
 */
export const GENERIC_CATEGORIES: ReadonlySet<string> = new Set([
  'node internals',
  'native (V8 builtins)',
  'other',
]);

export interface ProfileSummary {
  /** Microseconds the profile covers (wall time of the thread). */
  wallUs: number;
  /** Microseconds on the CPU: everything but `(idle)`. */
  busyUs: number;
  byFunction: Map<string, number>;
  byModule: Map<string, number>;
  /** Self time by category, generic categories charged to their nearest specific caller. */
  byCategory: Map<string, number>;
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/** Each node's category after charging generic ones to the nearest specific caller. */
function categoriesOf(profile: CpuProfile, repoRoot: string): Map<number, string> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const own = new Map(
    profile.nodes.map((n) => [n.id, categoryOf(moduleOf(n.callFrame, repoRoot), n.callFrame)]),
  );
  const out = new Map<number, string>();
  for (const n of profile.nodes) {
    let at = parent.get(n.id);
    let category = own.get(n.id)!;
    // Up to the first caller of a specific kind; the root ("(root)", filed with idle) is none.
    while (GENERIC_CATEGORIES.has(category) && at !== undefined && own.get(at) !== 'idle') {
      if (!GENERIC_CATEGORIES.has(own.get(at)!)) category = own.get(at)!;
      at = parent.get(at);
    }
    out.set(n.id, category);
  }
  return out;
}

/** Self time grouped three ways; several profiles (threads of one process) add into one summary. */
export function summarize(profiles: readonly CpuProfile[], repoRoot: string): ProfileSummary {
  const out: ProfileSummary = {
    wallUs: 0,
    busyUs: 0,
    byFunction: new Map(),
    byModule: new Map(),
    byCategory: new Map(),
  };
  for (const profile of profiles) {
    out.wallUs += profile.endTime - profile.startTime;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    const categories = categoriesOf(profile, repoRoot);
    for (const [id, us] of selfTimeByNode(profile)) {
      const frame = nodes.get(id);
      if (!frame) continue;
      const module = moduleOf(frame, repoRoot);
      const name = frame.functionName || '(anonymous)';
      if (module !== '(idle)') out.busyUs += us;
      add(out.byFunction, `${name} ${module}:${frame.lineNumber + 1}`, us);
      add(out.byModule, module, us);
      add(out.byCategory, categories.get(id)!, us);
    }
  }
  return out;
}

/** The largest `n` entries, with their share of `total` in percent (one decimal). */
export function top(m: Map<string, number>, n: number, total: number) {
  return [...m]
    .sort(([, a], [, b]) => b - a)
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: Math.round((1000 * us) / total) / 10 }));
}
