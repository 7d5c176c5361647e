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
  /**
   * Writes refused because another writer got there first: the row changed since it was read (412) or already existed
   * (409), answered to the request itself or to an operation inside a transaction.
   */
  conflicts: number;
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

const CONFLICTS = new Set([409, 412]);

/**
 * Whether a response refuses a write because of another writer: its own status, or for a transaction (answered 202)
 * the status of an operation in its body.
 */
export function isConflict(status: number, body: string | null | undefined): boolean {
  if (CONFLICTS.has(status)) return true;
  if (status !== 202 || !body) return false;
  return [...body.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].some((inner) => CONFLICTS.has(Number(inner[1])));
}

/** A meter and the policy that feeds it; `tablePrefix` is left out of the table names it counts by. */
export function storageMeter(tablePrefix = ''): { policy: AdditionalPolicy; traffic(): StorageTraffic } {
  const counts: StorageTraffic = { requests: 0, bodyBytes: 0, unsizedBodies: 0, byTarget: {}, conflicts: 0 };
  return {
    policy: {
      position: 'perRetry',
      policy: {
        name: 'benchStorageMeter',
        async sendRequest(request, next) {
          const size = bodySize(request.body);
          counts.requests += 1;
          const target = targetOf(request.method, request.url, tablePrefix);
          counts.byTarget[target] = (counts.byTarget[target] ?? 0) + 1;
          if (size === undefined) counts.unsizedBodies += 1;
          else counts.bodyBytes += size;
          const response = await next(request);
          if (isConflict(response.status, response.bodyAsText)) counts.conflicts += 1;
          return response;
        },
      },
    },
    traffic: () => ({ ...counts, byTarget: { ...counts.byTarget } }),
  };
}
