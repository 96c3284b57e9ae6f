/**
 * The case manager of a new case (opened directly or from an inbox item): one of the active case
 * managers of the user's kab/kota, or nobody yet — then every case manager there is told and the
 * case heads their work queue (decision 013).
 */
import { type ApiError, call } from '../../api.ts';
import { SelectField } from '../../components/form.tsx';
import { useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';

export function ManagerField(p: {
  prefix: string;
  value: string;
  onValue: (v: string) => void;
  error: ApiError | null;
}) {
  const { data } = useLoad((signal) => call('GET /users/case-managers', { signal }).then((x) => x.items), []);
  return (
    <SelectField
      prefix={p.prefix}
      name="managerId"
      label={t('case.manager')}
      hint={t('newCase.managerHint')}
      value={p.value}
      onValue={p.onValue}
      options={(data ?? []).map((m) => ({ value: m.id, text: m.name }))}
      empty={t('newCase.managerNone')}
      error={p.error}
    />
  );
}
