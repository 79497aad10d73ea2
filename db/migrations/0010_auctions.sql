CREATE TABLE "auctions" (
	"listing_id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"currency" char(3) NOT NULL,
	"start_amount" bigint NOT NULL,
	"reserve_amount" bigint,
	"bid_increment" bigint NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"leader_id" text,
	"leader_max" bigint,
	"second_max" bigint,
	"current_price" bigint NOT NULL,
	"bid_count" integer DEFAULT 0 NOT NULL,
	"result" text,
	"order_id" text,
	"winner_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auctions_status_check" CHECK (status in ('open','ended')),
	CONSTRAINT "auctions_result_check" CHECK (result is null or result in ('sold','unsold','payment_failed')),
	CONSTRAINT "auctions_currency_iso" CHECK (currency ~ '^[A-Z]{3}$'),
	CONSTRAINT "auctions_amounts_positive" CHECK ("auctions"."start_amount" > 0 and "auctions"."bid_increment" > 0),
	CONSTRAINT "auctions_reserve_from_start" CHECK ("auctions"."reserve_amount" is null or "auctions"."reserve_amount" >= "auctions"."start_amount"),
	CONSTRAINT "auctions_price_under_max" CHECK ("auctions"."leader_max" is null or "auctions"."current_price" <= "auctions"."leader_max"),
	CONSTRAINT "auctions_leader_has_max" CHECK (("auctions"."leader_id" is null) = ("auctions"."leader_max" is null))
);
--> statement-breakpoint
CREATE TABLE "bids" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"bidder_id" text NOT NULL,
	"seq" integer NOT NULL,
	"max_amount" bigint NOT NULL,
	"payment_method" text NOT NULL,
	"status" text NOT NULL,
	"current_price" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bids_status_check" CHECK (status in ('leading','outbid')),
	CONSTRAINT "bids_max_positive" CHECK ("bids"."max_amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "format" text DEFAULT 'fixed_price' NOT NULL;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auctions" ADD CONSTRAINT "auctions_winner_id_users_id_fk" FOREIGN KEY ("winner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_listing_id_auctions_listing_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."auctions"("listing_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_bidder_id_users_id_fk" FOREIGN KEY ("bidder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bids_listing_seq_idx" ON "bids" USING btree ("listing_id","seq");--> statement-breakpoint
CREATE INDEX "bids_bidder_idx" ON "bids" USING btree ("bidder_id","created_at");--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_auction_single" CHECK ("listings"."format" = 'fixed_price' or ("listings"."format" = 'auction' and "listings"."quantity" = 1 and not "listings"."accept_offers"));