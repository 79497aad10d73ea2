/**
 * docs/privacy.md names every column that can hold text about a person: every text, character, array
 * and JSON column of every table of the drizzle schema appears exactly once in its table's section,
 * either as a row of the inventory (what, why, how long, what erasure does) or among the columns "not
 * about a person". A new such column without an entry fails here, and so does an entry whose column
 * is gone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/stack/paths.js';
import * as schema from './index.js';

const TEXTUAL = new Set(['string', 'json', 'array']);

/** table → its columns that can hold text, from the schema itself. */
function textColumns(): Map<string, string[]> {
  const tables = Object.values(schema as Record<string, unknown>).filter(
    (t): t is PgTable => t instanceof PgTable,
  );
  return new Map(
    tables.map((t) => {
      const { name, columns } = getTableConfig(t);
      return [name, columns.filter((c) => TEXTUAL.has(c.dataType)).map((c) => c.name)];
    }),
  );
}

interface Section {
  /** Columns with an inventory row (first cell: one or more `column`). */
  described: string[];
  /** Columns listed after "Not about a person:". */
  notPersonal: string[];
  /** Rows whose cells are not what, why, kept and erasure. */
  incomplete: string[];
}

const names = (text: string) => [...text.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);

/** `### table` sections of the inventory, read from the markdown. */
function inventory(markdown: string): Map<string, Section> {
  const body = markdown.slice(markdown.indexOf('\n## Inventory'));
  const sections = new Map<string, Section>();
  for (const part of body.split(/\n### /).slice(1)) {
    const [heading = '', ...lines] = part.split('\n');
    const section: Section = { described: [], notPersonal: [], incomplete: [] };
    let notPersonal = '';
    for (const line of lines) {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      if (cells[0]?.startsWith('`')) {
        section.described.push(...names(cells[0]));
        if (cells.length !== 5 || cells.some((c) => !c)) section.incomplete.push(cells[0]);
      }
      if (line.includes('Not about a person:') || notPersonal) notPersonal += ` ${line}`;
      if (notPersonal && line.trim().endsWith('.')) {
        section.notPersonal.push(...names(notPersonal.slice(notPersonal.indexOf('Not about a person:'))));
        notPersonal = '';
      }
    }
    sections.set(heading.trim(), section);
  }
  return sections;
}

describe('docs/privacy.md, the personal data inventory', () => {
  const documented = inventory(readFileSync(join(repoRoot, 'docs', 'privacy.md'), 'utf8'));
  const columns = textColumns();

  it('has a section for every table, and none for a table that is gone', () => {
    expect([...documented.keys()].sort()).toEqual([...columns.keys()].sort());
  });

  it.each([...columns.keys()].sort())('names each text or JSON column of %s exactly once', (table) => {
    const section = documented.get(table);
    const named = [...(section?.described ?? []), ...(section?.notPersonal ?? [])];
    expect(named.sort(), `docs/privacy.md "### ${table}"`).toEqual([...columns.get(table)!].sort());
  });

  it('says, for every column about a person, what it is, why, how long and what erasure does', () => {
    const incomplete = [...documented].flatMap(([table, s]) => s.incomplete.map((c) => `${table}: ${c}`));
    expect(incomplete).toEqual([]);
  });
});
