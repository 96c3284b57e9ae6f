/**
 * /notifikasi: the user's notifications (unread ones in bold), "mark all as read", and how the
 * user wants to be told outside Simpul (e-mail on/off, a WhatsApp work number).
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { NotificationDto } from '../../../../src/domain/contract/notifications.ts';
import { call, qs } from '../../api.ts';
import { Checkbox, ErrorSummary, Submit, TextField, useAction } from '../../components/form.tsx';
import { LoadError, Loading, PageHeading, Pager, useLoad } from '../../components/page.tsx';
import { label, t } from '../../i18n/index.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';
import { refreshUnread, unreadStore } from './bell.tsx';

export default function Notifications() {
  const { query } = useLocation();
  const page = Math.max(1, Number(query.page) || 1);
  const onlyUnread = query.unread === '1';
  const key = qs({ unread: onlyUnread ? '1' : undefined, page: page > 1 ? page : undefined });
  const { data, error, loading, reload } = useLoad(
    (signal) =>
      call('GET /notifications', {
        query: { unread: onlyUnread ? '1' : undefined, page: page > 1 ? page : undefined },
        signal,
      }),
    [key],
  );
  const [readIds, setReadIds] = useState<Set<string>>(new Set());
  const all = useAction();
  const title = t('notif.title');

  useEffect(() => {
    if (data) unreadStore.set(data.unread);
  }, [data]);

  const markRead = (n: NotificationDto) => {
    if (n.readAt || readIds.has(n.id)) return;
    setReadIds((s) => new Set(s).add(n.id));
    call('POST /notifications/{id}/read', { params: { id: n.id } }).then(refreshUnread, () => undefined);
  };
  const markAll = () =>
    all.run(async () => {
      await call('POST /notifications/read-all');
      unreadStore.set(0);
      reload();
    });

  const unread = useStore(unreadStore) ?? data?.unread ?? 0;
  return (
    <section class="notifications">
      <PageHeading title={title}>{title}</PageHeading>
      <div class="actions">
        <button type="button" onClick={markAll} disabled={all.busy || unread === 0}>
          {t('notif.markAll')}
        </button>
        {onlyUnread ? (
          <a href="/notifikasi">{t('notif.showAll')}</a>
        ) : (
          <a href="/notifikasi?unread=1">{t('notif.showUnread')}</a>
        )}
      </div>
      {all.error && <ErrorSummary error={all.error} attempt={all.attempt} prefix="nfa" />}
      <div aria-live="polite">
        {loading && !data ? (
          <Loading />
        ) : error ? (
          <LoadError error={error} onRetry={reload} />
        ) : data && data.items.length === 0 ? (
          <p class="hint">{onlyUnread ? t('notif.noneUnread') : t('notif.none')}</p>
        ) : (
          data && (
            <>
              <p class="hint">{t('notif.unreadCount', { n: unread })}</p>
              <ul class="notif-list">
                {data.items.map((n) => {
                  const isUnread = !n.readAt && !readIds.has(n.id);
                  const topic = n.topicLabel ? `: ${label(n.topicLabel)}` : '';
                  const text = `${label(n.label, n.kind)}${topic}${n.ref ? ` — ${n.ref}` : ''}`;
                  return (
                    <li key={n.id} class={isUnread ? 'notif-item unread' : 'notif-item'}>
                      <a href={n.link} onClick={() => markRead(n)}>
                        {isUnread ? (
                          <strong>
                            <span class="sr-only">{t('notif.unreadMark')} </span>
                            {text}
                          </strong>
                        ) : (
                          text
                        )}
                      </a>
                      <span class="hint"> {fmtDateTime(n.createdAt)}</span>
                    </li>
                  );
                })}
              </ul>
              <Pager
                list={data}
                href={(p) =>
                  `/notifikasi${qs({ unread: onlyUnread ? '1' : undefined, page: p > 1 ? p : undefined })}`
                }
              />
            </>
          )
        )}
      </div>
      <SettingsForm />
    </section>
  );
}

function SettingsForm() {
  const user = useStore(userStore);
  const { data, error, reload } = useLoad((signal) => call('GET /auth/me/notifications', { signal }), []);
  const [email, setEmail] = useState(true);
  const [phone, setPhone] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useAction();
  useEffect(() => {
    if (data) {
      setEmail(data.email);
      setPhone(data.whatsappPhone ?? '');
    }
  }, [data]);
  const labels = { email: t('notif.settingsEmail'), whatsappPhone: t('notif.settingsPhone') };
  return (
    <section class="notif-settings" aria-labelledby="nfs-title">
      <h2 id="nfs-title">{t('notif.settingsTitle')}</h2>
      <p class="hint">{t('notif.settingsIntro')}</p>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setSaved(false);
            const r = await save.run(() =>
              call('PATCH /auth/me/notifications', {
                body: { email, whatsappPhone: phone.trim() === '' ? null : phone.trim() },
              }),
            );
            if (r) {
              setEmail(r.email);
              setPhone(r.whatsappPhone ?? '');
              setSaved(true);
            }
          }}
        >
          <ErrorSummary error={save.error} attempt={save.attempt} prefix="nfs" labels={labels} />
          <Checkbox
            prefix="nfs"
            name="email"
            label={t('notif.settingsEmailTo', { email: user?.email ?? '' })}
            hint={data.emailAvailable ? undefined : t('notif.emailOff')}
            checked={email}
            onChecked={setEmail}
            error={save.error}
          />
          <TextField
            prefix="nfs"
            name="whatsappPhone"
            label={labels.whatsappPhone}
            hint={data.whatsappAvailable ? t('notif.settingsPhoneHint') : t('notif.whatsappOff')}
            type="tel"
            value={phone}
            onValue={setPhone}
            error={save.error}
          />
          <div class="actions">
            <Submit busy={save.busy}>{t('notif.settingsSave')}</Submit>
          </div>
          {saved && (
            <p class="notice ok" role="status">
              {t('notif.settingsSaved')}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
