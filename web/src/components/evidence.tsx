/**
 * The evidence of a record (coordination files, decision 028): the files as links with their
 * size, a remove button each, and an upload form with its own error summary — for a RAD quarter,
 * a KLA answer and the like. The words come from the module's own part (decision 040).
 */
import { useRef } from 'preact/hooks';
import type { CoordFileDto } from '../../../src/domain/contract/coord-files.ts';
import { ApiError } from '../api.ts';
import { t } from '../i18n/index.ts';
import { fmtSize } from '../lib/format.ts';
import { ErrorSummary, Submit, useAction } from './form.tsx';

export type EvidenceWords = {
  heading: string;
  none: string;
  /** the file field's label (names the record: "Berkas bukti triwulan 3") */
  field: string;
  hint: string;
  upload: string;
  remove: string;
  removeOf: (name: string) => string;
  /** the question before a file is removed */
  removeConfirm: (name: string) => string;
  /** said at the field when a file is over the limit, before it is sent */
  tooLarge: string;
};

const MAX_BYTES = 20 * 1024 * 1024;

export function EvidenceFiles(p: {
  prefix: string;
  files: readonly CoordFileDto[];
  href: (f: CoordFileDto) => string;
  canChange: boolean;
  words: EvidenceWords;
  send: (form: FormData) => Promise<unknown>;
  remove: (f: CoordFileDto) => Promise<unknown>;
}) {
  const input = useRef<HTMLInputElement>(null);
  const { busy, error, attempt, run } = useAction();
  const w = p.words;
  const submit = (e: Event) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    run(async () => {
      if (!file)
        throw new ApiError(400, 'CLIENT_VALIDATION', t('error.checkFields'), { file: t('file.choose') });
      // refused here, before 20 MB travel to be refused by the server
      if (file.size > MAX_BYTES)
        throw new ApiError(400, 'CLIENT_VALIDATION', t('error.checkFields'), { file: w.tooLarge });
      const form = new FormData();
      form.append('file', file);
      await p.send(form);
      if (input.current) input.current.value = '';
    });
  };
  const err = error?.fields.file;
  const id = `${p.prefix}-file`;
  return (
    <div>
      <h4>{w.heading}</h4>
      {p.files.length === 0 ? (
        <p class="hint">{w.none}</p>
      ) : (
        <ul>
          {p.files.map((f) => (
            <li key={f.id}>
              <a href={p.href(f)} download={f.filename}>
                {f.filename}
              </a>{' '}
              <span class="hint">({fmtSize(f.size)})</span>
              {p.canChange && (
                <>
                  {' '}
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={w.removeOf(f.filename)}
                    onClick={() => {
                      if (window.confirm(w.removeConfirm(f.filename))) void run(() => p.remove(f));
                    }}
                  >
                    {w.remove}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.canChange && (
        <form onSubmit={submit} noValidate>
          <ErrorSummary error={error} attempt={attempt} prefix={p.prefix} labels={{ file: w.field }} />
          <div class={`field${err ? ' has-error' : ''}`}>
            <label for={id}>{w.field}</label>
            <input
              id={id}
              ref={input}
              type="file"
              name="file"
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx"
              aria-describedby={`${id}-hint`}
            />
            <p class="hint" id={`${id}-hint`}>
              {w.hint}
            </p>
            {err && <p class="field-error">{err}</p>}
          </div>
          <Submit busy={busy}>{w.upload}</Submit>
        </form>
      )}
    </div>
  );
}
