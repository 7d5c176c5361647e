/**
 * A small Microsoft Graph client on `fetch`: bearer token, a timeout per attempt, bounded retries
 * honouring `Retry-After`, and Graph's failures mapped to the app's typed errors.
 */
import {
  GraphPermissionError,
  GraphRequestError,
  GraphUnavailableError,
  type GraphRequirement,
} from '../app/meetingControl/ports.js';
import type { TokenProvider } from './tokenProvider.js';
import { retryAfterMs } from '../runtime/retryAfter.js';

/** The public Graph endpoint; tests and national clouds pass their own. */
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

/** How the client reaches Graph. */
export interface GraphClientOptions {
  /** `GRAPH_BASE_URL`, including the version segment. Default {@link DEFAULT_GRAPH_BASE_URL}. */
  baseUrl?: string;
  tokens: TokenProvider;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** Longest wait before a retry, whatever `Retry-After` asks. Default 30 s. */
  maxRetryWaitMs?: number;
  /** Injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for `Retry-After` given as a date. */
  now?: () => number;
}

/** One Graph call. */
export interface GraphRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path after the base URL, starting with `/`, already encoded; or an absolute `@odata.nextLink`. */
  path: string;
  body?: unknown;
  /** What the admin must grant if Graph refuses this call. */
  requires: GraphRequirement;
  /** A POST that only reads (`checkMemberGroups`, a `$batch` of reads): server errors may be retried. */
  idempotent?: boolean;
}

/** Status and parsed JSON body (undefined for an empty body). */
export interface GraphResponse<T> {
  status: number;
  body: T | undefined;
}

const RETRY_WITH_HEADER = new Set([429, 503]);
/**
 * Retries after the first attempt by default: enough to ride out a short throttle, few enough that the caller hears
 * soon.
 */
const DEFAULT_MAX_RETRIES = 3;

/** Calls Graph with retries; throws GraphPermissionError, GraphUnavailableError or GraphRequestError. */
export class GraphClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  /** Retries after the first attempt (also used by {@link sendBatch} for throttled batch items). */
  readonly maxRetries: number;
  private readonly maxRetryWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: GraphClientOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  /** Sends `request`, retrying throttling, outages and (for idempotent methods) server errors. */
  async send<T>(request: GraphRequest): Promise<GraphResponse<T>> {
    const url = /^https?:\/\//.test(request.path) ? request.path : `${this.baseUrl}${request.path}`;
    // A POST that failed with a 5xx may have been carried out; only 429/503 say it was not.
    const idempotent = request.method !== 'POST' || request.idempotent === true;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(url, request);
      if ('response' in outcome) {
        const { response } = outcome;
        if (response.ok) return { status: response.status, body: await readJson<T>(response).catch(malformed) };
        const failure = (await readJson<{ error?: GraphErrorBody }>(response).catch(() => undefined))?.error;
        if (!isRetryable(response.status, idempotent)) throw graphError(response.status, failure, request.requires);
        if (attempt >= this.maxRetries) throw keptFailing(response.status, attempt + 1);
        await this.waitBeforeRetry(attempt, response.headers.get('retry-after'));
      } else {
        if (!idempotent || attempt >= this.maxRetries) {
          throw new GraphUnavailableError(`Microsoft Graph could not be reached (${outcome.failure}).`);
        }
        await this.waitBeforeRetry(attempt, null);
      }
    }
  }

  /** GET every page of a collection, following `@odata.nextLink` (at most `maxPages`). */
  async getAll<T>(path: string, requires: GraphRequirement, maxPages = 20): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    for (let page = 0; next && page < maxPages; page++) {
      const { body }: GraphResponse<{ value?: T[]; '@odata.nextLink'?: string }> = await this.send({
        method: 'GET',
        path: next,
        requires,
      });
      items.push(...(body?.value ?? []));
      next = body?.['@odata.nextLink'];
    }
    return items;
  }

  private async attempt(url: string, request: GraphRequest): Promise<{ response: Response } | { failure: string }> {
    const token = await this.options.tokens.getToken();
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      return { response };
    } catch (error) {
      return { failure: (error as Error).name === 'TimeoutError' ? 'timed out' : 'network error' };
    }
  }

  /**
   * Waits before retry number `attempt + 1`: `Retry-After` (seconds or an HTTP date) when given, else exponential
   * backoff; never above the cap.
   */
  waitBeforeRetry(attempt: number, retryAfter: string | null): Promise<void> {
    const wait = retryAfterMs(retryAfter, this.now()) ?? 500 * 2 ** attempt;
    return this.sleep(Math.min(wait, this.maxRetryWaitMs));
  }
}

/**
 * Whether a failed answer may succeed if sent again: throttling and outages always, other server errors only for reads.
 */
export function isRetryable(status: number, idempotent: boolean): boolean {
  return RETRY_WITH_HEADER.has(status) || (status >= 500 && idempotent);
}

/**
 * Graph's `error` object; the message is read only to tell refusals apart, never kept or logged (it can carry user
 * ids).
 */
export interface GraphErrorBody {
  code?: string;
  message?: string;
}

/**
 * Graph's wording when no Teams application access policy lets the app act for the user in the path:
 * "No application access policy found for this app" (403, code `Forbidden` or `General`, or 404),
 * the older "App ... is not authorized to ... on behalf of user ...", and "... neither is allowed
 * access through RSC permission evaluation".
 */
const ACCESS_POLICY_REFUSAL =
  /application access policy|not authorized to .+ on behalf of user|neither is allowed access through RSC/i;

/**
 * The typed error for a final failed answer: refused (401/403, or the access policy), failed (5xx) or rejected (other
 * 4xx).
 */
export function graphError(status: number, error: GraphErrorBody | undefined, requires: GraphRequirement): Error {
  const code = error?.code;
  const noAccessPolicy = typeof error?.message === 'string' && ACCESS_POLICY_REFUSAL.test(error.message);
  if (noAccessPolicy && (status === 401 || status === 403 || status === 404))
    return new GraphPermissionError(requires, status, code, 'accessPolicy');
  if (status === 401 || status === 403) return new GraphPermissionError(requires, status, code);
  if (status >= 500 || status === 429) return new GraphUnavailableError(`Microsoft Graph failed (${status}).`, status);
  return new GraphRequestError(status, code);
}

/** The error once retries are used up. */
export function keptFailing(status: number, attempts: number): GraphUnavailableError {
  return new GraphUnavailableError(`Microsoft Graph kept failing (${status}) after ${attempts} attempts.`, status);
}

async function readJson<T>(response: Response): Promise<T | undefined> {
  const text = await response.text();
  return text ? (JSON.parse(text) as T) : undefined;
}

function malformed(): never {
  throw new GraphUnavailableError('Microsoft Graph answered with a body that is not JSON.');
}
