import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { CaseDto } from '../../../../src/domain/dto.ts';
import { api } from '../../api.ts';
import {
  codeOptions,
  ErrorSummary,
  orNull,
  SelectField,
  TextArea,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { Loading, NoAccess, PageHeading } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { isoToLocal, localToIso } from '../../lib/format.ts';
import { canCreateCase } from '../../lib/roles.ts';
import { useStore } from '../../lib/store.ts';
import { userStore, useTaxonomies } from '../../lib/taxonomies.ts';

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
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  if (!user) return <Loading />;
  if (!canCreateCase(user.role)) return <NoAccess />;

  const labels = {
    channel: t('case.channel'),
    receivedAt: t('case.receivedAt'),
    caseType: t('case.caseType'),
    risk: t('case.risk'),
    authority: t('case.authority'),
    summary: t('case.summary'),
  };

  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const c = await api<CaseDto>('/cases', {
        create: true,
        body: {
          channel: v.channel,
          receivedAt: localToIso(v.receivedAt),
          caseType: orNull(v.caseType),
          risk: orNull(v.risk),
          authority: orNull(v.authority),
          summary: orNull(v.summary),
        },
      });
      route(`/kasus/${c.id}`);
    });
  };

  const title = t('newCase.title');
  return (
    <section class="narrow">
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t('newCase.intro')}</p>
      <ErrorSummary error={error} attempt={attempt} prefix="nc" labels={labels} />
      <form onSubmit={submit} noValidate>
        <SelectField
          prefix="nc"
          name="channel"
          label={labels.channel}
          value={v.channel}
          onValue={set('channel')}
          options={codeOptions(tx?.intakeChannels)}
          error={error}
          required
        />
        <TextField
          prefix="nc"
          name="receivedAt"
          type="datetime-local"
          label={labels.receivedAt}
          hint={t('common.wibHint')}
          value={v.receivedAt}
          onValue={set('receivedAt')}
          error={error}
        />
        <SelectField
          prefix="nc"
          name="caseType"
          label={labels.caseType}
          value={v.caseType}
          onValue={set('caseType')}
          options={codeOptions(tx?.caseTypes)}
          error={error}
        />
        <SelectField
          prefix="nc"
          name="risk"
          label={labels.risk}
          value={v.risk}
          onValue={set('risk')}
          options={codeOptions(tx?.riskLevels)}
          error={error}
        />
        <SelectField
          prefix="nc"
          name="authority"
          label={labels.authority}
          value={v.authority}
          onValue={set('authority')}
          options={codeOptions(tx?.authorities)}
          error={error}
        />
        <TextArea
          prefix="nc"
          name="summary"
          label={labels.summary}
          hint={t('case.summaryHint')}
          maxLength={300}
          rows={3}
          value={v.summary}
          onValue={set('summary')}
          error={error}
        />
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
