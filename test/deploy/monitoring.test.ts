/**
 * deploy/monitoring/ holds together: the alert rules are a valid Prometheus rule file whose every
 * expression Prometheus' own PromQL support parses and type-checks (so do the dashboard's queries),
 * Temporal's first worker alerts and the platform's own are there, each alert has a runbook row, the
 * dashboard and the provisioning files are well formed, and the scrape configs reach every API and
 * worker process under the job names the rules select. Which metrics are actually served is
 * test/e2e/monitoring-metrics.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { ALL_TASK_QUEUES } from '../../domain/task-queues.js';
import {
  ALERTS_FILE,
  alertRules,
  allPanels,
  checkPromQL,
  type Dashboard,
  labelValuesMetric,
  loadDashboard,
  loadRuleFile,
  MONITORING_DIR,
  monitoringExpressions,
} from '../support/monitoring.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readYaml = (path: string) => parse(readFileSync(path, 'utf8')) as unknown;

// Prometheus' duration syntax (single unit or units in decreasing order, e.g. 1h30m).
const duration = z.string().regex(/^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/);
const RUNBOOK = 'docs/deploy/monitoring.md#runbook';
const alertRule = z
  .object({
    alert: z.string().regex(/^[A-Z][A-Za-z0-9]+$/),
    expr: z.string().min(1),
    for: duration.refine((d) => d !== '', 'for: a duration'),
    keep_firing_for: duration.optional(),
    labels: z.object({ severity: z.enum(['critical', 'warning']) }).catchall(z.string()),
    annotations: z.object({
      summary: z.string().min(1),
      description: z.string().min(1),
      runbook_url: z.literal(RUNBOOK),
    }),
  })
  .strict();
const recordingRule = z
  .object({ record: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/), expr: z.string().min(1) })
  .extend({ labels: z.record(z.string(), z.string()).optional() })
  .strict();
const ruleFile = z
  .object({
    groups: z
      .array(
        z
          .object({
            name: z.string().min(1),
            interval: duration.optional(),
            rules: z.array(z.union([alertRule, recordingRule])).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

describe('alert rules (deploy/monitoring/prometheus/alerts.yml)', () => {
  const file = loadRuleFile();
  const alerts = alertRules(file);

  it('is a Prometheus rule file: groups of alerts with expr, for, a severity and annotations', () => {
    const parsed = ruleFile.safeParse(file);
    expect(parsed.success, JSON.stringify(parsed.error?.issues, null, 2)).toBe(true);
    const groups = file.groups.map((g) => g.name);
    expect(new Set(groups).size).toBe(groups.length);
    const names = alerts.map((a) => a.alert);
    expect(new Set(names).size).toBe(names.length);
    // Go templates in annotations: every action closed.
    for (const a of alerts) {
      for (const text of Object.values(a.annotations ?? {})) {
        expect(text.split('{{').length, `${a.alert}: ${text}`).toBe(text.split('}}').length);
      }
    }
  });

  /** The alerts selecting `metric`, with the labels each selector of it matches on. */
  const selecting = (metric: string) =>
    alerts.flatMap((a) =>
      checkPromQL(a.expr)
        .selectors.filter((s) => s.metric === metric)
        .map((s) => ({ alert: a.alert, labels: s.labels, expr: a.expr, severity: a.labels?.severity })),
    );

  it("has Temporal's first worker alerts on the SDK series the worker exports", () => {
    // Pollers at 0 (or gone), per task queue and poller type.
    expect(selecting('temporal_num_pollers').map((s) => s.alert)).toContain('TemporalPollersGone');
    // Any non-determinism error.
    expect(
      selecting('temporal_workflow_task_execution_failed').filter((s) =>
        s.expr.includes('failure_reason="NonDeterminismError"'),
      ),
    ).not.toEqual([]);
    // Workflow-task schedule-to-start p99 above 5 s: the SDK's histogram is in milliseconds.
    const backlog = selecting('temporal_workflow_task_schedule_to_start_latency_bucket');
    expect(backlog.map((s) => s.expr.replace(/\s+/g, ' '))).toEqual([
      expect.stringMatching(/histogram_quantile\(0\.99, .*\) > 5000\s*$/),
    ]);
    // Slots exhausted.
    expect(selecting('temporal_worker_task_slots_available').map((s) => s.expr)).toEqual([
      expect.stringMatching(/== 0\s*$/),
    ]);
    // RESOURCE_EXHAUSTED, by status code.
    const throttled = selecting('temporal_request_failure');
    expect(throttled.length).toBeGreaterThan(0);
    for (const s of throttled) {
      expect(s.labels).toContain('status_code');
      expect(s.expr).toContain('"RESOURCE_EXHAUSTED"');
    }
    for (const s of [...backlog, ...throttled]) expect(s.severity).toBe('critical');
  });

  it("has the platform's own: ledger, reconciliation, backlogs, payouts, 5xx and POST /v1/orders p99", () => {
    expect(selecting('escrowflow_ledger_check_failures_total')).not.toEqual([]);
    expect(selecting('escrowflow_reconciliation_mismatches_total')).not.toEqual([]);
    const backlogs = [
      ...selecting('escrowflow_backlog_pending'),
      ...selecting('escrowflow_backlog_oldest_age_seconds'),
    ].map((s) => s.expr);
    expect(backlogs.some((e) => e.includes('backlog="outbox"'))).toBe(true);
    expect(backlogs.some((e) => e.includes('backlog="seller_webhooks"'))).toBe(true);
    expect(selecting('escrowflow_payouts_total').map((s) => s.expr)).toEqual([
      expect.stringContaining('status="failed"'),
    ]);
    expect(selecting('http_requests_total').some((s) => s.expr.includes('status=~"5.."'))).toBe(true);
    expect(selecting('http_request_duration_seconds_bucket').map((s) => s.expr.replace(/\s+/g, ' '))).toEqual(
      [expect.stringMatching(/histogram_quantile\(0\.99, .*method="POST", route="\/v1\/orders".*/)],
    );
  });

  it('selects only the job names the scrape configs give the API and the workers', () => {
    const jobs = ['escrowflow-api', 'escrowflow-worker'];
    const matchers = alerts.flatMap((a) => [...a.expr.matchAll(/job=~?"([^"]+)"/g)].map((m) => m[1]!));
    expect(matchers.length).toBeGreaterThan(0);
    for (const m of matchers) {
      for (const job of jobs) expect(new RegExp(`^(?:${m})$`).test(job), m).toBe(true);
    }
  });

  it('has a runbook row for every alert, and none for an alert it does not have', () => {
    const doc = readFileSync(join(root, 'docs/deploy/monitoring.md'), 'utf8');
    const runbook = doc.slice(doc.indexOf('\n## Runbook\n'));
    expect(runbook.length).toBeGreaterThan(20);
    const rows = [...runbook.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual(alerts.map((a) => a.alert).sort());
  });
});

describe('PromQL of the rules and the dashboard', () => {
  it('finds syntax and type errors (the checker is not a pass-all)', () => {
    expect(checkPromQL('sum(rate(foo[5m])').problems).not.toEqual([]);
    expect(checkPromQL('rate(foo)').problems).toEqual([
      expect.stringContaining('expected type matrix in call to function "rate"'),
    ]);
    expect(checkPromQL('foo[5m] > 1').problems).not.toEqual([]);
    expect(checkPromQL('sum by (le) (rate(a_bucket{x="1"}[5m])) > bool 0')).toEqual({
      problems: [],
      selectors: [{ metric: 'a_bucket', labels: ['x'] }],
    });
  });

  it.each(monitoringExpressions())('$where parses and type-checks', ({ expr }) => {
    const { problems, selectors } = checkPromQL(expr);
    expect(problems, expr).toEqual([]);
    expect(selectors.length, expr).toBeGreaterThan(0);
  });
});

// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a template literal.
const grafanaDatasource = { type: 'prometheus', uid: '${datasource}' };

describe('Grafana dashboard (deploy/monitoring/grafana/)', () => {
  const dashboard: Dashboard = loadDashboard();
  const panels = allPanels(dashboard);
  const queryPanels = panels.filter((p) => p.type !== 'row');

  it('is a dashboard whose panels fit the 24-column grid without overlapping', () => {
    expect(dashboard).toMatchObject({ title: 'escrowflow', uid: expect.stringMatching(/^[\w-]{1,40}$/) });
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Map<string, string>();
    for (const p of panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x >= 0 && w > 0 && x + w <= 24 && h > 0 && y >= 0, p.title).toBe(true);
      for (let i = x; i < x + w; i++) {
        for (let j = y; j < y + h; j++) {
          expect(cells.get(`${i},${j}`), `${p.title} overlaps`).toBeUndefined();
          cells.set(`${i},${j}`, p.title);
        }
      }
    }
  });

  it('queries Prometheus through its data source variable, each panel with unique refIds', () => {
    const vars = dashboard.templating.list;
    expect(vars.find((v) => v.name === 'datasource')).toMatchObject({
      type: 'datasource',
      query: 'prometheus',
    });
    for (const p of queryPanels) {
      expect(p.datasource, p.title).toEqual(grafanaDatasource);
      const targets = p.targets ?? [];
      expect(targets.length, p.title).toBeGreaterThan(0);
      expect(new Set(targets.map((t) => t.refId)).size, p.title).toBe(targets.length);
      for (const t of targets) expect(t.datasource, p.title).toEqual(grafanaDatasource);
    }
    // Query variables are `label_values(metric, label)` of a metric the worker serves.
    for (const v of vars.filter((v) => v.type === 'query')) {
      const query = typeof v.query === 'string' ? v.query : v.query.query;
      expect(labelValuesMetric(query), query).toBeDefined();
    }
  });

  it('shows orders by status, time to paid, workflow-task latency, backlog per queue and ledger health', () => {
    const metricsOf = (p: (typeof queryPanels)[number]) =>
      (p.targets ?? [])
        .flatMap((t) => checkPromQL(t.expr.replace(/\$[\w{}]+/g, '5m')).selectors)
        .map((s) => s.metric);
    const shown = new Set(queryPanels.flatMap(metricsOf));
    for (const metric of [
      'escrowflow_order_status_changes_total',
      'escrowflow_order_time_to_paid_milliseconds_bucket',
      'temporal_workflow_task_schedule_to_start_latency_bucket',
      'temporal_workflow_task_execution_latency_bucket',
      'temporal_activity_schedule_to_start_latency_bucket',
      'escrowflow_ledger_check_failures_total',
      'escrowflow_reconciliation_mismatches_total',
      'escrowflow_backlog_pending',
    ]) {
      expect(shown, metric).toContain(metric);
    }
    // Per task queue: the latency panels break down by it.
    const perQueue = queryPanels.filter((p) =>
      metricsOf(p).some((m) => m.endsWith('schedule_to_start_latency_bucket')),
    );
    for (const p of perQueue) expect(p.targets?.[0]?.expr, p.title).toContain('by (task_queue, le)');
  });

  it('is provisioned from the folder it lives in, with a Prometheus data source', () => {
    const providers = readYaml(join(MONITORING_DIR, 'grafana/provisioning/dashboards/escrowflow.yml')) as {
      apiVersion: number;
      providers: { name: string; type: string; options: { path: string } }[];
    };
    expect(providers.apiVersion).toBe(1);
    expect(providers.providers).toEqual([
      expect.objectContaining({
        type: 'file',
        options: expect.objectContaining({ path: expect.any(String) }),
      }),
    ]);
    const sources = readYaml(join(MONITORING_DIR, 'grafana/provisioning/datasources/prometheus.yml')) as {
      apiVersion: number;
      datasources: { type: string; url: string }[];
    };
    expect(sources.apiVersion).toBe(1);
    expect(sources.datasources).toEqual([
      expect.objectContaining({ type: 'prometheus', url: expect.stringMatching(/^https?:\/\//) }),
    ]);
  });
});

interface ScrapeConfig {
  job_name: string;
  dns_sd_configs?: { names: string[]; type: string; port: number }[];
  kubernetes_sd_configs?: { role: string }[];
  relabel_configs?: {
    source_labels?: string[];
    regex?: string;
    replacement?: string;
    target_label?: string;
  }[];
}
interface PrometheusConfig {
  rule_files: string[];
  scrape_configs: ScrapeConfig[];
}

describe('Prometheus scrape configs (deploy/monitoring/prometheus/)', () => {
  const config = (name: string) => readYaml(join(MONITORING_DIR, 'prometheus', name)) as PrometheusConfig;

  it.each(['prometheus.yml', 'prometheus-kubernetes.yml'])('%s loads the alert rules beside it', (name) => {
    const { rule_files } = config(name);
    expect(rule_files).toEqual(['alerts.yml']);
    expect(existsSync(join(MONITORING_DIR, 'prometheus', rule_files[0]!))).toBe(true);
    expect(join(MONITORING_DIR, 'prometheus', rule_files[0]!)).toBe(ALERTS_FILE);
  });

  it("prometheus.yml finds every replica of docker-compose.yml's API and of a worker per task queue", () => {
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, unknown>;
    };
    const jobs = Object.fromEntries(config('prometheus.yml').scrape_configs.map((j) => [j.job_name, j]));
    expect(Object.keys(jobs).sort()).toEqual(['escrowflow-api', 'escrowflow-worker']);
    const names = (job: string) => jobs[job]!.dns_sd_configs!.flatMap((d) => d.names);
    expect(names('escrowflow-api')).toEqual(['api']);
    expect(names('escrowflow-worker').sort()).toEqual(ALL_TASK_QUEUES.map((q) => `worker-${q}`).sort());
    for (const service of [...names('escrowflow-api'), ...names('escrowflow-worker')]) {
      expect(Object.keys(compose.services), service).toContain(service);
    }
    expect(jobs['escrowflow-worker']!.dns_sd_configs![0]!.port).toBe(9464);
  });

  it('prometheus-kubernetes.yml names the jobs escrowflow-api and escrowflow-worker from the pods component label', () => {
    const [job] = config('prometheus-kubernetes.yml').scrape_configs;
    expect(job?.kubernetes_sd_configs).toEqual([{ role: 'pod' }]);
    const naming = job?.relabel_configs?.find((r) => r.target_label === 'job');
    expect(naming?.source_labels).toEqual(['__meta_kubernetes_pod_label_app_kubernetes_io_component']);
    const jobOf = (component: string) => {
      const m = new RegExp(`^(?:${naming!.regex})$`).exec(component);
      return m && naming!.replacement!.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '');
    };
    expect([jobOf('api'), jobOf('worker'), jobOf('migrate')]).toEqual([
      'escrowflow-api',
      'escrowflow-worker',
      null,
    ]);
  });
});
