ALTER TABLE "users" ADD COLUMN "payouts_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Accounts linked before onboarding existed were enabled by linking them: they stay enabled.
UPDATE "users" SET "payouts_enabled" = true WHERE "payout_account_id" IS NOT NULL;
