import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { logSafePath } from './log-safe-path';

/**
 * Paths pino blanks out in every log line: personal numbers must never reach a log,
 * wherever a message or object puts them.
 */
export const REDACTED_PATHS = [
  'bsn',
  'educationNumber',
  'person',
  '*.bsn',
  '*.educationNumber',
  '*.person',
  '*.*.person',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** Structured JSON logs (pino), one line per entry, with the service's name. */
export function loggingModule(service: string, level: () => string): DynamicModule {
  return LoggerModule.forRootAsync({
    useFactory: () => ({
      pinoHttp: {
        level: level(),
        base: { service },
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
        serializers: {
          req: (req: { method: string; url: string; id: unknown }) => ({
            id: req.id,
            method: req.method,
            // Queries are dropped, and anything shaped like a personal number masked.
            url: logSafePath(req.url),
          }),
        },
      },
    }),
  });
}
