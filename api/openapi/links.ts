/**
 * OpenAPI links: how a response's fields feed the next operation (a listing's id → buy it → ship the
 * order → dispute it). Clients and docs read them as "what can I do next"; schemathesis's stateful phase
 * follows them, so its requests reach real orders and disputes instead of stopping at a random id's 404.
 */
import type { App } from '../types.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Link {
  to: [Method, string];
  description: string;
  parameters?: Record<string, string>;
  requestBody?: Record<string, string>;
}

const id = { 'path.id': '$response.body#/id' };
const orderActions: Record<string, Link> = {
  GetOrder: { to: ['get', '/v1/orders/{id}'], description: 'Read the order', parameters: id },
  ShipOrder: { to: ['post', '/v1/orders/{id}/ship'], description: 'Ship it (seller)', parameters: id },
  ConfirmDelivery: {
    to: ['post', '/v1/orders/{id}/confirm-delivery'],
    description: 'Confirm delivery (buyer)',
    parameters: id,
  },
  CancelOrder: {
    to: ['post', '/v1/orders/{id}/cancel'],
    description: 'Cancel before shipment',
    parameters: id,
  },
  OpenDispute: {
    to: ['post', '/v1/orders/{id}/disputes'],
    description: 'Open a dispute (buyer)',
    parameters: id,
  },
};
const listingActions: Record<string, Link> = {
  GetListing: { to: ['get', '/v1/listings/{id}'], description: 'Read the listing', parameters: id },
  UpdateListing: {
    to: ['patch', '/v1/listings/{id}'],
    description: 'Update it at this version',
    // As an ETag (`"3"`): a header's value is text, the version a JSON integer.
    parameters: { ...id, 'header.if-match': '"{$response.body#/version}"' },
  },
  GetAuction: {
    to: ['get', '/v1/listings/{id}/auction'],
    description: 'Read its auction (format auction)',
    parameters: id,
  },
  PlaceBid: {
    to: ['post', '/v1/listings/{id}/bids'],
    description: 'Bid on its auction (format auction; not its seller)',
    parameters: id,
    requestBody: { maxAmount: '$response.body#/amount', paymentMethod: 'pm_card_ok' } as never,
  },
  OpsListingOffers: {
    to: ['get', '/v1/ops/offers'],
    description: 'Its offers, as operators see them',
    parameters: { 'query.listingId': '$response.body#/id' },
  },
  OpsListingAuction: {
    to: ['get', '/v1/ops/auctions'],
    description: 'Its auction, as operators see it (format auction)',
    parameters: { 'query.listingId': '$response.body#/id' },
  },
  BuyListing: {
    to: ['post', '/v1/orders'],
    description: 'Buy it (and wait for the payment outcome)',
    parameters: { 'query.wait': 'payment' },
    requestBody: { listingId: '$response.body#/id', quantity: 1, paymentMethod: 'pm_card_ok' } as never,
  },
};

/** `[method path status]` → the links its answer offers. */
const LINKS: [Method, string, string, Record<string, Link>][] = [
  ['post', '/v1/listings', '201', listingActions],
  ['patch', '/v1/listings/{id}', '200', listingActions],
  ['post', '/v1/orders', '201', orderActions],
  ['post', '/v1/orders', '202', orderActions],
  ['post', '/v1/orders/{id}/ship', '200', orderActions],
  ['post', '/v1/orders/{id}/confirm-delivery', '200', orderActions],
  [
    'post',
    '/v1/orders/{id}/disputes',
    '201',
    {
      GetDispute: { to: ['get', '/v1/disputes/{id}'], description: 'Read the dispute', parameters: id },
      AddEvidence: {
        to: ['post', '/v1/disputes/{id}/evidence'],
        description: 'Add evidence',
        parameters: id,
      },
      AcceptDispute: {
        to: ['post', '/v1/disputes/{id}/accept'],
        description: 'Accept (seller)',
        parameters: id,
      },
      ResolveDispute: {
        to: ['post', '/v1/disputes/{id}/resolve'],
        description: 'Resolve (operator)',
        parameters: id,
      },
    },
  ],
  [
    'post',
    '/v1/payouts',
    '202',
    { GetPayout: { to: ['get', '/v1/payouts/{id}'], description: 'Follow it', parameters: id } },
  ],
  [
    'post',
    '/v1/webhook-endpoints',
    '201',
    {
      ListDeliveries: {
        to: ['get', '/v1/webhook-endpoints/{id}/deliveries'],
        description: 'Its deliveries',
        parameters: id,
      },
      DeleteEndpoint: {
        to: ['delete', '/v1/webhook-endpoints/{id}'],
        description: 'Remove it',
        parameters: id,
      },
    },
  ],
  [
    'post',
    '/v1/ops/reconciliation',
    '201',
    {
      GetReconciliation: {
        to: ['get', '/v1/ops/reconciliation/{id}'],
        description: 'Read the report',
        parameters: id,
      },
    },
  ],
];

const operationRef = ([method, path]: [Method, string]) => `#/paths/${path.replaceAll('/', '~1')}/${method}`;

export function documentLinks(registry: App['openAPIRegistry']): void {
  for (const def of registry.definitions) {
    if (def.type !== 'route') continue;
    for (const [method, path, status, links] of LINKS) {
      const response = def.route.responses[status];
      if (def.route.method !== method || def.route.path !== path || !response || '$ref' in response) continue;
      const linked = {
        ...response,
        links: Object.fromEntries(
          Object.entries(links).map(([name, { to, ...link }]) => [
            name,
            { operationRef: operationRef(to), ...link },
          ]),
        ),
      };
      def.route = { ...def.route, responses: { ...def.route.responses, [status]: linked } };
    }
  }
}
