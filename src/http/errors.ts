/** AppError / validation failures → the one JSON error shape (invariant 5). */
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { AppError, ERRORS, type ErrorCode, errorMessage, type Locale } from '../domain/errors.ts';
import { fieldMessage } from '../domain/field-messages.ts';

export function localeOf(c: Context): Locale {
  const al = c.req.header('accept-language') ?? '';
  return /^en\b/i.test(al.trim()) ? 'en' : 'id';
}

export function errorResponse(c: Context, code: ErrorCode, fieldCodes?: Record<string, string>) {
  const locale = localeOf(c);
  const status = ERRORS[code][0];
  const body: { error: Record<string, unknown> } = { error: { code, message: errorMessage(code, locale) } };
  if (fieldCodes && Object.keys(fieldCodes).length > 0) {
    body.error.fields = Object.fromEntries(
      Object.entries(fieldCodes).map(([k, v]) => [k, fieldMessage(v, locale)]),
    );
    body.error.fieldCodes = fieldCodes;
  }
  return c.json(body, status as 400);
}

export function zodFieldCodes(err: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of err.issues) {
    const base = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) out[base ? `${base}.${k}` : k] = 'unknown_field';
      continue;
    }
    const key = base || '_';
    if (out[key]) continue;
    let code: string;
    if (/^[a-z_]+$/.test(i.message)) code = i.message;
    else if (i.code === 'invalid_type') code = 'invalid_type';
    else if (i.code === 'invalid_value') code = 'invalid_value';
    else if (i.code === 'too_big') code = i.origin === 'string' ? 'too_long' : 'out_of_range';
    else if (i.code === 'too_small')
      code = i.origin === 'string' || i.origin === 'array' ? 'required' : 'out_of_range';
    else code = 'invalid_value';
    out[key] = code;
  }
  return out;
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
