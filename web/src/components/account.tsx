import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { UserDto } from '../../../src/domain/dto.ts';
import { ROLE_LABELS } from '../../../src/domain/policy.ts';
import { call } from '../api.ts';
import { getLang, type Lang, label, setLang, t } from '../i18n/index.ts';
import { announceSession } from '../lib/session-channel.ts';
import { userStore } from '../lib/taxonomies.ts';

export function LangSelect({ id }: { id: string }) {
  return (
    <div class="lang-select">
      <label for={id}>{t('account.language')}</label>
      <select id={id} value={getLang()} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
        <option value="id" lang="id">
          Bahasa Indonesia
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </div>
  );
}

export function AccountMenu({ user }: { user: UserDto }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const { route } = useLocation();
  const close = () => {
    if (ref.current) ref.current.open = false;
  };
  // a click outside the open menu closes it
  useEffect(() => {
    const outside = (e: Event) => {
      const d = ref.current;
      if (d?.open && e.target instanceof Node && !d.contains(e.target)) d.open = false;
    };
    document.addEventListener('click', outside);
    return () => {
      document.removeEventListener('click', outside);
    };
  }, []);
  const signOut = async () => {
    try {
      await call('POST /auth/logout', { noAuthRedirect: true });
    } catch {
      // the session is dropped on this side either way
    }
    close();
    userStore.set(null);
    announceSession('signed-out');
    route('/masuk', true);
  };
  return (
    <details
      class="account"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && ref.current?.open) {
          close();
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary>
        <span class="sr-only">{t('account.menu')}: </span>
        {user.name}
      </summary>
      <div class="account-panel">
        <p class="account-who">
          <strong>{user.name}</strong>
          <br />
          {label(ROLE_LABELS[user.role], user.role)}
          <br />
          {user.orgName}
          {user.demo && (
            <>
              <br />
              <span class="badge">{t('account.demo')}</span>
            </>
          )}
        </p>
        <ul>
          <li>
            <a href="/akun/kata-sandi" onClick={close}>
              {t('account.changePassword')}
            </a>
          </li>
          {!user.mfaEnabled && (
            <li>
              <a href="/keamanan/2fa" onClick={close}>
                {t('account.enableMfa')}
              </a>
            </li>
          )}
        </ul>
        <LangSelect id="lang-menu" />
        <button type="button" onClick={signOut}>
          {t('account.signOut')}
        </button>
      </div>
    </details>
  );
}
