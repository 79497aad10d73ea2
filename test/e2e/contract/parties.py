"""schemathesis hooks for test/e2e/contract.test.ts: each operation is called by the party it is for.

A seller creates and ships, a buyer orders, confirms and disputes, an operator resolves, so the stateful phase's chains
(create listing -> order -> ship -> confirm -> dispute) run as they would for real instead of
stopping at 422 self_purchase or 403 on their second step.
"""
import os
import re
import uuid

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

OPERATOR_PATHS = ("/v1/ops/", "/v1/disputes/{id}/resolve")
# Asking to be erased erases at once whoever has nothing open, and their token is refused from then on
# (403 account_erased): a party of its own, so the buyer's calls keep reaching their handlers.
ERASER_PATHS = ("/v1/me/erasure",)
# A well-formed key, as the API's IdempotencyKey schema says (api/schemas.ts).
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7E]{1,255}$")


def role_of(method, path):
    if path.startswith(OPERATOR_PATHS):
        return "OPERATOR"
    if path in ERASER_PATHS:
        return "ERASER"
    return "SELLER" if (method, path) in SELLER_OPERATIONS else "BUYER"


@schemathesis.auth(refresh_interval=None)
class Parties:
    def get(self, case, ctx):
        role = role_of(ctx.operation.method.upper(), ctx.operation.path)
        return os.environ[f"ESCROWFLOW_{role}_TOKEN"]

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
        # Generated keys repeat ("0", the documented example) across different bodies, and the API
        # rightly answers those 422 idempotency_conflict or replays the first answer, so the handler
        # behind would hardly run. A well-formed key becomes a fresh one; a malformed one stays (400).
        key = case.headers.get("idempotency-key")
        if isinstance(key, str) and IDEMPOTENCY_KEY.match(key):
            case.headers["idempotency-key"] = str(uuid.uuid4())
