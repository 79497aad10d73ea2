/**
 * Generates client/schema.ts (the SDK's types) from the API's OpenAPI document with openapi-typescript.
 * `npm run client:generate` writes it; client/generate.test.ts fails when the committed file drifts.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { apiDocument } from './spec.js';

export const SCHEMA_FILE = fileURLToPath(new URL('./schema.ts', import.meta.url));

const HEADER = `/**
 * Generated from the API's OpenAPI document by client/generate.ts (npm run client:generate).
 * Do not edit: client/generate.test.ts fails when this file and the document disagree.
 */
`;

export async function generateSchemaTypes(): Promise<string> {
  const ast = await openapiTS((await apiDocument()) as never, { alphabetize: true });
  return formatted(HEADER + astToString(ast));
}

/** As the repository's formatter writes it (biome), so formatting the tree never makes it drift. */
function formatted(source: string): string {
  const biome = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url));
  const run = spawnSync(biome, ['format', `--stdin-file-path=${SCHEMA_FILE}`], {
    input: source,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`biome format failed: ${run.stderr}`);
  return run.stdout;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, await generateSchemaTypes());
  console.log(`wrote ${SCHEMA_FILE}`);
}
