/**
 * "Percakapan WhatsApp" of an inbox item of channel 'whatsapp': the messages both ways with their
 * delivery state, and a reply box (free text inside the 24-hour window after the sender's last
 * message, an approved template after it). GET /intake/{id}/whatsapp and
 * POST /intake/{id}/whatsapp/messages.
 */
import { useState } from 'preact/hooks';
import type {
  WhatsAppConversationDto as Conversation,
  WhatsAppMessageDto as Message,
} from '../../../../src/domain/contract/whatsapp.ts';
import { ApiError, call } from '../../api.ts';
import { ErrorSummary, TextArea, TextField, useAction } from '../../components/form.tsx';
import { LoadError, Loading, useLoad } from '../../components/page.tsx';
import { type MessageKey, t } from '../../i18n/index.ts';
import { fmtDateTime, fmtSize } from '../../lib/format.ts';

const STATUS_KEYS: Record<string, MessageKey> = {
  accepted: 'wa.status.accepted',
  sent: 'wa.status.sent',
  delivered: 'wa.status.delivered',
  read: 'wa.status.read',
  failed: 'wa.status.failed',
};

function MessageItem({ m }: { m: Message }) {
  const out = m.direction === 'out';
  const status = out && m.status && STATUS_KEYS[m.status] ? t(STATUS_KEYS[m.status]!) : null;
  return (
    <li class={`card msg ${out ? 'from-officer' : 'from-reporter'}`}>
      <p class="task-meta">
        <strong>{out ? (m.sentByName ?? t('wa.outbound')) : t('wa.inbound')}</strong> · {fmtDateTime(m.at)}
        {status && (
          <>
            {' '}
            · <span class={m.status === 'failed' ? 'badge danger' : undefined}>{status}</span>
          </>
        )}
      </p>
      {m.template && <p class="hint">{t('wa.template', { name: m.template.name })}</p>}
      {m.text && <p class="pre">{m.text}</p>}
      {m.media && (
        <p>
          <a href={m.media.url} target="_blank" rel="noopener">
            {m.media.filename ?? t('wa.media', { type: m.type })}
          </a>
          {m.media.size ? ` (${fmtSize(m.media.size)})` : ''}
          {m.media.state && m.media.state !== 'tersimpan' && ` · ${m.media.state}`}
        </p>
      )}
      {m.location && (
        <p>
          {t('wa.location')}: {m.location.label ? `${m.location.label}, ` : ''}
          {m.location.latitude.toFixed(5)}, {m.location.longitude.toFixed(5)}
        </p>
      )}
      {!m.text && !m.media && !m.location && !m.template && (
        <p class="hint">{t('wa.media', { type: m.type })}</p>
      )}
    </li>
  );
}

function Reply({ c, intakeId, onSent }: { c: Conversation; intakeId: string; onSent: () => void }) {
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('id');
  const { busy, error, attempt, run } = useAction();
  const text = c.replyWindowOpen;
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await call('POST /intake/{id}/whatsapp/messages', {
        params: { id: intakeId },
        body: text
          ? { type: 'text', body }
          : { type: 'template', name: name.trim(), language: language.trim() },
      });
      setBody('');
      onSent();
    });
  };
  if (!c.enabled) return <p class="notice warn">{t('wa.disabled')}</p>;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="h-wa-reply">
      <h3 id="h-wa-reply">{t('wa.reply')}</h3>
      <ErrorSummary
        error={error}
        attempt={attempt}
        prefix="wa"
        labels={{ body: t('wa.reply'), name: t('wa.templateName'), language: t('wa.templateLanguage') }}
      />
      {text ? (
        <>
          {c.replyWindowEndsAt && (
            <p class="hint">{t('wa.windowOpen', { at: fmtDateTime(c.replyWindowEndsAt) })}</p>
          )}
          <TextArea
            prefix="wa"
            name="body"
            label={t('wa.replyText')}
            hint={t('wa.replyHint')}
            value={body}
            onValue={setBody}
            rows={3}
            maxLength={4096}
            error={error}
          />
        </>
      ) : (
        <>
          <p class="notice">{t('wa.windowClosed')}</p>
          <div class="grid">
            <TextField
              prefix="wa"
              name="name"
              label={t('wa.templateName')}
              value={name}
              onValue={setName}
              error={error}
            />
            <TextField
              prefix="wa"
              name="language"
              label={t('wa.templateLanguage')}
              value={language}
              onValue={setLanguage}
              error={error}
            />
          </div>
        </>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || (text ? !body.trim() : !name.trim())}>
          {t('wa.send')}
        </button>
      </div>
    </form>
  );
}

export function WhatsAppConversation({ intakeId, onSent }: { intakeId: string; onSent: () => void }) {
  const { data, error, loading, reload } = useLoad(
    (signal) => call('GET /intake/{id}/whatsapp', { params: { id: intakeId }, signal }),
    [intakeId],
  );
  const none = error instanceof ApiError && error.status === 404;
  return (
    <section aria-labelledby="h-wa">
      <h2 id="h-wa">{t('wa.title')}</h2>
      {loading && !data ? (
        <Loading />
      ) : none ? (
        <p>{t('wa.none')}</p>
      ) : error ? (
        <LoadError error={error} onRetry={reload} />
      ) : data ? (
        <>
          <p class="hint">{[data.profileName, data.phone].filter(Boolean).join(' · ')}</p>
          {data.messages.length === 0 ? (
            <p>{t('wa.none')}</p>
          ) : (
            <ol class="notes wa">
              {data.messages.map((m) => (
                <MessageItem key={m.id} m={m} />
              ))}
            </ol>
          )}
          <Reply
            c={data}
            intakeId={intakeId}
            onSent={() => {
              reload();
              onSent();
            }}
          />
        </>
      ) : null}
    </section>
  );
}
