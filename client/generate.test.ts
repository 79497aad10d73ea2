/** The committed SDK types are what the API's document generates today: drift fails here. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSchemaTypes, SCHEMA_FILE } from './generate.js';

describe('client/schema.ts', () => {
  it('matches the OpenAPI document (regenerate with npm run client:generate)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateSchemaTypes());
  });
});
