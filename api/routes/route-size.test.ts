/**
 * Thin routes: a route file reads its input, calls one service or workflow function and answers, so
 * none grows past 120 lines. Everything under api/routes/ counts, its tests included; what a handler
 * needs beyond that lives in api/services/ or db/queries/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 120;
const ROUTES = fileURLToPath(new URL('.', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('api/routes', () => {
  it(`has no file over ${MAX_LINES} lines`, () => {
    const files = filesUnder(ROUTES).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(30);
    const long = files
      .map((f) => ({
        file: relative(ROUTES, f),
        lines: readFileSync(f, 'utf8').trimEnd().split('\n').length,
      }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
