/**
 * Code a newcomer can change (issue 16): no function over 120 lines in workflows/, api/, activities/
 * and db/; no file over 400 lines outside bench/ and chaos/. Counted over the tracked `.ts` files
 * (`git ls-files`; generated files exempt), functions found with the TypeScript compiler API: a
 * function's lines run from its first token to its closing brace, nested functions included.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './stack/paths.js';

const MAX_FUNCTION_LINES = 120;
const MAX_FILE_LINES = 400;
const FUNCTION_DIRS = /^(workflows|api|activities|db)\//;
const FILE_EXEMPT_DIRS = /^(bench|chaos)\//;

/**
 * Offenders still being split, each at most as big as it was when listed (growing one fails too), with
 * the issue and who removes it. An entry that no longer offends fails the test as well, so it goes with
 * the split that ends it. `fn` names a function (`file: fn`); without it the entry is about the file's
 * length. Empty: every offender issue 16 named (escrow, purchase, dispute, payout, sandbox/app.ts,
 * startStack, temporal-cluster.ts, hostile-input.test.ts) has been split.
 */
const ALLOWED: Array<{ file: string; fn?: string; lines: number; why: string }> = [];

/** Generated files (their opening comment says "Do not edit") are regenerated, not changed by hand. */
const isGenerated = (text: string) => /Do not edit/i.test(/^\/\*[\s\S]*?\*\//.exec(text)?.[0] ?? '');

interface Offender {
  file: string;
  fn?: string;
  line?: number;
  lines: number;
}

/** Lines of a file as `wc -l` counts them (a last line without a newline still counts). */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** A function's name as a reader would look for it: `fn`, `Class.method`, `const fn = () =>`, else `<anonymous>`. */
function nameOf(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  const own = node.name?.getText(sf);
  const parent = node.parent;
  if (ts.isConstructorDeclaration(node) || ts.isMethodDeclaration(node) || ts.isAccessor(node)) {
    const owner = ts.isClassLike(parent) ? parent.name?.getText(sf) : undefined;
    const member = ts.isConstructorDeclaration(node) ? 'constructor' : (own ?? '<anonymous>');
    return owner ? `${owner}.${member}` : member;
  }
  if (own) return own;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText(sf);
  return '<anonymous>';
}

/** Every function (declarations, expressions, arrows, methods, accessors) longer than `max` lines. */
function longFunctions(file: string, text: string, max = MAX_FUNCTION_LINES): Offender[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Offender[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > max) found.push({ file, fn: nameOf(node, sf), line: first + 1, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function trackedTsFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--', '*.ts'], { cwd: repoRoot, encoding: 'utf8' });
  return out.split('\0').filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
}

function offenders(): Offender[] {
  const found: Offender[] = [];
  for (const file of trackedTsFiles()) {
    let text: string;
    try {
      text = readFileSync(join(repoRoot, file), 'utf8');
    } catch {
      continue; // tracked but deleted in the working tree
    }
    const lines = lineCount(text);
    if (lines > MAX_FILE_LINES && !FILE_EXEMPT_DIRS.test(file) && !isGenerated(text))
      found.push({ file, lines });
    if (FUNCTION_DIRS.test(file)) found.push(...longFunctions(file, text));
  }
  return found;
}

const describeOffender = (o: Offender) =>
  o.fn ? `${o.file}:${o.line} ${o.fn}() is ${o.lines} lines` : `${o.file} is ${o.lines} lines`;

describe('code size', () => {
  it('measures functions and files the way the limits mean', () => {
    const body = Array.from({ length: MAX_FUNCTION_LINES - 2 }, (_, i) => `  const x${i} = ${i};`);
    const fits = `export function fits() {\n${body.join('\n')}\n}\n`;
    expect(longFunctions('fits.ts', fits)).toEqual([]);
    const tooLong = `class Saga {\n  run = () => {\n${body.join('\n')}\n  x();\n  };\n}\n`;
    expect(longFunctions('long.ts', tooLong)).toEqual([
      { file: 'long.ts', fn: 'run', line: 2, lines: MAX_FUNCTION_LINES + 1 },
    ]);
    const method = `class Saga {\n  run() {\n${body.join('\n')}\n  x();\n  }\n}\n`;
    expect(longFunctions('m.ts', method).map((o) => o.fn)).toEqual(['Saga.run']);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(isGenerated('/**\n * Generated by x.\n * Do not edit: regenerate.\n */\nexport {};')).toBe(true);
    expect(isGenerated('/** A module. */\nconst note = "Do not edit";')).toBe(false);
    expect(lineCount('a\nb')).toBe(2);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines in workflows/, api/, activities/, db/ and no file over ${MAX_FILE_LINES} lines outside bench/ and chaos/`, () => {
    const found = offenders();
    const allowedFor = (o: Offender) => ALLOWED.find((a) => a.file === o.file && a.fn === o.fn);
    const over = found
      .filter((o) => {
        const allowed = allowedFor(o);
        return !allowed || o.lines > allowed.lines;
      })
      .map(describeOffender);
    expect(over, 'split these (or, for an allow-listed one, shrink it back)').toEqual([]);
    const stale = ALLOWED.filter((a) => !found.some((o) => o.file === a.file && o.fn === a.fn)).map(
      (a) => `${a.file}${a.fn ? ` ${a.fn}()` : ''} (${a.why})`,
    );
    expect(stale, 'no longer over the limit: remove from ALLOWED in scripts/code-size.test.ts').toEqual([]);
  });
});
