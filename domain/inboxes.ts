/**
 * User ids the platform keeps for itself: inboxes notifications are addressed to, such as the operators'
 * inbox of escalated disputes. They begin with a prefix no token may claim (api/middleware/auth.ts), so
 * no caller can become one and read what is sent there.
 */
export const RESERVED_USER_ID_PREFIX = 'escrowflow:';

/** The operators' inbox; workflows/dispute.ts spells the same value (a test keeps the two equal). */
export const OPERATOR_INBOX = `${RESERVED_USER_ID_PREFIX}operators`;

export const isReservedUserId = (id: string): boolean => id.toLowerCase().startsWith(RESERVED_USER_ID_PREFIX);
