/** Request bodies read at the edge: one 400 sentence naming each bad field, then what to do now. */
import type { z } from 'zod';
import { HttpError } from '../errors.js';

/**
 * Validates `body` against `schema`; a body it cannot read answers 400 `invalidBody`, saying which
 * fields were wrong (`The <what> was not understood (...); <retry>`).
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, what: string, retry: string): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'} ${i.message}`);
  throw new HttpError(400, 'invalidBody', `The ${what} was not understood (${problems.join('; ')}); ${retry}.`);
}
