import autocannon, { type AutocannonRequest } from 'autocannon';

/** What one load phase measured. */
export interface Measurement {
  /** Successful (2xx/304) responses per second over the whole phase. */
  perSecond: number;
  /** Latency in milliseconds. */
  p50: number;
  p99: number;
  /** Responses that were neither 2xx nor 304, plus connection errors and timeouts. */
  failures: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  total: number;
  seconds: number;
}

/** One load phase: where to send, how hard, for how long. */
export interface Phase {
  /** Several URLs share the connections out between them in turn. */
  url: string | string[];
  connections: number;
  seconds: number;
  /** Stop after this many requests instead (still cut off `seconds` + 10 s after the start). */
  amount?: number;
  method?: string;
  headers?: Record<string, string>;
  /**
   * Rewrites each request before it is sent (fresh body, per-request headers); `context` belongs to the connection and
   * is the one {@link Phase.onResponse} gets for that request's answer.
   */
  next?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  /** Called with each response's status (not for requests that timed out or lost their connection). */
  onResponse?: (status: number, context: Record<string, unknown>) => void;
}

/** Runs one bounded autocannon phase (stopped by force if it overruns by 10 s) and summarises it. */
export async function measure(phase: Phase): Promise<Measurement> {
  const { onResponse } = phase;
  const instance = autocannon({
    url: phase.url,
    connections: phase.connections,
    ...(phase.amount === undefined ? { duration: phase.seconds } : { amount: phase.amount }),
    timeout: 10,
    requests: [
      {
        method: phase.method ?? 'GET',
        headers: phase.headers,
        ...(phase.next ? { setupRequest: phase.next } : {}),
        ...(onResponse
          ? {
              onResponse: (status: number, _body: string, context: Record<string, unknown>) =>
                onResponse(status, context),
            }
          : {}),
      },
    ],
  });
  const guard = setTimeout(() => instance.stop(), (phase.seconds + 10) * 1000);
  try {
    const result = await instance;
    const statuses = Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)]),
    );
    const ok = Object.entries(statuses)
      .filter(([code]) => code.startsWith('2') || code === '304')
      .reduce((sum, [, n]) => sum + n, 0);
    const failed = Object.entries(statuses)
      .filter(([code]) => !code.startsWith('2') && code !== '304')
      .reduce((sum, [, n]) => sum + n, 0);
    return {
      perSecond: ok / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      failures: failed + result.errors,
      statuses,
      total: result.requests.total,
      seconds: result.duration,
    };
  } finally {
    clearTimeout(guard);
  }
}

/** Several runs of one phase as one: mean rate and latencies, summed counts. */
export function meanOf(runs: Measurement[]): Measurement {
  const mean = (pick: (m: Measurement) => number): number =>
    Math.round((runs.reduce((sum, m) => sum + pick(m), 0) / runs.length) * 100) / 100;
  const statuses: Record<string, number> = {};
  for (const m of runs) for (const [code, n] of Object.entries(m.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    perSecond: mean((m) => m.perSecond),
    p50: mean((m) => m.p50),
    p99: mean((m) => m.p99),
    failures: runs.reduce((sum, m) => sum + m.failures, 0),
    statuses,
    total: runs.reduce((sum, m) => sum + m.total, 0),
    seconds: runs.reduce((sum, m) => sum + m.seconds, 0),
  };
}
