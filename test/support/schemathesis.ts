/** Where scripts/bootstrap.sh installs schemathesis (a venv in the tools cache); SCHEMATHESIS overrides. */
import { join } from 'node:path';
import { cacheDir } from '../../scripts/stack/paths.js';

/** Keep in step with SCHEMATHESIS_VERSION in scripts/bootstrap.sh. */
export const SCHEMATHESIS_VERSION = '4.32.5';

export const schemathesisPath = () =>
  process.env.SCHEMATHESIS ?? join(cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}`, 'bin', 'st');
