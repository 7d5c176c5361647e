/**
 * Turns what the Bot Connector client threw into a {@link DeliveryFailure}: the HTTP status when
 * there was one, whether trying again can help (429, 5xx, network errors and timeouts can; other
 * 4xx cannot), and the connector's Retry-After.
 */
import { DeliveryFailure } from '../app/delivery/delivery.js';
import { retryAfterMs } from '../runtime/retryAfter.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'REQUEST_SEND_ERROR',
]);

interface ConnectorErrorShape {
  statusCode?: number;
  status?: number;
  code?: string;
  name?: string;
  message?: string;
  response?: { status?: number; headers?: { get?(name: string): string | undefined | null } | Record<string, unknown> };
}

/** Classifies a connector error. */
export function connectorFailure(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryFailure) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ConnectorErrorShape;
  const status = e.statusCode ?? e.status ?? e.response?.status;
  const retryAfterMs = retryAfter(e.response?.headers);
  const message = `Teams refused the message${status ? ` (${status})` : ''}: ${e.message ?? String(error)}`.slice(
    0,
    300,
  );
  if (status !== undefined && status > 0)
    return new DeliveryFailure(message, status === 429 || status === 408 || status >= 500, retryAfterMs, status);
  const network =
    (e.code !== undefined && NETWORK_CODES.has(e.code)) || e.name === 'AbortError' || e.name === 'TimeoutError';
  return new DeliveryFailure(
    network ? `Teams could not be reached: ${e.message ?? e.code}` : message,
    true,
    retryAfterMs,
  );
}

/** Whether a failure says the stored 1:1 conversation is gone (app removed, user left). */
export function isStaleConversation(failure: DeliveryFailure): boolean {
  return failure.status === 403 || failure.status === 404;
}

type Headers = NonNullable<ConnectorErrorShape['response']>['headers'];

function retryAfter(headers: Headers): number | undefined {
  if (!headers) return undefined;
  const raw =
    typeof headers.get === 'function'
      ? headers.get('retry-after')
      : (headers as Record<string, unknown>)['retry-after'];
  return retryAfterMs(raw === undefined || raw === null ? undefined : String(raw), Date.now());
}
