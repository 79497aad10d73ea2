/**
 * Typed messages end to end: every signal, update and query is named once, as the string literal inside
 * its `defineSignal/defineUpdate/defineQuery` call in a `workflows/<name>/messages.ts`, and every
 * sender (API, workers, scripts, chaos, bench, sim, client) passes that definition. This scans the
 * sources (not node_modules, tests or the messages files) for a string literal that names a message
 * where a message is sent or named: an argument of a call like `.signal(…)`, `.query(…)`,
 * `executeUpdate(…)`, `startUpdateWithStart(…)`, `signalWithStart`, `setHandler` or a helper of that
 * kind (`signalWorkflow(…, 'x', arg)`); a `signal:`/`update:`/`query:` option; a constant holding it
 * (`const name = 'awaitPayment'`, `CHARGEBACK_SIGNAL = …`, `ESCROW_UPDATES = { ship: 'ship' }`); and
 * a `define*` call outside a messages.ts file. The same words elsewhere are not names of messages: an
 * order's `status`, a `chargeback` dispute reason, the simulator's event kinds (`kind: 'ship'`).
 * The names come from the definitions themselves (each has a `.name`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.data', 'dist', 'coverage', 'test']);
const SOURCE = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;
const MESSAGE_CALL = /signal|update|query|setHandler/i;
const MESSAGE_OPTION = /^(signal|update|query)(Name)?$/i;
const MESSAGE_CONSTANT = /(signal|update|query)s?$/i;
const DEFINE = /^define(Signal|Update|Query)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : filesUnder(join(dir, entry.name));
    return SOURCE.test(entry.name) ? [join(dir, entry.name)] : [];
  });
}

const messageFiles = () => filesUnder(join(ROOT, 'workflows')).filter((f) => f.endsWith('/messages.ts'));

/** Every message name, read from the definitions the workflows register. */
async function messageNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const file of messageFiles()) {
    for (const value of Object.values(await import(file))) {
      const def = value as { type?: unknown; name?: unknown };
      if (['signal', 'update', 'query'].includes(def?.type as string) && typeof def.name === 'string')
        names.add(def.name);
    }
  }
  return names;
}

const calleeName = (expr: ts.Expression): string | undefined =>
  ts.isIdentifier(expr) ? expr.text : ts.isPropertyAccessExpression(expr) ? expr.name.text : undefined;

const declaredName = (node: ts.Node): string | undefined =>
  (ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node)) && ts.isIdentifier(node.name)
    ? node.name.text
    : undefined;

/** Where `source` names a message by a string, as `line: text` findings. */
function findings(fileName: string, source: string, names: Set<string>): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, why: string) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push(`${fileName}:${line} ${node.getText()} (${why})`);
  };
  const sendsOrNames = (literal: ts.Node): string | undefined => {
    const parent = literal.parent;
    if (
      (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
      parent.arguments?.includes(literal as ts.Expression)
    ) {
      const callee = calleeName(parent.expression);
      if (callee && MESSAGE_CALL.test(callee)) return `argument of ${callee}()`;
    }
    if (
      ts.isPropertyAssignment(parent) &&
      ts.isIdentifier(parent.name) &&
      MESSAGE_OPTION.test(parent.name.text)
    )
      return `${parent.name.text}: option`;
    if (ts.isVariableDeclaration(parent) && parent.initializer === literal)
      return `constant ${parent.name.getText()}`;
    for (let node: ts.Node = literal.parent; node && !ts.isSourceFile(node); node = node.parent) {
      const name = declaredName(node);
      if (name && MESSAGE_CONSTANT.test(name)) return `constant ${name}`;
      if (!ts.isPropertyAssignment(node) && !ts.isObjectLiteralExpression(node) && !ts.isAsExpression(node))
        break;
    }
    return undefined;
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && DEFINE.test(calleeName(node.expression) ?? ''))
      report(node, 'a message defined outside workflows/*/messages.ts');
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && names.has(node.text)) {
      const why = sendsOrNames(node);
      if (why) report(node, why);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('message names', () => {
  it('are read from the definitions of every workflow', async () => {
    const names = await messageNames();
    for (const name of ['status', 'awaitPayment', 'cancelPurchase', 'ship', 'chargeback', 'transferOutcome'])
      expect(names).toContain(name);
  });

  it('the scan finds a name sent, passed or kept as a string', async () => {
    const names = await messageNames();
    const planted = [
      "await handle.signal('chargeback', arg);",
      "await client.workflow.startUpdateWithStart('awaitPayment', options);",
      "await signalWorkflow(temporal, log, id, 'paymentConfirmation', arg);",
      "export const CHARGEBACK_SIGNAL = 'chargeback';",
      "export const ESCROW_UPDATES = { ship: 'ship', cancel: 'cancel' } as const;",
      "await client.workflow.signalWithStart(wf, { signal: 'carrierDelivered', signalArgs: [] });",
      "const q = defineQuery('status');",
      "const name = 'awaitPayment'; await handle.executeUpdate(name);",
      "add({ kind: 'ship' }); const reason = { kind: 'chargeback' }; if (row.status === 'cancel') go();",
      "type Kind = 'cancelPurchase' | 'openDispute'; switch (e.kind) { case 'confirmDelivery': break; }",
    ].join('\n');
    expect(findings('planted.ts', planted, names).map((f) => f.split(' ')[0])).toEqual([
      'planted.ts:1',
      'planted.ts:2',
      'planted.ts:3',
      'planted.ts:4',
      'planted.ts:5',
      'planted.ts:5',
      'planted.ts:6',
      'planted.ts:7',
      'planted.ts:7',
      'planted.ts:8',
    ]);
  });

  it('appear in no source outside the messages files: every sender passes the definition', async () => {
    const names = await messageNames();
    const sources = filesUnder(ROOT).filter(
      (f) => !/\.test\.[cm]?[jt]sx?$/.test(f) && !f.endsWith('/messages.ts'),
    );
    expect(sources.length).toBeGreaterThan(200);
    const found = sources.flatMap((f) => findings(relative(ROOT, f), readFileSync(f, 'utf8'), names));
    expect(found).toEqual([]);
  });
});
