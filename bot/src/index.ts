/**
 * Entry point (`node dist/index.js` on App Service; `npm start` locally). Telemetry starts first,
 * so Azure Monitor's OpenTelemetry instrumentation sees the HTTP and storage modules as they load;
 * then the service itself (`main.ts`).
 */
const connectionString = process.env['APPLICATIONINSIGHTS_CONNECTION_STRING']?.trim();
if (connectionString) {
  const { useAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor({ azureMonitorExporterOptions: { connectionString } });
}
await import('./main.js');

export {};
