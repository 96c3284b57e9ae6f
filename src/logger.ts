/** pino logger that redacts anything that could be personal data (invariant 5). */
import pino from 'pino';

export function createLogger(level: string) {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        'password',
        '*.password',
        'newPassword',
        '*.newPassword',
        'currentPassword',
        '*.currentPassword',
        'otp',
        '*.otp',
        'name',
        '*.name',
        'nik',
        '*.nik',
        'phone',
        '*.phone',
        'email',
        '*.email',
        'addressDetail',
        '*.addressDetail',
        'chronology',
        '*.chronology',
        'body',
        '*.body',
        'req.headers.cookie',
        'headers.cookie',
        'cookie',
      ],
      censor: '[disembunyikan]',
    },
  });
}
export type Logger = ReturnType<typeof createLogger>;
