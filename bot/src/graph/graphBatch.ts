/**
 * Microsoft Graph JSON batching: up to 20 requests in one `POST /$batch`, each answered with its own
 * status. The batch itself can succeed while items inside it are throttled (429 with their own
 * `Retry-After`), so those items are sent again, in a smaller batch, within the client's retry budget.
 */
import {
  graphError,
  isRetryable,
  keptFailing,
  type GraphClient,
  type GraphErrorBody,
  type GraphRequest,
  type GraphResponse,
} from './graphClient.js';

/** Graph's documented limit of requests in one batch. */
export const MAX_BATCH_REQUESTS = 20;

interface BatchAnswer {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Sends `requests` in as few `$batch` calls as Graph allows (ceil(n/20), in parallel) and answers, in
 * the same order, each one's response or its typed error (GraphPermissionError, GraphUnavailableError,
 * GraphRequestError). Rejects only when a whole batch call fails.
 */
export async function sendBatch<T>(
  client: GraphClient,
  requests: readonly GraphRequest[],
): Promise<Array<GraphResponse<T> | Error>> {
  const chunks: Array<readonly GraphRequest[]> = [];
  for (let start = 0; start < requests.length; start += MAX_BATCH_REQUESTS)
    chunks.push(requests.slice(start, start + MAX_BATCH_REQUESTS));
  const answered = await Promise.all(chunks.map((chunk) => sendChunk<T>(client, chunk)));
  return answered.flat();
}

async function sendChunk<T>(
  client: GraphClient,
  chunk: readonly GraphRequest[],
): Promise<Array<GraphResponse<T> | Error>> {
  const results: Array<GraphResponse<T> | Error | undefined> = chunk.map(() => undefined);
  let pending = chunk.map((_, index) => index);
  for (let attempt = 0; ; attempt++) {
    const answers = await postBatch(client, chunk, pending);
    const retry: number[] = [];
    let retryAfter: string | null = null;
    for (const index of pending) {
      const request = chunk[index]!;
      const answer = answers.get(String(index));
      // An item missing from the answer was not carried out: treat it like a throttled one.
      const status = answer?.status ?? 503;
      const retryable = isRetryable(status, request.method !== 'POST' || request.idempotent === true);
      if (status >= 200 && status < 300) {
        results[index] = { status, body: answer?.body as T | undefined };
      } else if (retryable && attempt < client.maxRetries) {
        retry.push(index);
        retryAfter = longer(retryAfter, header(answer?.headers, 'retry-after'));
      } else {
        const failure = (answer?.body as { error?: GraphErrorBody } | undefined)?.error;
        results[index] = retryable ? keptFailing(status, attempt + 1) : graphError(status, failure, request.requires);
      }
    }
    if (retry.length === 0) return results as Array<GraphResponse<T> | Error>;
    await client.waitBeforeRetry(attempt, retryAfter);
    pending = retry;
  }
}

async function postBatch(
  client: GraphClient,
  chunk: readonly GraphRequest[],
  pending: readonly number[],
): Promise<Map<string, BatchAnswer>> {
  const requests = pending.map((index) => {
    const request = chunk[index]!;
    return {
      id: String(index),
      method: request.method,
      url: request.path,
      ...(request.body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: request.body }),
    };
  });
  const { body } = await client.send<{ responses?: BatchAnswer[] }>({
    method: 'POST',
    path: '/$batch',
    body: { requests },
    requires: chunk[pending[0]!]!.requires,
    idempotent: pending.every((index) => chunk[index]!.method !== 'POST' || chunk[index]!.idempotent === true),
  });
  return new Map((body?.responses ?? []).map((answer) => [String(answer.id), answer]));
}

/** A header of a batch item, whose names Graph does not promise to lower-case. */
function header(headers: Record<string, string> | undefined, name: string): string | null {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found ? String(found[1]) : null;
}

/** The longer of two `Retry-After` values in seconds (a date, rare inside batches, is kept as given). */
function longer(current: string | null, next: string | null): string | null {
  if (current === null) return next;
  if (next === null) return current;
  return Number(next) > Number(current) ? next : current;
}
