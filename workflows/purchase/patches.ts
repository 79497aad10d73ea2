/** The purchase's `patched()` ids, each a row of docs/adr/0010-workflow-versioning.md's table. */
export const PURCHASE_PATCHES = {
  /** Reserve, `reserved` and the fraud screen as one local activity; the release owed from the start. */
  admitInOneStep: 'purchase-admit-in-one-step',
  /** The card's hold and the move to `authorized` as one activity (`authorizeOrder`). */
  authorizedWithTheHold: 'purchase-authorized-with-the-hold',
} as const;
