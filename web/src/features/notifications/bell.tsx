/**
 * The header bell: how many notifications are unread, linking to /notifikasi. The count is
 * fetched when the page is shown and then at most once a minute while the tab is visible
 * (a hidden tab does not poll); the notifications page updates it after marking items read.
 */
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { call } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { store, useStore } from '../../lib/store.ts';

export const unreadStore = store<number | null>(null);
const POLL_MS = 60_000;

export async function refreshUnread(): Promise<void> {
  try {
    const r = await call('GET /notifications/count', { noAuthRedirect: true });
    unreadStore.set(r.unread);
  } catch {
    // offline or signed out: keep the last count
  }
}

export function NotificationBell() {
  const unread = useStore(unreadStore);
  const { path } = useLocation();
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      if (timer) clearInterval(timer);
      timer = setInterval(refreshUnread, POLL_MS);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        void refreshUnread();
        start();
      } else if (timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      if (timer) clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
  // a new page is a natural moment to bring the count up to date
  useEffect(() => {
    if (document.visibilityState === 'visible') void refreshUnread();
  }, [path]);
  const n = unread ?? 0;
  const text = n > 0 ? t('notif.bellUnread', { n }) : t('notif.bellNone');
  return (
    <a class="bell" href="/notifikasi" aria-label={text} title={text}>
      <svg
        aria-hidden="true"
        width="20"
        height="20"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
      >
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {n > 0 && (
        <span class="bell-count" aria-hidden="true">
          {n > 99 ? '99+' : n}
        </span>
      )}
    </a>
  );
}
