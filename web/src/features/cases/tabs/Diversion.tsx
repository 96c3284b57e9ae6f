/**
 * Diversion of a child in conflict with the law (UU 11/2012 SPPA; issue 13 §2, decision 036):
 * each attempt with its stage, result, date, the court's determination number and notes. The
 * case page shows this tab only for a case with an ABH incident (the server refuses others).
 */
import { useState } from 'preact/hooks';
import type { CaseDto, RecordDto } from '../../../../../src/domain/dto.ts';
import {
  bindField,
  CardTable,
  codeOptions,
  EditButton,
  ErrorSummary,
  FormActions,
  orNull,
  SelectField,
  TextArea,
  TextField,
  useAction,
} from '../../../components/form.tsx';
import { t } from '../../../i18n/index.ts';
import { fmtDate, todayLocal } from '../../../lib/format.ts';
import { codeLabel } from '../../../lib/taxonomies.ts';
import { recordsOf, saveRecord, str, type TabProps } from '../shared.ts';
import { AddNew } from './add-new.tsx';

/** AMPK category b: anak yang berhadapan dengan hukum. */
const ABH = 'b_berhadapan_hukum';

/** Whether the case has an incident of a child in contact with the law (the tab is shown then). */
export function isAbhCase(c: CaseDto): boolean {
  return c.incidents.some((i) => i.ampkCategories.includes(ABH));
}

function DiversionForm({
  c,
  reload,
  tx,
  item,
  onDone,
}: TabProps & { item: RecordDto | null; onDone: () => void }) {
  const d = item?.data ?? {};
  const [v, setV] = useState({
    stage: str(d.stage),
    result: str(d.result),
    date: str(d.date) || todayLocal(c.jurisdiction),
    decreeNumber: str(d.decreeNumber),
    notes: str(d.notes),
  });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const prefix = item ? `div-${item.id.slice(0, 8)}` : 'div-new';
  const labels = {
    stage: t('diversion.stage'),
    result: t('diversion.result'),
    date: t('diversion.date'),
    decreeNumber: t('diversion.decreeNumber'),
    notes: t('diversion.notes'),
    ampkCategories: t('diversion.case'),
  };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const latest = item ? (c.records.find((r) => r.id === item.id) ?? item) : null;
      await saveRecord(
        c.id,
        'diversion',
        {
          stage: v.stage,
          result: v.result,
          date: v.date,
          decreeNumber: orNull(v.decreeNumber),
          notes: orNull(v.notes),
        },
        latest,
      );
      await reload();
      onDone();
    });
  };
  const title = item ? t('diversion.editTitle') : t('diversion.add');
  const common = { prefix, error };
  const field = bindField(v, set, labels);
  return (
    <form class="subform" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      <div class="grid">
        <SelectField {...common} {...field('stage')} options={codeOptions(tx?.diversionStages)} required />
        <SelectField {...common} {...field('result')} options={codeOptions(tx?.diversionResults)} required />
        <TextField
          {...common}
          {...field('date')}
          type="date"
          max={todayLocal(c.jurisdiction)}
          hint={t('diversion.dateHint')}
          required
        />
        <TextField {...common} {...field('decreeNumber')} hint={t('diversion.decreeHint')} maxLength={100} />
      </div>
      <TextArea {...common} {...field('notes')} rows={3} />
      <FormActions busy={busy} onCancel={onDone} />
    </form>
  );
}

export function Diversion(props: TabProps) {
  const { c, tx } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const items = recordsOf(c, 'diversion').sort((a, b) => str(b.data.date).localeCompare(str(a.data.date)));
  const current = editing && editing !== 'new' ? items.find((r) => r.id === editing) : undefined;
  return (
    <div class="stack">
      <p class="hint">{t('diversion.intro')}</p>
      {items.length === 0 && <p>{t('diversion.none')}</p>}
      {items.length > 0 && (
        <CardTable
          caption={t('tab.diversion')}
          items={items}
          rowHeader={1}
          columns={[
            { head: t('diversion.date'), cell: (r) => fmtDate(str(r.data.date)) },
            {
              head: t('diversion.stage'),
              cell: (r) => codeLabel(tx, 'diversionStages', str(r.data.stage)),
            },
            {
              head: t('diversion.result'),
              cell: (r) => codeLabel(tx, 'diversionResults', str(r.data.result)),
            },
            { head: t('diversion.decreeNumber'), cell: (r) => str(r.data.decreeNumber) || '—' },
            { head: t('diversion.notes'), cell: (r) => str(r.data.notes) || '—', class: 'pre' },
            ...(c.permissions.update
              ? [
                  {
                    head: t('action.edit'),
                    cell: (r: RecordDto) => (
                      <EditButton
                        onClick={() => setEditing(r.id)}
                        aria={t('diversion.editAria', { date: fmtDate(str(r.data.date)) })}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {current && (
        <DiversionForm key={current.id} {...props} item={current} onDone={() => setEditing(null)} />
      )}
      {c.permissions.update && (
        <AddNew open={editing === 'new'} onOpen={() => setEditing('new')} label={t('diversion.add')}>
          <DiversionForm {...props} item={null} onDone={() => setEditing(null)} />
        </AddNew>
      )}
    </div>
  );
}
