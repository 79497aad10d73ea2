-- Pending deliveries only: the API's backlog gauge reads their count and oldest age at every scrape.
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("created_at") WHERE status = 'pending';
