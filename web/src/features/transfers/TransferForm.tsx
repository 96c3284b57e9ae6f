/**
 * "Limpahkan kasus": a case manager transfers the whole case to another kab/kota, to the province
 * UPTD PPA, or flags it for the national level. The receiving office accepts or declines.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseDto, TransferDto } from '../../../../src/domain/dto.ts';
import { TRANSFER_LEVEL_LABELS, TRANSFER_LEVELS } from '../../../../src/domain/referrals.ts';
import { call } from '../../api.ts';
import {
  ErrorSummary,
  FormActions,
  orNull,
  RadioGroup,
  SelectField,
  TextArea,
  useAction,
} from '../../components/form.tsx';
import { useLoad } from '../../components/page.tsx';
import { label, t } from '../../i18n/index.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

const P = 'tf';

export function TransferForm({
  c,
  onClose,
  onDone,
}: {
  c: CaseDto;
  onClose: () => void;
  onDone: (x: TransferDto) => void;
}) {
  const user = useStore(userStore);
  const ref = useRef<HTMLDialogElement>(null);
  const [level, setLevel] = useState('');
  const [toOrgId, setToOrgId] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, attempt, run } = useAction();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const needsOrg = level === 'kabkota' || level === 'provinsi';
  const targets = useLoad(
    (signal) =>
      needsOrg
        ? call('GET /directory', { query: { type: 'uptd_ppa', pageSize: 100 }, signal })
        : Promise.resolve(null),
    [needsOrg],
  );
  const mine = user?.jurisdiction ?? '';
  const options = (targets.data?.items ?? [])
    .filter((o) => o.id !== user?.orgId)
    .filter((o) =>
      level === 'provinsi'
        ? !o.jurisdiction.includes('.') && o.jurisdiction === mine.split('.')[0]
        : o.jurisdiction.includes('.') && o.jurisdiction !== mine,
    )
    .map((o) => ({ value: o.id, text: o.regionName ? `${o.name} (${o.regionName})` : o.name }));
  const labels = { level: t('tr.level'), toOrgId: t('tr.toOrg'), reason: t('tr.reason') };

  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const x = await call('POST /cases/{id}/transfers', {
        params: { id: c.id },
        body: { level, toOrgId: needsOrg ? orNull(toOrgId) : null, reason },
      });
      onDone(x);
      ref.current?.close();
    });
  };

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="tf-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="tf-title">{t('tr.new')}</h2>
        <p class="hint">{t('tr.intro')}</p>
        <ErrorSummary error={error} attempt={attempt} prefix={P} labels={labels} />
        <RadioGroup
          prefix={P}
          name="level"
          label={labels.level}
          value={level}
          onValue={(v) => {
            setLevel(v);
            setToOrgId('');
          }}
          options={TRANSFER_LEVELS.map((l) => ({ value: l, text: label(TRANSFER_LEVEL_LABELS[l]) }))}
          error={error}
          required
        />
        {needsOrg && (
          <SelectField
            prefix={P}
            name="toOrgId"
            label={labels.toOrgId}
            value={toOrgId}
            onValue={setToOrgId}
            options={options}
            hint={
              targets.loading ? t('common.loading') : options.length === 0 ? t('tr.noTargets') : undefined
            }
            error={error}
            required
          />
        )}
        <TextArea
          prefix={P}
          name="reason"
          label={labels.reason}
          hint={t('tr.reasonHint')}
          value={reason}
          onValue={setReason}
          rows={3}
          maxLength={5000}
          error={error}
          required
        />
        <FormActions busy={busy} onCancel={() => ref.current?.close()} submit={t('tr.submit')} />
      </form>
    </dialog>
  );
}
