/** The workflow bundle's entry: every workflow the `orders` task queue runs. */
export * from './escrow.js';
export * from './purchase.js';
