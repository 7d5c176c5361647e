/**
 * Counts what a server sends to Table Storage: a pipeline policy the bench adds to its servers'
 * `TableClient`s (anchor D's and Chaperone's alike, through their client options), so the product
 * itself carries no meter. Per try, so a retried write counts twice, as it reaches storage twice.
 */
import type { TableServiceClientOptions } from '@azure/data-tables';

type AdditionalPolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number];

/** Requests sent to storage and the bytes of their bodies, since the meter was made. */
export interface StorageTraffic {
  requests: number;
  bodyBytes: number;
  /** Requests whose body was a stream, whose size the meter cannot know without reading it (0 expected). */
  unsizedBodies: number;
  /** Requests by method and the first segment of the path (the table, or `$batch`), e.g. `PUT benchxmeetings`. */
  byTarget: Record<string, number>;
}

/**
 * `METHOD target` for a request URL: the table named in its last path segment without the key part or `prefix`, or
 * `$batch`.
 */
export function targetOf(method: string, url: string, prefix = ''): string {
  // Azurite puts the account first (`/devstoreaccount1/meetings(...)`), Azure does not.
  const segment = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '';
  const table = decodeURIComponent(segment).replace(/\(.*$/, '');
  const name = prefix && table.startsWith(prefix) ? table.slice(prefix.length) || 'table' : table;
  return `${method} ${name}`;
}

/** Size of a request body as the SDK hands it to the HTTP client; undefined when it is a stream or a factory. */
export function bodySize(body: unknown): number | undefined {
  if (body === undefined || body === null) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return body.byteLength;
  if (typeof Blob !== 'undefined' && body instanceof Blob) return body.size;
  return undefined;
}

/** A meter and the policy that feeds it; `tablePrefix` is left out of the table names it counts by. */
export function storageMeter(tablePrefix = ''): { policy: AdditionalPolicy; traffic(): StorageTraffic } {
  const counts: StorageTraffic = { requests: 0, bodyBytes: 0, unsizedBodies: 0, byTarget: {} };
  return {
    policy: {
      position: 'perRetry',
      policy: {
        name: 'benchStorageMeter',
        sendRequest(request, next) {
          const size = bodySize(request.body);
          counts.requests += 1;
          const target = targetOf(request.method, request.url, tablePrefix);
          counts.byTarget[target] = (counts.byTarget[target] ?? 0) + 1;
          if (size === undefined) counts.unsizedBodies += 1;
          else counts.bodyBytes += size;
          return next(request);
        },
      },
    },
    traffic: () => ({ ...counts, byTarget: { ...counts.byTarget } }),
  };
}
