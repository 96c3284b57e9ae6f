import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { call } from '../../api.ts';
import { ErrorSummary, TextField, useAction } from '../../components/form.tsx';
import { PageHeading } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { announceSession } from '../../lib/session-channel.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

/** Only same-site paths may be used as the destination after signing in. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)/.test(next) && !next.startsWith('/masuk') ? next : '/';
}

export default function SignIn() {
  const { query, route } = useLocation();
  const user = useStore(userStore);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [needOtp, setNeedOtp] = useState(false);
  const otpRef = useRef<HTMLDivElement>(null);
  const { busy, error, setError, attempt, run } = useAction();

  useEffect(() => {
    if (user) route(user.mfaEnrolmentRequired ? '/keamanan/2fa' : safeNext(query.next), true);
  }, [user]);

  useEffect(() => {
    if (needOtp) otpRef.current?.querySelector('input')?.focus();
  }, [needOtp]);

  const submit = async (e: Event) => {
    e.preventDefault();
    // no code yet: `otp` is left out (undefined is not sent)
    const body = {
      email: email.trim(),
      password,
      otp: needOtp && otp.trim() ? otp.replace(/\s/g, '') : undefined,
    };
    await run(async () => {
      try {
        const r = await call('POST /auth/login', { body, noAuthRedirect: true });
        userStore.set(r.user);
        announceSession('signed-in');
      } catch (err) {
        if (err instanceof Error && 'code' in err && err.code === 'OTP_REQUIRED' && !needOtp) {
          setNeedOtp(true);
          return;
        }
        throw err;
      }
    });
  };

  const notice = query.reason === 'password' ? t('signIn.passwordChanged') : null;

  return (
    <section class="narrow">
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      <p>{t('signIn.intro')}</p>
      {notice && (
        <p class="notice ok" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary
        error={error}
        attempt={attempt}
        prefix="login"
        labels={{ email: t('signIn.email'), password: t('signIn.password'), otp: t('signIn.otp') }}
      />
      <form onSubmit={submit} noValidate>
        <TextField
          prefix="login"
          name="email"
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          value={email}
          onValue={setEmail}
          error={error}
          required
        />
        <TextField
          prefix="login"
          name="password"
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={error}
          required
        />
        {needOtp && (
          <div ref={otpRef}>
            <p class="notice" role="status">
              {t('signIn.otpNeeded')}
            </p>
            <TextField
              prefix="login"
              name="otp"
              label={t('signIn.otp')}
              hint={t('signIn.otpHint')}
              autoComplete="one-time-code"
              value={otp}
              onValue={setOtp}
              error={error}
              maxLength={32}
            />
          </div>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </div>
      </form>
      {error?.code === 'OTP_INVALID' && needOtp && (
        <p>
          <button
            type="button"
            class="link"
            onClick={() => {
              setOtp('');
              setError(null);
            }}
          >
            {t('signIn.clearOtp')}
          </button>
        </p>
      )}
    </section>
  );
}
