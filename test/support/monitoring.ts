/**
 * deploy/monitoring/ as tests read it: the alert rules and the Grafana dashboard, every PromQL
 * expression checked by Prometheus' own PromQL support (its Lezer grammar, and the type checks of
 * its editor package `@prometheus-io/codemirror-promql`), and the series each one selects.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EditorState as EditorStateType } from '@codemirror/state';
import { parse } from 'yaml';

export const MONITORING_DIR = fileURLToPath(new URL('../../deploy/monitoring', import.meta.url));
export const ALERTS_FILE = join(MONITORING_DIR, 'prometheus/alerts.yml');
export const DASHBOARD_FILE = join(MONITORING_DIR, 'grafana/dashboards/escrowflow.json');

// The package ships CommonJS and ES builds without an exports map: Node resolves its CommonJS one, so
// @codemirror/state and @codemirror/language must come from the same (CommonJS) builds, or the
// editor state rejects the language as another copy's extension.
const require = createRequire(import.meta.url);
const { EditorState } = require('@codemirror/state') as typeof import('@codemirror/state');
const { ensureSyntaxTree, syntaxTree } =
  require('@codemirror/language') as typeof import('@codemirror/language');
const { promQLLanguage, LanguageType } =
  require('@prometheus-io/codemirror-promql') as typeof import('@prometheus-io/codemirror-promql');
const { Parser } = require('@prometheus-io/codemirror-promql/dist/cjs/parser/index.js') as {
  Parser: new (
    state: EditorStateType,
  ) => { analyze(): void; getDiagnostics(): { message: string; from: number; to: number }[] };
};

/** A series selector of an expression: the metric name and the labels it matches on. */
export interface Selector {
  metric: string;
  labels: string[];
}

export interface CheckedExpr {
  /** Syntax errors and type errors, each with the text it is about; empty when the expression is valid. */
  problems: string[];
  selectors: Selector[];
}

/** Parses one PromQL expression: what is wrong with it, and the series it selects. */
export function checkPromQL(expr: string): CheckedExpr {
  const created = EditorState.create({ doc: expr, extensions: promQLLanguage(LanguageType.PromQL) });
  // The editor parses for a few milliseconds only; a busy machine leaves the tree partial (a call's
  // arguments missing). Finish it, then take a state holding the whole tree: the type checks below
  // read the state's tree, not the one ensureSyntaxTree returns.
  const tree = ensureSyntaxTree(created, expr.length, 5_000);
  const state = created.update({}).state;
  if (!tree || syntaxTree(state).length < expr.length)
    return { problems: ['the parser did not finish'], selectors: [] };
  const problems: string[] = [];
  const selectors: Selector[] = [];
  const text = (from: number, to: number) => expr.slice(from, to);
  tree.iterate({
    enter(node) {
      // Error nodes anywhere, the end included (the editor's linter forgives a trailing one, as
      // someone may still be typing).
      if (node.type.isError)
        problems.push(`syntax error at ${node.from}: "${text(node.from, node.to + 10)}"`);
      if (node.name !== 'VectorSelector') return;
      const name = node.node.getChild('Identifier');
      const labels = node.node
        .getChild('LabelMatchers')
        ?.getChildren('UnquotedLabelMatcher')
        .map((m) => m.getChild('LabelName'))
        .flatMap((l) => (l ? [text(l.from, l.to)] : []));
      if (name) selectors.push({ metric: text(name.from, name.to), labels: labels ?? [] });
    },
  });
  const parser = new Parser(state);
  parser.analyze();
  for (const d of parser.getDiagnostics()) problems.push(`${d.message}: "${text(d.from, d.to)}"`);
  return { problems, selectors };
}

/** The metric a histogram's or summary's series belong to: what a /metrics endpoint declares. */
export const familyOf = (series: string) => series.replace(/_(bucket|count|sum)$/, '');

// Prometheus' rule file format (https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/).
export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}
export interface RuleFile {
  groups: { name: string; interval?: string; rules: (AlertRule | RecordingRule)[] }[];
}

export const loadRuleFile = (path = ALERTS_FILE) => parse(readFileSync(path, 'utf8')) as RuleFile;

export const alertRules = (file: RuleFile = loadRuleFile()): AlertRule[] =>
  file.groups.flatMap((g) => g.rules.filter((r): r is AlertRule => 'alert' in r));

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type: string; uid: string };
  targets?: { refId: string; expr: string; datasource?: { type: string; uid: string } }[];
  panels?: DashboardPanel[];
}
export interface Dashboard {
  title: string;
  uid: string;
  schemaVersion: number;
  panels: DashboardPanel[];
  templating: {
    list: { name: string; type: string; query: string | { query: string }; datasource?: unknown }[];
  };
}

export const loadDashboard = (path = DASHBOARD_FILE) => JSON.parse(readFileSync(path, 'utf8')) as Dashboard;

/** Every panel, those inside collapsed rows too. */
export const allPanels = (dashboard: Dashboard): DashboardPanel[] =>
  dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);

/**
 * A dashboard query as Prometheus receives it: Grafana's interval variables become a duration and
 * the dashboard's own variables (used inside label matchers) match anything.
 */
export const asPromQL = (expr: string) =>
  expr.replace(/\$__(rate_interval|interval|range)\b/g, '5m').replace(/\$\{?\w+\}?/g, '.*');

/** The metric of a `label_values(metric, label)` variable query. */
export const labelValuesMetric = (query: string) => /^label_values\((\w+),\s*\w+\)$/.exec(query)?.[1];

/** Every PromQL expression of deploy/monitoring/, named for messages. */
export function monitoringExpressions(): { where: string; expr: string }[] {
  const rules = loadRuleFile().groups.flatMap((g) =>
    g.rules.map((r) => ({ where: `rule ${'alert' in r ? r.alert : r.record}`, expr: r.expr })),
  );
  const panels = allPanels(loadDashboard()).flatMap((p) =>
    (p.targets ?? []).map((t) => ({ where: `panel "${p.title}" ${t.refId}`, expr: asPromQL(t.expr) })),
  );
  return [...rules, ...panels];
}
