import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_INFO, BUILD_OUTPUTS, buildInputs, buildProblem } from './build-manifest.js';

/** A repo with two compiled directories and a dist/ built from it as scripts/build.ts leaves one. */
function builtRepo() {
  const root = mkdtempSync(join(tmpdir(), 'build-manifest-'));
  const write = (file: string, content: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  };
  write('tsconfig.json', '{}');
  write('tsconfig.build.json', JSON.stringify({ include: ['api', 'domain', 'scripts/token.ts'] }));
  write('package-lock.json', '{}');
  write('api/main.ts', 'export {};');
  write('api/main.test.ts', 'export {};');
  write('domain/money/index.ts', 'export {};');
  write('scripts/token.ts', 'export {};');
  write('scripts/other.ts', 'export {};');
  const dist = join(root, 'dist');
  for (const file of BUILD_OUTPUTS) write(join('dist', file), '');
  write(join('dist', BUILD_INFO), JSON.stringify({ inputs: buildInputs(root) }));
  return { root, dist, write };
}

describe('build manifest', () => {
  it("hashes tsconfig.build.json's include and the configuration, never tests", () => {
    expect(Object.keys(buildInputs(builtRepo().root))).toEqual([
      'api/main.ts',
      'domain/money/index.ts',
      'package-lock.json',
      'scripts/token.ts',
      'tsconfig.build.json',
      'tsconfig.json',
    ]);
  });

  it('accepts a dist/ built from the sources as they are, whatever else changes', () => {
    const { root, dist, write } = builtRepo();
    write('api/main.test.ts', 'export const changed = 1;');
    write('scripts/other.ts', 'export const changed = 1;');
    expect(buildProblem(root, dist)).toBeUndefined();
  });

  it('says what makes a dist/ stale or incomplete', () => {
    const edited = builtRepo();
    edited.write('domain/money/index.ts', 'export const changed = 1;');
    expect(buildProblem(edited.root, edited.dist)).toBe(
      'domain/money/index.ts changed since dist/ was built',
    );

    const added = builtRepo();
    added.write('api/routes/new.ts', 'export {};');
    expect(buildProblem(added.root, added.dist)).toBe('api/routes/new.ts appeared since dist/ was built');

    const removed = builtRepo();
    rmSync(join(removed.root, 'domain/money/index.ts'));
    expect(buildProblem(removed.root, removed.dist)).toBe(
      'domain/money/index.ts was removed since dist/ was built',
    );

    const partial = builtRepo();
    rmSync(join(partial.dist, 'workflow-bundle.js'));
    expect(buildProblem(partial.root, partial.dist)).toBe(
      `${join(partial.dist, 'workflow-bundle.js')} is missing`,
    );

    const none = builtRepo();
    rmSync(none.dist, { recursive: true });
    expect(buildProblem(none.root, none.dist)).toBe(`${none.dist} holds no complete build`);
  });
});
