/**
 * The image, checked without a Docker engine: the Dockerfile parsed (dockerfile-ast) and validated
 * (dockerfile-utils, the checks of the Dockerfile language server), the build context filtered with
 * Docker's own .dockerignore rules (@balena/dockerignore). What the image runs is what
 * `npm run build` writes (scripts/build-manifest.ts) and the cluster test project runs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import dockerignore from '@balena/dockerignore';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS } from '../../scripts/build-manifest.js';
import { repoRoot } from '../../scripts/stack/paths.js';

const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');
const text = read('Dockerfile');
const dockerfile = DockerfileParser.parse(text);
// A CommonJS package whose types declare a default export: `.default` is the factory for both.
const context = dockerignore.default({ ignorecase: false }).add(read('.dockerignore'));
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface Stage {
  name: string | undefined;
  image: string;
  instructions: Instruction[];
}

/** The instructions of each stage, in order (a FROM opens a stage). */
function stages(): Stage[] {
  const out: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = dockerfile
        .getFROMs()
        .find((f) => f.getRange()?.start.line === instruction.getRange().start.line)!;
      out.push({ name: from.getBuildStage() ?? undefined, image: from.getImage() ?? '', instructions: [] });
    } else {
      out.at(-1)?.instructions.push(instruction);
    }
  }
  return out;
}

const [build, runtime] = stages();
const keyword = (stage: Stage | undefined, word: string) =>
  (stage?.instructions ?? [])
    .filter((i) => i.getKeyword() === word)
    .map((i) => i.getArgumentsContent() ?? '');
/** An exec-form command (`["node", "..."]`), after an optional `CMD` subcommand (HEALTHCHECK). */
const execForm = (content: string) => JSON.parse(content.replace(/^CMD\s+/, '')) as string[];
/** What a COPY without --from takes from the build context: its arguments less the destination. */
const copySources = () =>
  dockerfile
    .getCOPYs()
    .filter((copy) => !copy.getFromFlag())
    .flatMap((copy) =>
      copy
        .getArguments()
        .slice(0, -1)
        .map((arg) => arg.getValue()),
    );

/** Every file under a path of the repo (the path itself when it is a file). */
function filesUnder(path: string): string[] {
  if (!statSync(join(repoRoot, path)).isFile()) {
    return readdirSync(join(repoRoot, path), { recursive: true, encoding: 'utf8' })
      .map((name) => join(path, name))
      .filter((file) => statSync(join(repoRoot, file)).isFile());
  }
  return [path];
}

describe('Dockerfile', () => {
  it('is a valid Dockerfile (no diagnostics from the Dockerfile language service)', () => {
    expect(validate(text)).toEqual([]);
  });

  it('builds in two stages on Debian (glibc) with a Node release the engines field allows', () => {
    expect(stages().map((s) => s.name)).toEqual(['build', 'runtime']);
    const images = stages().map((s) => s.image);
    expect(new Set(images).size, 'both stages on one image').toBe(1);
    // The Temporal SDK's native core is built for glibc: Debian, never Alpine (musl).
    expect(images[0]).toMatch(/^node:(\d+)-(bookworm|trixie)(-slim)?$/);
    const major = Number(/^node:(\d+)/.exec(images[0]!)![1]);
    const minimum = Number(/^>=(\d+)/.exec(pkg.engines.node)![1]);
    expect(major).toBeGreaterThanOrEqual(minimum);
    expect(major % 2, 'an LTS (even) release').toBe(0);
  });

  it('compiles with every dependency in the build stage: npm ci, then npm run build', () => {
    const runs = keyword(build, 'RUN');
    expect(runs.some((r) => /^npm ci\b/.test(r) && !r.includes('--omit'))).toBe(true);
    expect(runs.at(-1)).toBe('npm run build');
  });

  it('runtime stage: production dependencies and dist/ only, as the unprivileged node user', () => {
    expect(keyword(runtime, 'RUN').some((r) => r.startsWith('npm ci --omit=dev'))).toBe(true);
    const copies = dockerfile.getCOPYs().filter((c) => c.getRange().start.line > runtimeStart());
    expect(
      copies.map((c) => [c.getFromFlag()?.getValue() ?? null, c.getArguments().map((a) => a.getValue())]),
    ).toEqual([
      [null, ['package.json', 'package-lock.json', './']],
      ['build', ['/app/dist', './dist']],
    ]);
    expect(keyword(runtime, 'ENV')).toContain('NODE_ENV=production');
    expect(keyword(runtime, 'USER').at(-1)).toBe('node');
  });

  it('runs the compiled API by default, with plain node and no tsx', () => {
    const cmd = keyword(runtime, 'CMD');
    expect(cmd).toHaveLength(1);
    expect(execForm(cmd[0]!)).toEqual(['node', 'dist/api/main.js']);
    expect(BUILD_OUTPUTS).toContain('api/main.js');
    const runtimeText = (runtime?.instructions ?? []).map((i) => i.getArgumentsContent() ?? '').join('\n');
    expect(runtimeText).not.toMatch(/\btsx\b|\.ts\b/);
    // `--omit=dev` leaves tsx out: nothing at run time needs it.
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
  });

  it('has a HEALTHCHECK that runs a script the build writes', () => {
    const checks = dockerfile.getHEALTHCHECKs();
    expect(checks).toHaveLength(1);
    expect(checks[0]!.getRange().start.line).toBeGreaterThan(runtimeStart());
    const [node, script, ...rest] = execForm(keyword(runtime, 'HEALTHCHECK')[0]!.replace(/^(--\S+\s+)*/, ''));
    expect([node, rest]).toEqual(['node', []]);
    expect(script).toMatch(/^dist\//);
    expect(BUILD_OUTPUTS).toContain(script!.slice('dist/'.length));
    const flags = Object.fromEntries(checks[0]!.getFlags().map((f) => [f.getName(), f.getValue()]));
    expect(Object.keys(flags).sort()).toEqual(['interval', 'retries', 'start-period', 'timeout']);
  });

  it('copies from the build context only what exists there and .dockerignore lets in', () => {
    const sources = copySources();
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(join(repoRoot, source)), `${source} exists`).toBe(true);
      const files = filesUnder(source).filter((file) => !file.endsWith('.test.ts'));
      expect(
        files.filter((file) => context.ignores(file)),
        `${source}: files left out of the context`,
      ).toEqual([]);
    }
  });

  it('compiles in the image what npm run build compiles here (tsconfig.build.json)', () => {
    const { include } = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
    expect(include.filter((entry) => !copySources().includes(entry))).toEqual([]);
  });
});

describe('.dockerignore', () => {
  it('keeps tests, bench, chaos, sim, docs, local data, dist, node_modules and git out of the context', () => {
    const outside = ['test', 'bench', 'chaos', 'sim', 'docs', 'deploy', 'client']
      .flatMap(filesUnder)
      .concat([
        '.git/HEAD',
        '.data/x',
        'dist/api/main.js',
        'node_modules/x/index.js',
        'scripts/test.sh',
        'README.md',
      ]);
    expect(outside.filter((file) => !context.ignores(file))).toEqual([]);
  });

  it('keeps the colocated unit tests of the compiled directories out', () => {
    const tests = ['api', 'workers', 'domain', 'sandbox']
      .flatMap(filesUnder)
      .filter((file) => file.endsWith('.test.ts'));
    expect(tests.length).toBeGreaterThan(0);
    expect(tests.filter((file) => !context.ignores(file))).toEqual([]);
  });
});

function runtimeStart(): number {
  return dockerfile.getFROMs()[1]!.getRange().start.line;
}
