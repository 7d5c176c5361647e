/**
 * The fake Bot Connector's wire: a request as it arrived and as recorded, and a reply, with the
 * connector-style error body every refusal carries.
 */

/** One request as it reached the fake; `path` is relative to the connector's base URL. */
export interface ConnectorRequest {
  method: string;
  /** The raw path without the query string, e.g. `/v3/conversations/a%3A1/activities`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/** One request the fake received. Path segments are URL-decoded in `decodedPath`, not in `path`. */
export interface RecordedRequest extends ConnectorRequest {
  /** The same path with each segment decoded, e.g. `/v3/conversations/a:1/activities`. */
  decodedPath: string;
  /** When it arrived, by the connector's clock (the simulated clock in the simulator). */
  receivedAt: number;
  /** The status the fake answered. */
  status?: number;
  /** The id the fake gave a sent or created activity (so a later update can be matched to it). */
  activityId?: string;
}

/** What the fake answers. */
export interface ConnectorReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A refusal with the connector's error body (`{ error: { code, message } }`). */
export function connectorError(status: number, code: string, message: string): ConnectorReply {
  return { status, body: { error: { code, message } } };
}

/** One path segment decoded; a malformed escape is kept as it came. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
