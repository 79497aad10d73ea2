/**
 * The part of an order's timeline before the order: the offer whose acceptance placed it (each move
 * with its amount and time), or the auction that sold it (listed, ended with its bids and price, the
 * winner's order and the second chance's). Read from the offer and auction rows their workflows write.
 */

import type { DbOrTx } from '../../../db/client.js';
import type { OfferRow } from '../../../db/queries/offers.js';
import type { AuctionOrigin } from '../../../db/queries/order-origins.js';
import { auctionOfOrder, offerOfOrder } from '../../../db/queries/order-origins.js';
import type { OrderRow } from '../../../db/queries/orders.js';
import {
  type AuctionResult,
  type AuctionStatus,
  auctionOrderId,
  auctionWorkflowId,
} from '../../../domain/auction.js';
import { offerWorkflowId } from '../../../domain/ids.js';
import type { Currency } from '../../../domain/money.js';
import type { OfferAction, OfferStatus } from '../../../domain/offer.js';
import type { OrderStatus } from '../../../domain/order.js';

/** An offer's history action as a timeline event. */
const OFFER_EVENTS: Record<OfferAction, string> = {
  offer: 'offer.made',
  counter: 'offer.countered',
  accept: 'offer.accepted',
  decline: 'offer.declined',
  withdraw: 'offer.withdrawn',
  expire: 'offer.expired',
};

export async function orderOrigin(db: DbOrTx, order: OrderRow) {
  const offer = await offerOfOrder(db, order.id);
  if (offer) return offerOrigin(offer);
  const auction = await auctionOfOrder(db, order.listingId);
  return auction && auctionOrigin(auction);
}

function offerOrigin(offer: OfferRow) {
  return {
    kind: 'offer' as const,
    offerId: offer.id,
    workflowId: offerWorkflowId({ offerId: offer.id }),
    status: offer.status as OfferStatus,
    amount: Number(offer.amount),
    currency: offer.currency as Currency,
    quantity: offer.quantity,
    events: offer.history.map((h) => ({
      type: OFFER_EVENTS[h.action],
      by: h.by,
      amount: h.amount,
      at: h.at,
    })),
  };
}

function auctionOrigin({ auction, orders }: AuctionOrigin) {
  const attempts = orders.map((o) => ({
    attempt: o.id === auctionOrderId(auction, 1) ? (1 as const) : (2 as const),
    orderId: o.id,
    buyerId: o.buyerId,
    amount: Number(o.amount),
    status: o.status as OrderStatus,
    at: o.createdAt.toISOString(),
  }));
  const ended = auction.status === 'ended';
  return {
    kind: 'auction' as const,
    listingId: auction.listingId,
    workflowId: auctionWorkflowId(auction),
    status: auction.status as AuctionStatus,
    ...(auction.result !== null && { result: auction.result as AuctionResult }),
    currency: auction.currency as Currency,
    startAmount: Number(auction.startAmount),
    ...(auction.reserveAmount !== null && { reserveAmount: Number(auction.reserveAmount) }),
    bidCount: auction.bidCount,
    finalPrice: Number(auction.currentPrice),
    endsAt: auction.endsAt.toISOString(),
    ...(auction.winnerId !== null && { winnerId: auction.winnerId }),
    orders: attempts,
    events: [
      { type: 'auction.listed', amount: Number(auction.startAmount), at: auction.createdAt.toISOString() },
      ...(ended
        ? [
            {
              type: 'auction.ended',
              amount: Number(auction.currentPrice),
              bidCount: auction.bidCount,
              at: auction.endsAt.toISOString(),
            },
          ]
        : []),
      ...attempts.map(({ attempt, at, ...o }) => ({
        type: attempt === 1 ? 'auction.winner_order' : 'auction.second_chance',
        ...o,
        at,
      })),
    ],
  };
}
