-- One connected account, one seller. Fails while two users share an account (possible before this
-- check, through PUT /v1/sellers/me/payout-account): unlink the one it was not made for first.
CREATE UNIQUE INDEX "users_payout_account_uq" ON "users" USING btree ("payout_account_id");