/** Task queues of docs/design.md. One worker serves all by default; each can scale on its own. */
export const TASK_QUEUES = {
  orders: 'orders',
  payments: 'payments',
  ledger: 'ledger',
  notifications: 'notifications',
  /** Carrier calls (tracker registration, tracking polls): a slow carrier holds no payment or database slots. */
  carriers: 'carriers',
} as const;
export type TaskQueue = (typeof TASK_QUEUES)[keyof typeof TASK_QUEUES];
export const ALL_TASK_QUEUES = Object.values(TASK_QUEUES) as TaskQueue[];

/** Custom search attributes registered on the Temporal server (docs/design.md). */
export const SEARCH_ATTRIBUTES = {
  OrderId: 'Keyword',
  BuyerId: 'Keyword',
  SellerId: 'Keyword',
  OrderStatus: 'Keyword',
  AmountMinor: 'Int',
  Currency: 'Keyword',
} as const;
