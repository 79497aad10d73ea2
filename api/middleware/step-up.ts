/**
 * Step-up (RFC 9470) for sensitive operations (docs/design.md "Identity, step-up and privacy"): the
 * route runs only for a token with a recent multi-factor login (domain/step-up.ts); any other gets
 * 401 `step_up_required` and the challenge saying what to ask the identity provider for:
 * `WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=300, acr_values="..."`.
 *
 * A route opts in with `withStepUp(route)`, which both adds the middleware and documents it on the
 * operation (`x-step-up`, a note in its description; api/openapi/standard-responses.ts adds the 401).
 */
import type { RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { MULTI_FACTOR_AMR, type StepUpVerdict, stepUpVerdict } from '../../domain/step-up.js';
import { problem } from '../problem.js';
import type { AppEnv } from '../types.js';

/** The operation's extension in the OpenAPI document: what a token needs, and when. */
export const STEP_UP_EXTENSION = 'x-step-up';

export interface StepUpOptions {
  /** Only some requests of the route are sensitive (a settings change that touches the email). */
  when?: { test: (c: Context<AppEnv>) => Promise<boolean>; description: string };
}

const REASONS: Record<Exclude<StepUpVerdict, 'recent_multi_factor'>, string> = {
  single_factor: 'this operation needs a multi-factor login (amr with mfa, otp or hwk)',
  too_old: 'this operation needs a recent multi-factor login (auth_time within max_age)',
};

export function requireStepUp(options: StepUpOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { STEP_UP_MAX_AGE_S: maxAge, STEP_UP_ACR_VALUES: acrValues } = c.var.deps.env;
    const verdict = stepUpVerdict(c.var.login, maxAge, Math.floor(Date.now() / 1000));
    // A recent multi-factor login passes whatever the request; only other logins need `when` asked.
    if (verdict === 'recent_multi_factor') return next();
    if (options.when && !(await options.when.test(c))) return next();
    const res = problem(c, 'step_up_required', REASONS[verdict], { maxAge, acrValues });
    res.headers.set('WWW-Authenticate', stepUpChallenge(maxAge, acrValues));
    return res;
  };
}

export function stepUpChallenge(maxAge: number, acrValues: string): string {
  return `Bearer error="insufficient_user_authentication", max_age=${maxAge}, acr_values="${acrValues}"`;
}

/** The route with the step-up middleware before its validators and handler, and said so in its document. */
export function withStepUp<R extends RouteConfig>(route: R, options: StepUpOptions = {}): R {
  const own = route.middleware === undefined ? [] : [route.middleware].flat();
  const when = options.when ? ` when ${options.when.description}` : '';
  const note = [
    `**Step-up (RFC 9470)${when}:** needs a recent multi-factor login, a token whose \`amr\` holds`,
    `${MULTI_FACTOR_AMR.map((m) => `\`${m}\``).join(', ')} and whose \`auth_time\` is at most`,
    '`STEP_UP_MAX_AGE_S` (300 s by default) old. Otherwise 401 `step_up_required` with',
    '`WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"`:',
    'log in again at the identity provider with that `max_age` and `acr_values`, then retry.',
  ].join(' ');
  return {
    ...route,
    middleware: [...own, requireStepUp(options)],
    description: route.description ? `${route.description}\n\n${note}` : note,
    [STEP_UP_EXTENSION]: {
      amr: [...MULTI_FACTOR_AMR],
      maxAgeSetting: 'STEP_UP_MAX_AGE_S',
      ...(options.when && { when: options.when.description }),
    },
  };
}
