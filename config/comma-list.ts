/** A comma-separated setting (secrets while rotating, queues, origins): its items, trimmed, in order. */
export const commaList = (setting: string): string[] =>
  setting
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
