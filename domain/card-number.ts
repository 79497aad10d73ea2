/**
 * What a payment card number looks like: 13–19 digits, optionally in groups separated by single
 * spaces or dashes, not touching other digits or letters, starting with a card network's digit (2–6:
 * Mastercard 2-series, Amex/Diners/JCB 3, Visa 4, Mastercard 5, Discover/UnionPay 6) and passing the
 * Luhn check. The API refuses bodies holding one; the card-data test scans the database, logs and
 * histories with it.
 */

/**
 * Maximal runs of digits with single-space or dash separators, standing on their own: not touching
 * other digits or letters, nor dashed to them. Letters count as well because the platform's ids,
 * request and trace ids are hex: one in ~900 random UUIDs holds a Luhn-valid 13–19 digit stretch
 * between two hex letters, and a request id like 48215789-2000-4128-8394-de09… had its first groups
 * read as a card (seen in a clean-clone run's API log).
 */
const DIGIT_RUN = /(?<![0-9A-Za-z]|[0-9A-Za-z]-)[0-9]+(?:[ -][0-9]+)*(?![0-9A-Za-z]|-[0-9A-Za-z])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const looksLikeCard = (digits: string) =>
  digits.length >= 13 && digits.length <= 19 && digits[0]! >= '2' && digits[0]! <= '6' && luhnValid(digits);

/**
 * The card-number-like values in `text`, digits only. A run of groups ("4242 4242 4242 4242 12") is
 * tried as every sequence of whole consecutive groups, so a card beside other numbers is still found.
 */
export function findCardNumbers(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(DIGIT_RUN)) {
    const groups = match[0].split(/[ -]/);
    for (let start = 0; start < groups.length; start++) {
      let digits = '';
      for (let end = start; end < groups.length && digits.length < 19; end++) {
        digits += groups[end];
        if (looksLikeCard(digits)) found.add(digits);
      }
    }
  }
  return [...found];
}

export const holdsCardNumber = (text: string) => findCardNumbers(text).length > 0;

/** `text` with every card-number-like value replaced: what a log may keep of a hostile client's URL. */
export function redactCardNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => (holdsCardNumber(run) ? '[card number redacted]' : run));
}
