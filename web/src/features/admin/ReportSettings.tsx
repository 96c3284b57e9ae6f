/**
 * The letterhead of the periodic report (issue 11 §2): the Dinas's name and address, its head's
 * title, name and NIP, and the logo. Set by the Dinas administrator; the figures' readers see it
 * on the report.
 */
import './words.ts';
import { useEffect, useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import { call, putFile } from '../../api.ts';
import { ErrorSummary, Submit, TextField, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

type Form = { dinasName: string; address: string; headTitle: string; headName: string; headNip: string };

export default function ReportSettings() {
  const actor = useStore(userStore);
  const allowed = !!actor && roleCan(actor.role, 'report:settings');
  const loaded = useLoad(
    (signal) => (allowed ? call('GET /report-settings', { signal }) : Promise.resolve(null)),
    [allowed],
  );
  const [form, setForm] = useState<Form>({
    dinasName: '',
    address: '',
    headTitle: '',
    headName: '',
    headNip: '',
  });
  const [version, setVersion] = useState(0);
  const [hasLogo, setHasLogo] = useState(false);
  // the form is shown once it holds what was loaded: typing into it before would be overwritten
  const [ready, setReady] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useAction();
  const logo = useAction();
  useEffect(() => {
    const s = loaded.data;
    if (!s) return;
    setForm({
      dinasName: s.dinasName,
      address: s.address ?? '',
      headTitle: s.headTitle,
      headName: s.version === 0 ? '' : s.headName,
      headNip: s.headNip ?? '',
    });
    setVersion(s.version);
    setHasLogo(s.hasLogo);
    setReady(true);
  }, [loaded.data]);
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;
  const prefix = 'kop';
  const labels = {
    dinasName: t('kop.dinasName'),
    address: t('kop.address'),
    headTitle: t('kop.headTitle'),
    headName: t('kop.headName'),
    headNip: t('kop.headNip'),
  };
  const field = (name: keyof Form, extra: Record<string, unknown> = {}) => (
    <TextField
      prefix={prefix}
      name={name}
      label={labels[name]}
      value={form[name]}
      onValue={(v) => setForm({ ...form, [name]: v })}
      error={save.error}
      {...extra}
    />
  );
  const submit = (e: Event) => {
    e.preventDefault();
    setNotice(null);
    save.run(async () => {
      const r = await call('PUT /report-settings', {
        body: {
          version,
          dinasName: form.dinasName,
          address: form.address || null,
          headTitle: form.headTitle,
          headName: form.headName,
          headNip: form.headNip || null,
        },
      });
      setVersion(r.version);
      setNotice(t('kop.saved'));
    });
  };
  const upload = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setNotice(null);
    logo.run(async () => {
      const r = await putFile('PUT /report-settings/logo', {}, file, file.type || 'application/octet-stream');
      setVersion(r.version);
      setHasLogo(r.hasLogo);
      setNotice(t('kop.logoSaved'));
      input.value = '';
    });
  };
  return (
    <section>
      <PageHeading title={t('kop.title')}>{t('kop.title')}</PageHeading>
      <p class="lead">{t('kop.intro')}</p>
      <Notice text={notice} />
      {(loaded.loading && !loaded.data) || (!ready && !loaded.error) ? (
        <Loading />
      ) : loaded.error ? (
        <LoadError error={loaded.error} onRetry={loaded.reload} />
      ) : (
        <>
          <form onSubmit={submit} noValidate aria-label={t('kop.title')}>
            <ErrorSummary error={save.error} attempt={save.attempt} prefix={prefix} labels={labels} />
            {field('dinasName', { required: true, maxLength: 200 })}
            {field('address', { maxLength: 300 })}
            {field('headTitle', { required: true, maxLength: 120 })}
            {field('headName', { required: true, maxLength: 120 })}
            {field('headNip', { inputMode: 'numeric', maxLength: 18, hint: t('kop.nipHint') })}
            <Submit busy={save.busy}>{t('kop.save')}</Submit>
          </form>
          <h2>{t('kop.logo')}</h2>
          <p class="hint">{hasLogo ? t('kop.logoSet') : t('kop.logoNone')}</p>
          {version === 0 ? (
            <p class="hint">{t('kop.logoFirst')}</p>
          ) : (
            <div class="field">
              <ErrorSummary error={logo.error} attempt={logo.attempt} prefix="kop-logo" labels={{}} />
              <label for="kop-logo-file">{t('kop.logoChoose')}</label>
              <input
                id="kop-logo-file"
                type="file"
                accept="image/png,image/jpeg"
                onChange={upload}
                disabled={logo.busy}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}
