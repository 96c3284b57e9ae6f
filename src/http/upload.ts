/**
 * Reads a multipart upload (one `file` plus the text fields its contract names) with the checks
 * case attachments have: a multipart body, no NUL in a field's name, value or the file name, one
 * file that is there and at most `maxBytes` (checked before the bytes are read into memory), and
 * no field the contract does not name (`uploadFields` in src/domain/contract/define.ts). Type and
 * name checks are the use case's (src/app/coord-files.ts).
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { zodFieldCodes } from './errors.ts';

export type Upload<F = Record<string, never>> = { name: string; bytes: Uint8Array; fields: F };

export type UploadOptions<S extends z.ZodObject | undefined> = { maxBytes?: number; fields?: S };

export async function parseUpload<S extends z.ZodObject | undefined = undefined>(
  c: Context,
  opts: number | UploadOptions<S> = {},
): Promise<Upload<S extends z.ZodObject ? z.infer<S> : Record<string, never>>> {
  const { maxBytes = 20 * 1024 * 1024, fields: schema } =
    typeof opts === 'number' ? { maxBytes: opts } : opts;
  const ct = c.req.header('content-type') ?? '';
  if (!ct.startsWith('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const form = await c.req.formData().catch(() => {
    throw new AppError('VALIDATION_FAILED', { file: 'required' });
  });
  const texts: Record<string, string> = {};
  let files = 0;
  for (const [name, value] of form.entries()) {
    if (name.includes('\u0000') || (typeof value === 'string' ? value : value.name).includes('\u0000'))
      throw new AppError('VALIDATION_FAILED', { [name === 'file' ? 'file' : '_form']: 'invalid_characters' });
    if (name === 'file') {
      if (typeof value !== 'string') files += 1;
      continue;
    }
    if (typeof value !== 'string' || !schema || !(name in schema.shape))
      throw new AppError('VALIDATION_FAILED', { [name]: 'unknown_field' });
    // an empty field (a form's unchosen select) is a field not given: `required` where one must be
    if (value !== '') texts[name] = value;
  }
  if (files > 1) throw new AppError('VALIDATION_FAILED', { file: 'one_file_only' });
  const file = form.get('file');
  if (!file || typeof file === 'string') throw new AppError('VALIDATION_FAILED', { file: 'required' });
  if (file.size > maxBytes) throw new AppError('FILE_TOO_LARGE', { file: 'too_large' });
  let fields = {} as S extends z.ZodObject ? z.infer<S> : Record<string, never>;
  if (schema) {
    const r = schema.safeParse(texts);
    if (!r.success) throw new AppError('VALIDATION_FAILED', zodFieldCodes(r.error));
    fields = r.data as typeof fields;
  }
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), fields };
}
