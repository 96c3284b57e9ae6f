/**
 * Reads a multipart upload (`file` plus string fields) with the checks case attachments have: a
 * multipart body, no NUL in a field's name, value or the file name, a file that is there and at
 * most `maxBytes` (checked before the bytes are read into memory). Type and name checks are the
 * use case's (src/app/coord-files.ts).
 */
import type { Context } from 'hono';
import { AppError } from '../domain/errors.ts';

export type Upload = { name: string; bytes: Uint8Array; fields: Record<string, string> };

export async function parseUpload(c: Context, maxBytes = 20 * 1024 * 1024): Promise<Upload> {
  const ct = c.req.header('content-type') ?? '';
  if (!ct.startsWith('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const form = await c.req.formData().catch(() => {
    throw new AppError('VALIDATION_FAILED', { file: 'required' });
  });
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name.includes('\u0000') || (typeof value === 'string' ? value : value.name).includes('\u0000'))
      throw new AppError('VALIDATION_FAILED', { [name === 'file' ? 'file' : '_form']: 'invalid_characters' });
    if (typeof value === 'string') fields[name] = value;
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') throw new AppError('VALIDATION_FAILED', { file: 'required' });
  if (file.size > maxBytes) throw new AppError('FILE_TOO_LARGE', { file: 'too_large' });
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), fields };
}
