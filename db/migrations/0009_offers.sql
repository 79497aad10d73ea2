CREATE TABLE "offers" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"buyer_id" text NOT NULL,
	"seller_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"turn" text DEFAULT 'seller' NOT NULL,
	"payment_method" text NOT NULL,
	"expires_at" timestamp with time zone,
	"order_id" text,
	"reason" text,
	"failure_reason" text,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_status_check" CHECK (status in ('pending','countered','accepted','declined','expired','withdrawn','failed')),
	CONSTRAINT "offers_turn_check" CHECK (turn in ('seller','buyer','none')),
	CONSTRAINT "offers_reason_check" CHECK (reason is null or reason in ('seller_declined','buyer_declined','auto_declined','sold_out')),
	CONSTRAINT "offers_quantity_positive" CHECK ("offers"."quantity" > 0),
	CONSTRAINT "offers_amount_positive" CHECK ("offers"."amount" > 0),
	CONSTRAINT "offers_currency_iso" CHECK (currency ~ '^[A-Z]{3}$'),
	CONSTRAINT "offers_accepted_has_order" CHECK (("offers"."status" = 'accepted') = ("offers"."order_id" is not null)),
	CONSTRAINT "offers_failed_has_reason" CHECK (("offers"."status" = 'failed') = ("offers"."failure_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "accept_offers" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "auto_accept_amount" bigint;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "auto_decline_amount" bigint;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "offer_id" text;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_buyer_id_users_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offers_listing_buyer_idx" ON "offers" USING btree ("listing_id","buyer_id");--> statement-breakpoint
CREATE INDEX "offers_listing_live_idx" ON "offers" USING btree ("listing_id") WHERE status in ('pending', 'countered');--> statement-breakpoint
CREATE INDEX "offers_buyer_idx" ON "offers" USING btree ("buyer_id","created_at");--> statement-breakpoint
CREATE INDEX "offers_seller_idx" ON "offers" USING btree ("seller_id","created_at");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payments_offer_idx" ON "payments" USING btree ("offer_id");--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_offer_thresholds" CHECK (("listings"."auto_accept_amount" is null or ("listings"."accept_offers" and "listings"."auto_accept_amount" > 0 and "listings"."auto_accept_amount" < "listings"."amount"))
        and ("listings"."auto_decline_amount" is null or ("listings"."accept_offers" and "listings"."auto_decline_amount" > 0 and "listings"."auto_decline_amount" < "listings"."amount"))
        and ("listings"."auto_accept_amount" is null or "listings"."auto_decline_amount" is null or "listings"."auto_decline_amount" <= "listings"."auto_accept_amount"));