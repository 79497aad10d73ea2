/**
 * FRAUD_RULES, validated: a partial JSON object merged over the defaults. Apart from ./fraud.ts so
 * that workflow code, which imports the screen's types, does not bundle zod into every workflow.
 */
import { z } from 'zod';
import { DEFAULT_FRAUD_RULES, type FraudRules } from './fraud.js';

const threshold = (value: z.ZodNumber) => z.object({ review: value, deny: value });

const fraudRulesSchema = z.object({
  velocityWindowMs: z.number().int().positive(),
  buyerVelocity: threshold(z.number().int().positive()),
  cardVelocity: threshold(z.number().int().positive()),
  ipVelocity: threshold(z.number().int().positive()),
  amountMajor: threshold(z.number().positive()),
  newAccountMs: z.number().int().nonnegative(),
  newAccountReviewMajor: z.number().positive(),
  reviewTimeoutMs: z.number().int().positive(),
  currencyScale: z.record(z.string(), z.number().positive()),
}) satisfies z.ZodType<FraudRules>;

/** Parses FRAUD_RULES (a partial JSON object) over the defaults; throws naming the bad field. */
export function parseFraudRules(json: string | undefined): FraudRules {
  const partial = json ? (JSON.parse(json) as Record<string, unknown>) : {};
  return fraudRulesSchema.parse({ ...DEFAULT_FRAUD_RULES, ...partial });
}
