/**
 * The erasure workflow's messages (`erasure-<userId>`), defined once for the workflow and the API:
 * each name is the string literal here and nowhere else (api/message-names.test.ts).
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ErasureState } from '../../domain/privacy.js';

/** The erasure as its workflow last saw it. */
export const erasureStatusQuery = defineQuery<ErasureState>('status');
/** Looks again now (the person asked again): answers with what that look found, or did. */
export const recheckErasureUpdate = defineUpdate<ErasureState>('recheckErasure');
