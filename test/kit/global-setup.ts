/**
 * Global setup of the `workflow` project: builds the workflow bundle once for the whole run (about
 * 5 s a build) and hands it to every test file. Nothing else: the project needs no PostgreSQL, Redis
 * or sandbox, only the Java test server each kit starts.
 */
import type { TestProject } from 'vitest/node';
import { buildWorkflowBundle } from '../../workers/create-workers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    workflowBundle: { code: string; sourceMap: string };
  }
}

export default async function setup(project: TestProject) {
  const { code, sourceMap } = await buildWorkflowBundle();
  project.provide('workflowBundle', { code, sourceMap });
}
