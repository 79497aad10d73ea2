/**
 * Every table in the tracked Markdown files has as many cells in each row as in its header. GitHub
 * splits a row at every `|` that is not escaped, inside code spans too, so `a|b` in backticks must be
 * written `a\|b`; an unescaped one once broke the API table of docs/design.md (a formatter then
 * realigned the broken rows, which is why Biome leaves docs/ alone: biome.json).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './stack/paths.js';

const cellsOf = (row: string) =>
  row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/).length;

/** `file:line` of each row whose cell count differs from its table's header. */
function brokenRows(file: string, text: string): string[] {
  const broken: string[] = [];
  let header: number | undefined;
  let fenced = false;
  text.split('\n').forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced || !line.trimStart().startsWith('|')) {
      header = undefined;
      return;
    }
    const cells = cellsOf(line);
    if (header === undefined) header = cells;
    else if (cells !== header) broken.push(`${file}:${i + 1} has ${cells} cells, its header ${header}`);
  });
  return broken;
}

describe('Markdown tables', () => {
  it('every row of every table has its header’s cell count (pipes in code spans escaped)', () => {
    const files = execFileSync('git', ['ls-files', '*.md'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(files.flatMap((f) => brokenRows(f, readFileSync(join(repoRoot, f), 'utf8')))).toEqual([]);
  });

  it('counts an unescaped pipe in a code span as a cell break, an escaped one not', () => {
    const table = ['| a | b |', '|---|---|', '| `x\\|y` | z |', '| `x|y` | z |'].join('\n');
    expect(brokenRows('t.md', table)).toEqual(['t.md:4 has 3 cells, its header 2']);
  });
});
