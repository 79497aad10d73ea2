CREATE TABLE "reconciliation_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"counts" jsonb NOT NULL,
	"mismatches" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reconciliation_status_check" CHECK ("reconciliation_reports"."status" in ('clean', 'mismatches')),
	CONSTRAINT "reconciliation_period_check" CHECK ("reconciliation_reports"."period_start" < "reconciliation_reports"."period_end")
);
--> statement-breakpoint
CREATE INDEX "reconciliation_created_idx" ON "reconciliation_reports" USING btree ("created_at");