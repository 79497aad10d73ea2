/**
 * What stateless stripe-mock cannot know: where an object's lifecycle stands after the calls made so
 * far. stripe-mock has validated the request against Stripe's OpenAPI and answered a fixture of the
 * right shape; this overlay sets on it the fields Stripe itself would have after that call (its
 * documented transitions: a confirmed manual-capture intent `requires_capture`, captured `succeeded`,
 * canceled `canceled`; refunds and transfers echo what was asked; a new account is restricted). It
 * keeps the few facts those fields need (amount, currency, metadata) per object id.
 */
type Json = Record<string, any>;

/** `metadata[orderId]=o1` → `{orderId: 'o1'}`. */
function metadataOf(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) {
    const m = /^metadata\[(.+)\]$/.exec(k);
    if (m) out[m[1]!] = v;
  }
  return out;
}

export function createLifecycleOverlay() {
  const intents = new Map<string, Json>();
  const accounts = new Map<string, Json>();

  const intentAnswer = (fixture: Json, known: Json) => ({
    ...fixture,
    ...known,
    last_payment_error: null,
    latest_charge:
      typeof fixture.latest_charge === 'object' && fixture.latest_charge
        ? {
            ...fixture.latest_charge,
            amount_captured: known.amount_received,
            amount_refunded: known.refunded ?? 0,
            disputed: false,
          }
        : fixture.latest_charge,
  });

  /**
   * A list of the intents made so far in the `created` range, as Stripe lists them: each charge an id
   * unless `expand[]=data.latest_charge` asked for the object (with what was captured and refunded).
   */
  const intentList = (params: URLSearchParams, fixture: Json) => {
    const gte = Number(params.get('created[gte]') ?? 0);
    const lt = Number(params.get('created[lt]') ?? Number.MAX_SAFE_INTEGER);
    const expanded = [...params].some(([k, v]) => /^expand\[\d*\]$/.test(k) && v === 'data.latest_charge');
    const template: Json = fixture.data?.[0] ?? {};
    const charge: Json =
      typeof template.latest_charge === 'object' && template.latest_charge
        ? template.latest_charge
        : { id: 'ch_overlay', object: 'charge' };
    const data = [...intents.values()]
      .filter((known) => known.created >= gte && known.created < lt)
      .map((known) => {
        const answer = intentAnswer({ ...template, latest_charge: charge }, known);
        return expanded ? answer : { ...answer, latest_charge: charge.id };
      });
    return { ...fixture, data, has_more: false };
  };

  return function overlay(method: string, path: string, params: URLSearchParams, fixture: Json): Json {
    const route = path.split('?')[0]!;
    if (method === 'POST' && route === '/v1/payment_intents') {
      const amount = Number(params.get('amount'));
      const manual = params.get('capture_method') === 'manual' && params.get('confirm') === 'true';
      const known = {
        id: fixture.id,
        amount,
        currency: params.get('currency'),
        metadata: metadataOf(params),
        capture_method: params.get('capture_method') ?? 'automatic',
        status: manual ? 'requires_capture' : 'requires_confirmation',
        amount_capturable: manual ? amount : 0,
        amount_received: 0,
        transfer_group: params.get('transfer_group'),
        created: Math.floor(Date.now() / 1000),
      };
      intents.set(fixture.id, known);
      return intentAnswer(fixture, known);
    }
    if (method === 'GET' && route === '/v1/payment_intents') return intentList(params, fixture);
    const intentRoute = /^\/v1\/payment_intents\/([^/]+)(?:\/(capture|cancel))?$/.exec(route);
    if (intentRoute && intents.has(intentRoute[1]!)) {
      const known = intents.get(intentRoute[1]!)!;
      if (method === 'POST' && intentRoute[2] === 'capture') {
        known.status = 'succeeded';
        known.amount_received = Number(params.get('amount_to_capture') ?? known.amount);
        known.amount_capturable = 0;
      } else if (method === 'POST' && intentRoute[2] === 'cancel') {
        known.status = 'canceled';
        known.amount_capturable = 0;
      }
      return intentAnswer({ ...fixture, id: known.id }, known);
    }
    if (method === 'POST' && route === '/v1/refunds') {
      const intent = intents.get(params.get('payment_intent') ?? '');
      const amount = Number(params.get('amount') ?? intent?.amount_received ?? fixture.amount);
      if (intent) intent.refunded = (intent.refunded ?? 0) + amount;
      return {
        ...fixture,
        amount,
        payment_intent: params.get('payment_intent'),
        currency: intent?.currency ?? fixture.currency,
        status: 'succeeded',
      };
    }
    if (method === 'POST' && route === '/v1/transfers') {
      return {
        ...fixture,
        amount: Number(params.get('amount')),
        currency: params.get('currency'),
        destination: params.get('destination'),
        metadata: metadataOf(params),
        transfer_group: params.get('transfer_group'),
        reversed: false,
      };
    }
    if (method === 'POST' && route === '/v1/accounts') {
      const known = {
        id: fixture.id,
        payouts_enabled: false,
        charges_enabled: false,
        details_submitted: false,
      };
      accounts.set(fixture.id, known);
      return { ...fixture, ...known, metadata: metadataOf(params) };
    }
    return fixture;
  };
}
