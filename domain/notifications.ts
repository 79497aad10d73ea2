/** A notification to one user, delivered once per dedupe key (in-app, email, the seller's webhooks). */
export interface NotifyInput {
  dedupeKey: string;
  userId: string;
  type: string;
  orderId?: string;
  payload: Record<string, unknown>;
}
