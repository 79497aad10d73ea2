/** Opaque, prefixed, sortable-enough ids (`ord_…`). Not for workflow code: it uses crypto. */
import { randomUUID } from 'node:crypto';

export type IdPrefix =
  | 'lst'
  | 'ord'
  | 'res'
  | 'pay'
  | 'po'
  | 'dsp'
  | 'evd'
  | 'run'
  | 'off'
  | 'pk'
  | 'dex'
  | 'era';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}
