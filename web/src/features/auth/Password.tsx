import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, call } from '../../api.ts';
import { ErrorSummary, TextField, useAction } from '../../components/form.tsx';
import { PageHeading } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { announceSession } from '../../lib/session-channel.ts';
import { userStore } from '../../lib/taxonomies.ts';

export default function Password() {
  const { route } = useLocation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, attempt, run } = useAction();
  const labels = {
    currentPassword: t('password.current'),
    newPassword: t('password.new'),
    confirm: t('password.confirm'),
  };

  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      if (next !== again) {
        throw new ApiError(400, 'CLIENT_VALIDATION', t('error.checkFields'), {
          confirm: t('password.mismatch'),
        });
      }
      await call('POST /auth/password', { body: { currentPassword: current, newPassword: next } });
      // every session is revoked: sign in again
      userStore.set(null);
      announceSession('signed-out');
      route('/masuk?reason=password', true);
    });
  };

  return (
    <section class="narrow">
      <PageHeading title={t('password.title')}>{t('password.title')}</PageHeading>
      <p>{t('password.intro')}</p>
      <ErrorSummary error={error} attempt={attempt} prefix="pw" labels={labels} />
      <form onSubmit={submit} noValidate>
        <TextField
          prefix="pw"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          label={labels.currentPassword}
          value={current}
          onValue={setCurrent}
          error={error}
          required
        />
        <TextField
          prefix="pw"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          label={labels.newPassword}
          hint={t('password.rule')}
          value={next}
          onValue={setNext}
          error={error}
          required
        />
        <TextField
          prefix="pw"
          name="confirm"
          type="password"
          autoComplete="new-password"
          label={labels.confirm}
          value={again}
          onValue={setAgain}
          error={error}
          required
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('password.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
