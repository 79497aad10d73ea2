/**
 * Data export and erasure (docs/privacy.md, docs/adr/0012-personal-data-out-of-histories.md): the
 * workflows' names, ids, inputs and states, shared by the API, the workflows and their activities.
 */

export const DATA_EXPORT_WORKFLOW = 'dataExportWorkflow';
export const ERASURE_WORKFLOW = 'erasureWorkflow';

/** One workflow per export: its id is the export's. */
export const dataExportWorkflowId = ({ exportId }: { exportId: string }) => `data-export-${exportId}`;
/** One erasure per person, ever: a second request reaches the same workflow. */
export const erasureWorkflowId = ({ userId }: { userId: string }) => `erasure-${userId}`;

/** How long a ready export stays downloadable before its document is deleted. */
export const DATA_EXPORT_TTL_MS = 7 * 24 * 3600_000;
/** How often a waiting erasure looks again by itself (a new POST /v1/me/erasure looks at once). */
export const ERASURE_RECHECK_MS = 3600_000;
/** What replaces a free text (dispute description, evidence, listing title) its author had erased. */
export const ERASED_TEXT = '[erased]';

export const DATA_EXPORT_STATUSES = ['pending', 'ready'] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];

export interface DataExportInput {
  exportId: string;
  userId: string;
  /** How long the document is kept once ready (fixed when the export is asked for). */
  ttlMs: number;
}

export interface DataExportResult {
  exportId: string;
  /** False when the export row was gone (the person erased meanwhile): nothing was gathered. */
  built: boolean;
}

/** What an erasure waits for: something of the person's that is not over yet. */
/** `auction`: an auction still open that the person sells or has bid in (bids bind until it ends). */
export const OPEN_ITEM_KINDS = ['order', 'offer', 'auction', 'dispute', 'payout'] as const;
export type OpenItemKind = (typeof OPEN_ITEM_KINDS)[number];

export interface OpenItem {
  kind: OpenItemKind;
  id: string;
  status: string;
}

export const ERASURE_STATUSES = ['waiting', 'done'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

export interface ErasureInput {
  erasureId: string;
  userId: string;
  /** How long a waiting erasure sleeps before it looks again (fixed when it is asked for). */
  recheckMs: number;
}

export interface ErasureState {
  erasureId: string;
  status: ErasureStatus;
  waitingFor: OpenItem[];
}

/** The items in a stable order (kind, then id), so two looks at the same state compare equal. */
export function sortOpenItems(items: readonly OpenItem[]): OpenItem[] {
  const rank = (kind: OpenItemKind) => OPEN_ITEM_KINDS.indexOf(kind);
  return [...items].sort((a, b) => rank(a.kind) - rank(b.kind) || a.id.localeCompare(b.id));
}
