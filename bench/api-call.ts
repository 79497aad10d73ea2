/** An answer as the phases read it: the status, and the fields of a bid, an offer, an order or a problem. */
export interface Answer {
  status: number;
  body?: { id?: string; status?: string | number; code?: string };
}

/** One POST to the API as a user, answered as status and parsed body: the marketplace phases' client. */
export async function postAs(
  baseUrl: string,
  token: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, ...(text && { body: JSON.parse(text) }) };
}

/** Answers counted by status (and problem code): `{"201": 950, "422 bid_too_low": 50}`. */
export function tallyAnswers(answers: readonly Answer[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const a of answers) {
    const key = a.status >= 400 && a.body?.code ? `${a.status} ${a.body.code}` : String(a.status);
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}
