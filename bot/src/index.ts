/**
 * Entry point (`node dist/index.js` on App Service; `npm start` locally). Configuration is read and
 * checked once here; telemetry starts next, so Azure Monitor's OpenTelemetry instrumentation sees
 * the HTTP and storage modules as they load; then the service itself (`main.ts`).
 */
import { loadConfig } from './config.js';

try {
  const config = loadConfig();
  if (config.appInsightsConnectionString) {
    const { useAzureMonitor } = await import('@azure/monitor-opentelemetry');
    useAzureMonitor({ azureMonitorExporterOptions: { connectionString: config.appInsightsConnectionString } });
  }
  const { main } = await import('./main.js');
  await main(config, process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
