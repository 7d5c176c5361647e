/**
 * Child-process entry for one measured server (started by `spawnServer.ts` with the spec in
 * BENCH_SERVER): starts it on 127.0.0.1, reports its URL over IPC, and stops on SIGTERM or when
 * the bench process goes away, so no server outlives a run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TableClient } from '@azure/data-tables';
import { loadConfig } from '../bot/src/config.js';
import type { Logger } from '../bot/src/app/ports.js';
import { policyFromPreset } from '../bot/src/domain/policy/presets.js';
import { startService } from '../bot/src/compose/startService.js';
import { startBareBot, startRawHttp, startRawRestify } from './anchors.js';
import { BENCH_DSL, BENCH_STAFF, BENCH_TENANT } from './lessonTraffic.js';
import { startProfile, writeProfile } from './phaseProfile.js';
import type { ProcessSample, SampleRequest } from './processCost.js';
import type { ReadyMessage, Running, ServerSpec } from './spawnServer.js';
import { storageMeter } from './storageMeter.js';

// The bench measures throughput, not logging; errors still surface through the failure counts.
const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => quiet };

/**
 * Chaperone as the bench runs it: the real service (restify, CloudAdapter, Table Storage, rules, timers) with the
 * production tab API.
 */
async function startChaperone(spec: Extract<ServerSpec, { kind: 'chaperone' }>): Promise<Running> {
  const service = await startService({
    config: loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'chaperone-bench-')),
      AAD_APP_CLIENT_ID: spec.clientId,
      AAD_APP_TENANT_ID: BENCH_TENANT,
      AUTH_JWKS_URI: spec.jwksUri,
    }),
    storage: {
      connectionString: spec.connectionString,
      tablePrefix: spec.tablePrefix,
      clientOptions: { additionalPolicies: [meter.policy] },
    },
    policy: policyFromPreset('strict'),
    staffList: {
      staff: BENCH_STAFF.map((s) => s.aadObjectId),
      dsl: [BENCH_DSL.aadObjectId],
      names: { [BENCH_DSL.aadObjectId]: BENCH_DSL.name },
    },
    logger: quiet,
  });
  return { url: service.url, stop: () => service.stop() };
}

async function start(spec: ServerSpec): Promise<Running> {
  switch (spec.kind) {
    case 'A':
      return startRawHttp();
    case 'B':
      return startRawRestify();
    case 'C':
      return startBareBot();
    case 'D': {
      const table = TableClient.fromConnectionString(spec.connectionString, spec.table, {
        allowInsecureConnection: true,
        additionalPolicies: [meter.policy],
      });
      await table.createTable();
      return startBareBot(table);
    }
    case 'chaperone':
      return startChaperone(spec);
  }
}

const spec = JSON.parse(process.env['BENCH_SERVER'] ?? '{}') as ServerSpec;
// What this server sends to storage, counted in its SDK pipeline (D's client and Chaperone's alike).
const meter = storageMeter(spec.kind === 'chaperone' ? spec.tablePrefix : spec.kind === 'D' ? spec.table : '');
const running = await start(spec);
let stopping = false;
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  // Open keep-alive sockets must not hold the child up; the bench forces it after 3 s anyway.
  setTimeout(() => process.exit(0), 2000).unref();
  void running.stop().finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('disconnect', shutdown);
// The bench reads this process's CPU, memory and storage traffic at the start and end of a phase.
// A profile, when asked for, covers what lies between the two samples and not the sampling itself.
process.on('message', async (message: SampleRequest) => {
  if (message.type !== 'sample') return;
  if (typeof message.profile === 'object') await writeProfile(message.profile.writeTo);
  const sample: ProcessSample = {
    type: 'sample',
    id: message.id,
    cpu: process.cpuUsage(),
    rssBytes: process.memoryUsage.rss(),
  };
  if (message.profile === 'start') await startProfile();
  process.send?.(spec.kind === 'D' || spec.kind === 'chaperone' ? { ...sample, storage: meter.traffic() } : sample);
});
process.send?.({ url: running.url } satisfies ReadyMessage);
