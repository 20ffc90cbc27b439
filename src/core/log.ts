// The JSON logger (pino), with credential-bearing fields redacted by path.
import { type DestinationStream, type Logger, pino } from 'pino';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const effective = process.env.WARDEN_LOG_LEVEL ?? level;
  return pino(
    {
      level: effective,
      base: { service: 'warden' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'authorization',
          'apiKey',
          'secret',
          'token',
          '*.apiKey',
          '*.secret',
          '*.token',
        ],
        censor: '[REDACTED]',
      },
    },
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
