import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import { call } from '../../api.ts';
import { ErrorSummary, IdentFields, identLabels, orNull, useAction } from '../../components/form.tsx';
import { Loading, NoAccess, PageHeading } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { isoToLocal, localToIso } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import { ManagerField } from './ManagerField.tsx';

export default function NewCase() {
  const user = useStore(userStore);
  const tx = useTaxonomies();
  const { route } = useLocation();
  const [v, setV] = useState({
    channel: '',
    receivedAt: isoToLocal(new Date().toISOString()),
    caseType: '',
    risk: '',
    authority: '',
    summary: '',
  });
  // null until chosen: a case manager opening a case manages it unless they choose otherwise
  const [chosenManager, setManagerId] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  if (!user) return <Loading />;
  if (!roleCan(user.role, 'case:create')) return <NoAccess />;

  const labels = { ...identLabels(), managerId: t('case.manager') };
  const managerId = chosenManager ?? (user.role === 'manajer' ? user.id : '');

  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const c = await call('POST /cases', {
        body: {
          channel: v.channel,
          receivedAt: localToIso(v.receivedAt),
          caseType: orNull(v.caseType),
          risk: orNull(v.risk),
          authority: orNull(v.authority),
          summary: orNull(v.summary),
          managerId: orNull(managerId),
        },
      });
      // replace the form in the history: Back goes to where the officer came from, not to a
      // blank form that invites the same case twice
      route(`/kasus/${c.id}`, true);
    });
  };

  const title = t('newCase.title');
  return (
    <section class="narrow">
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t('newCase.intro')}</p>
      <ErrorSummary error={error} attempt={attempt} prefix="nc" labels={labels} />
      <form onSubmit={submit} noValidate>
        <IdentFields prefix="nc" v={v} set={set} error={error} tx={tx} labels={labels} />
        <ManagerField prefix="nc" value={managerId} onValue={setManagerId} error={error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('newCase.submit')}
          </button>
          <a href="/kasus">{t('action.cancel')}</a>
        </div>
      </form>
    </section>
  );
}
