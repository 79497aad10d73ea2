"""schemathesis hooks for test/e2e/contract.test.ts: each operation is called by the party it is for.

A seller creates and ships, a buyer orders, confirms and disputes, so the stateful phase's chains
(create listing -> order -> ship -> confirm -> dispute) run as they would for real instead of
stopping at 422 self_purchase or 403 on their second step.
"""
import os

import schemathesis

# (method, path) the seller calls; every other operation is called by the buyer.
SELLER_OPERATIONS = {
    ("POST", "/v1/listings"),
    ("PATCH", "/v1/listings/{id}"),
    ("POST", "/v1/orders/{id}/ship"),
    ("POST", "/v1/disputes/{id}/accept"),
    ("GET", "/v1/sellers/me/balance"),
    ("PUT", "/v1/sellers/me/payout-account"),
    ("POST", "/v1/payouts"),
    ("GET", "/v1/payouts/{id}"),
}


@schemathesis.auth(refresh_interval=None)
class Parties:
    def get(self, case, ctx):
        operation = (ctx.operation.method.upper(), ctx.operation.path)
        role = "SELLER" if operation in SELLER_OPERATIONS else "BUYER"
        return os.environ[f"ESCROWFLOW_{role}_TOKEN"]

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
