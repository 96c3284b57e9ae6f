import { useRef, useState } from 'preact/hooks';
import { API, upload } from '../../../api.ts';
import { CardTable, ErrorSummary, useAction } from '../../../components/form.tsx';
import { t } from '../../../i18n/index.ts';
import { fmtDateTime, fmtSize } from '../../../lib/format.ts';
import type { TabProps } from '../shared.ts';

const ACCEPT =
  '.pdf,.jpg,.jpeg,.png,.mp3,.m4a,.docx,application/pdf,image/jpeg,image/png,audio/mpeg,audio/mp4';

export function Attachments({ c, reload }: TabProps) {
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState(false);
  const [done, setDone] = useState(false);
  const { busy, error, attempt, run } = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    setDone(false);
    run(async () => {
      if (!file) throw new Error(t('file.choose'));
      const form = new FormData();
      form.append('file', file);
      await upload('POST /cases/{id}/attachments', { id: c.id }, form);
      if (input.current) input.current.value = '';
      setChosen(false);
      await reload();
      setDone(true);
    });
  };
  const files = [...c.attachments].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const err = error?.fields.file;
  return (
    <div class="stack">
      {c.permissions.update && (
        <form onSubmit={submit} noValidate>
          <ErrorSummary error={error} attempt={attempt} prefix="att" labels={{ file: t('file.file') }} />
          {done && (
            <p class="notice ok" role="status">
              {t('file.uploaded')}
            </p>
          )}
          <div class={`field${err ? ' has-error' : ''}`}>
            <label for="att-file">{t('file.file')}</label>
            <input
              id="att-file"
              ref={input}
              type="file"
              name="file"
              accept={ACCEPT}
              aria-describedby="att-file-hint"
              onChange={(e) => setChosen(!!e.currentTarget.files?.length)}
            />
            <p class="hint" id="att-file-hint">
              {t('file.hint')}
            </p>
            {err && <p class="field-error">{err}</p>}
          </div>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || !chosen}>
              {t('file.upload')}
            </button>
          </div>
        </form>
      )}
      {files.length === 0 ? (
        <p>{t('file.none')}</p>
      ) : (
        <CardTable
          caption={t('tab.files')}
          items={files}
          columns={[
            {
              head: t('file.name'),
              cell: (f) => (
                <a href={`${API}/cases/${c.id}/attachments/${f.id}`} download={f.filename}>
                  {f.filename}
                </a>
              ),
            },
            { head: t('file.size'), cell: (f) => fmtSize(f.size) },
            { head: t('file.uploadedBy'), cell: (f) => f.createdByName ?? '—' },
            { head: t('file.uploadedAt'), cell: (f) => fmtDateTime(f.createdAt, c.jurisdiction) },
          ]}
        />
      )}
    </div>
  );
}
