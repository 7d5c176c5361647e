import { pino } from 'pino';
import type { Logger } from '../app/ports.js';

/**
 * The service's structured logger (JSON lines). Known secret-bearing fields are redacted as a
 * second line of defence; the first is never logging personal data or tokens at all.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { service: 'chaperone' },
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        'token',
        '*.token',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
  };
  return (destination ? pino(options, destination as never) : pino(options)) as unknown as Logger;
}
