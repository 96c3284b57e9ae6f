import { useRef, useState } from 'preact/hooks';
import { roleCan } from '../../../../../src/domain/capabilities.ts';
import type { PersonDto, RecordDto } from '../../../../../src/domain/dto.ts';
import {
  bindField,
  CardTable,
  Checkbox,
  codeOptions,
  EditButton,
  ErrorSummary,
  FormActions,
  onlyChanged,
  orNull,
  SelectField,
  TextArea,
  TextField,
  useAction,
} from '../../../components/form.tsx';
import { label, t } from '../../../i18n/index.ts';
import { fmtDate, fmtDateTime, todayLocal } from '../../../lib/format.ts';
import { orgName, useOrgs } from '../../../lib/orgs.ts';
import { useStore } from '../../../lib/store.ts';
import { codeLabel, userStore } from '../../../lib/taxonomies.ts';
import { StatusBadge } from '../../referrals/shared.tsx';
import { recordsOf, saveRecord, str, type TabProps, victims } from '../shared.ts';
import { AddNew } from './add-new.tsx';

function Saved({ show }: { show: boolean }) {
  return show ? (
    <p class="notice ok" role="status">
      {t('common.saved')}
    </p>
  ) : null;
}

function byline(r: RecordDto, region: string): string {
  return t('record.byline', { who: r.createdByName ?? '—', at: fmtDateTime(r.createdAt, region) });
}

/** A note carried from an intake item says so, and who told or wrote it and when (decision 014). */
function noteByline(n: RecordDto, region: string): string {
  const code = str(n.data.fromIntake);
  if (!code) return byline(n, region);
  const at = fmtDateTime(n.createdAt, region);
  if (n.data.writtenBy === 'petugas')
    return t('note.fromIntakeOfficer', { code, who: n.createdByName ?? '—', at });
  if (n.data.writtenBy === 'ke_pelapor')
    return t('note.fromIntakeToReporter', { code, who: n.createdByName ?? '—', at });
  return t('note.fromIntakeReporter', { code, at });
}

// ---------------------------------------------------------------- Asesmen

const ASSESSMENT_FIELDS = ['physical', 'psychological', 'social', 'economic', 'education', 'needs'] as const;

export function Assessment({ c, reload }: TabProps) {
  const existing = recordsOf(c, 'assessment')[0] ?? null;
  const [v, setV] = useState<Record<string, string>>(() => {
    const d = existing?.data ?? {};
    return Object.fromEntries([...ASSESSMENT_FIELDS, 'assessedOn'].map((k) => [k, str(d[k])]));
  });
  const [saved, setSaved] = useState(false);
  const toData = (x: Record<string, string>) =>
    Object.fromEntries(Object.entries(x).map(([k, y]) => [k, orNull(y)]));
  const base = useRef(toData(v));
  const { busy, error, attempt, run } = useAction();
  const labels: Record<string, string> = {
    physical: t('assessment.physical'),
    psychological: t('assessment.psychological'),
    social: t('assessment.social'),
    economic: t('assessment.economic'),
    education: t('assessment.education'),
    needs: t('assessment.needs'),
    assessedOn: t('assessment.assessedOn'),
  };
  const ro = !c.permissions.update;
  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const data = toData(v);
    run(async () => {
      // the latest version is read at submit time, so a reload after a conflict keeps the typed text
      const latest = recordsOf(c, 'assessment')[0] ?? null;
      await saveRecord(c.id, 'assessment', latest ? onlyChanged(data, base.current) : data, latest);
      base.current = data;
      await reload();
      setSaved(true);
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <p class="hint">{existing ? byline(existing, c.jurisdiction) : t('assessment.intro')}</p>
      <ErrorSummary error={error} attempt={attempt} prefix="asm" labels={labels} onReload={reload} />
      <Saved show={saved} />
      <fieldset class="plain" disabled={ro}>
        <TextField
          prefix="asm"
          name="assessedOn"
          type="date"
          max={todayLocal(c.jurisdiction)}
          label={labels.assessedOn!}
          value={v.assessedOn ?? ''}
          onValue={(x) => setV((s) => ({ ...s, assessedOn: x }))}
          error={error}
        />
        {ASSESSMENT_FIELDS.map((k) => (
          <TextArea
            key={k}
            prefix="asm"
            name={k}
            label={labels[k]!}
            rows={4}
            value={v[k] ?? ''}
            onValue={(x) => setV((s) => ({ ...s, [k]: x }))}
            error={error}
          />
        ))}
        {!ro && (
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {t('action.save')}
            </button>
          </div>
        )}
      </fieldset>
    </form>
  );
}

// ---------------------------------------------------------------- Rencana intervensi

function PlanForm({
  c,
  reload,
  tx,
  item,
  onDone,
}: TabProps & { item: RecordDto | null; onDone: () => void }) {
  const orgs = useOrgs();
  const d = item?.data ?? {};
  const [v, setV] = useState({
    service: str(d.service),
    responsibleOrgId: str(d.responsibleOrgId),
    targetDate: str(d.targetDate),
    agreedWithBeneficiary: d.agreedWithBeneficiary === true,
    notes: str(d.notes),
  });
  const { busy, error, attempt, run } = useAction();
  const prefix = item ? `plan-${item.id.slice(0, 8)}` : 'plan-new';
  const labels = {
    service: t('plan.service'),
    responsibleOrgId: t('plan.responsible'),
    targetDate: t('plan.targetDate'),
    agreedWithBeneficiary: t('plan.agreed'),
    notes: t('plan.notes'),
  };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const latest = item ? (c.records.find((r) => r.id === item.id) ?? item) : null;
      await saveRecord(
        c.id,
        'plan_item',
        {
          service: v.service,
          responsibleOrgId: orNull(v.responsibleOrgId),
          targetDate: orNull(v.targetDate),
          agreedWithBeneficiary: v.agreedWithBeneficiary,
          notes: orNull(v.notes),
        },
        latest,
      );
      await reload();
      onDone();
    });
  };
  const title = item ? t('plan.editTitle') : t('plan.add');
  const common = { prefix, error };
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const field = bindField(v, set, labels);
  return (
    <form class="subform" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      <div class="grid">
        <SelectField {...common} {...field('service')} options={codeOptions(tx?.serviceTypes)} required />
        <SelectField
          {...common}
          {...field('responsibleOrgId')}
          options={orgs.map((o) => ({ value: o.id, text: o.name }))}
        />
        <TextField {...common} {...field('targetDate')} type="date" />
      </div>
      <Checkbox
        {...common}
        name="agreedWithBeneficiary"
        label={labels.agreedWithBeneficiary}
        checked={v.agreedWithBeneficiary}
        onChecked={(x) => setV((s) => ({ ...s, agreedWithBeneficiary: x }))}
      />
      <TextArea {...common} {...field('notes')} rows={3} />
      <FormActions busy={busy} onCancel={onDone} />
    </form>
  );
}

export function Plan(props: TabProps) {
  const { c, tx } = props;
  const orgs = useOrgs();
  const user = useStore(userStore);
  // referring is for the case manager and assigned companions (as on the Rujukan tab)
  const mayRefer = !!user && roleCan(user.role, 'referral:create');
  const [editing, setEditing] = useState<string | null>(null);
  const items = recordsOf(c, 'plan_item');
  const agreed = items.filter((r) => r.data.agreedWithBeneficiary === true).length;
  return (
    <div class="stack">
      <p class="hint">{t('plan.intro', { n: agreed, total: items.length })}</p>
      {items.length === 0 && <p>{t('plan.none')}</p>}
      <ul class="cards-list">
        {items.map((r) => (
          <li key={r.id} class="card">
            {editing === r.id ? (
              <PlanForm {...props} item={r} onDone={() => setEditing(null)} />
            ) : (
              <>
                <h3>{codeLabel(tx, 'serviceTypes', str(r.data.service))}</h3>
                <dl class="facts small">
                  <div>
                    <dt>{t('plan.responsible')}</dt>
                    <dd>{orgName(orgs, r.data.responsibleOrgId)}</dd>
                  </div>
                  <div>
                    <dt>{t('plan.targetDate')}</dt>
                    <dd>{fmtDate(str(r.data.targetDate))}</dd>
                  </div>
                  <div>
                    <dt>{t('plan.agreedShort')}</dt>
                    <dd>
                      {r.data.agreedWithBeneficiary === true ? (
                        <span class="badge ok">{t('common.yes')}</span>
                      ) : (
                        <span class="badge">{t('plan.notAgreed')}</span>
                      )}
                    </dd>
                  </div>
                </dl>
                {str(r.data.notes) && <p class="pre">{str(r.data.notes)}</p>}
                {(r.referrals ?? []).length > 0 && (
                  <div>
                    <h4>{t('plan.referrals')}</h4>
                    <ul>
                      {(r.referrals ?? []).map((x) => (
                        <li key={x.id}>
                          <a href={`/rujukan/${x.id}`}>{x.number}</a>{' '}
                          {t('plan.referralTo', { org: x.toOrgName })} <StatusBadge status={x.status} />
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {c.permissions.update && (
                  <div class="actions">
                    <EditButton
                      onClick={() => setEditing(r.id)}
                      aria={t('plan.editAria', {
                        name: codeLabel(tx, 'serviceTypes', str(r.data.service)),
                      })}
                    />
                    {mayRefer && (
                      <a
                        class="button"
                        href={`/kasus/${c.id}/rujukan?rencana=${r.id}`}
                        aria-label={t('plan.referAria', {
                          name: codeLabel(tx, 'serviceTypes', str(r.data.service)),
                        })}
                      >
                        {t('plan.refer')}
                      </a>
                    )}
                  </div>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {c.permissions.update && (
        <AddNew open={editing === 'new'} onOpen={() => setEditing('new')} label={t('plan.add')}>
          <PlanForm {...props} item={null} onDone={() => setEditing(null)} />
        </AddNew>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- Layanan

function ServiceForm({ c, reload, tx, onDone }: TabProps & { onDone: () => void }) {
  const orgs = useOrgs();
  const [v, setV] = useState({
    service: '',
    providerOrgId: '',
    providerName: '',
    date: todayLocal(c.jurisdiction),
    outcome: '',
  });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const labels = {
    service: t('service.service'),
    providerOrgId: t('service.providerOrg'),
    providerName: t('service.providerName'),
    date: t('service.date'),
    outcome: t('service.outcome'),
  };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await saveRecord(c.id, 'service', {
        service: v.service,
        providerOrgId: orNull(v.providerOrgId),
        providerName: orNull(v.providerName),
        date: v.date,
        outcome: orNull(v.outcome),
      });
      await reload();
      onDone();
    });
  };
  const common = { prefix: 'svc', error };
  const field = bindField(v, set, labels);
  return (
    <form class="subform" onSubmit={submit} noValidate aria-label={t('service.add')}>
      <h3>{t('service.add')}</h3>
      <ErrorSummary error={error} attempt={attempt} prefix="svc" labels={labels} />
      <div class="grid">
        <SelectField {...common} {...field('service')} options={codeOptions(tx?.serviceTypes)} required />
        <TextField {...common} {...field('date')} type="date" max={todayLocal(c.jurisdiction)} required />
        <SelectField
          {...common}
          {...field('providerOrgId')}
          options={orgs.map((o) => ({ value: o.id, text: o.name }))}
        />
        <TextField {...common} {...field('providerName')} hint={t('service.providerNameHint')} />
      </div>
      <TextArea {...common} {...field('outcome')} rows={3} />
      <FormActions busy={busy} onCancel={onDone} />
    </form>
  );
}

export function Services(props: TabProps) {
  const { c, tx } = props;
  const orgs = useOrgs();
  const [adding, setAdding] = useState(false);
  const items = recordsOf(c, 'service').sort((a, b) => str(b.data.date).localeCompare(str(a.data.date)));
  return (
    <div class="stack">
      {items.length === 0 && <p>{t('service.none')}</p>}
      {items.length > 0 && (
        <CardTable
          caption={t('tab.services')}
          items={items}
          rowHeader={1}
          columns={[
            { head: t('service.date'), cell: (r) => fmtDate(str(r.data.date)) },
            { head: t('service.service'), cell: (r) => codeLabel(tx, 'serviceTypes', str(r.data.service)) },
            {
              head: t('service.provider'),
              cell: (r) => str(r.data.providerName) || orgName(orgs, r.data.providerOrgId),
            },
            { head: t('service.outcome'), cell: (r) => str(r.data.outcome) || '—', class: 'pre' },
          ]}
        />
      )}
      {c.permissions.update && (
        <AddNew open={adding} onOpen={() => setAdding(true)} label={t('service.add')}>
          <ServiceForm {...props} onDone={() => setAdding(false)} />
        </AddNew>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- Hak korban

function RightForm({
  c,
  reload,
  tx,
  victim,
  right,
  rightLabel,
}: TabProps & { victim: PersonDto; right: string; rightLabel: string }) {
  const orgs = useOrgs();
  const find = () =>
    c.records.find((r) => r.kind === 'right' && r.data.victimId === victim.id && r.data.right === right) ??
    null;
  const existing = find();
  const d = existing?.data ?? {};
  const [v, setV] = useState({
    status: str(d.status) || 'belum_dinilai',
    responsibleOrgId: str(d.responsibleOrgId),
    date: str(d.date),
    decisionDate: str(d.decisionDate),
    evidence: str(d.evidence),
  });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const [saved, setSaved] = useState(false);
  const { busy, error, attempt, run } = useAction();
  const prefix = `rt-${victim.id.slice(0, 8)}-${right}`;
  const labels = {
    status: t('right.status'),
    responsibleOrgId: t('right.responsible'),
    date: t('right.date'),
    decisionDate: t('right.decisionDate'),
    evidence: t('right.evidence'),
  };
  const ro = !c.permissions.update;
  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    run(async () => {
      const data: Record<string, unknown> = {
        status: v.status,
        responsibleOrgId: orNull(v.responsibleOrgId),
        date: orNull(v.date),
        evidence: orNull(v.evidence),
      };
      if (right === 'restitusi') data.decisionDate = orNull(v.decisionDate);
      const latest = find();
      await saveRecord(c.id, 'right', latest ? data : { victimId: victim.id, right, ...data }, latest);
      await reload();
      setSaved(true);
    });
  };
  const common = { prefix, error };
  const field = bindField(v, set, labels);
  return (
    <details class="right">
      <summary>
        <span class="right-name">{rightLabel}</span>{' '}
        <span class={`badge${existing?.data.status === 'terpenuhi' ? ' ok' : ''}`}>
          {codeLabel(tx, 'rightStatuses', str(d.status) || 'belum_dinilai')}
        </span>
      </summary>
      <form
        onSubmit={submit}
        noValidate
        aria-label={t('right.formAria', { right: rightLabel, name: victim.name })}
      >
        <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
        <Saved show={saved} />
        <fieldset class="plain" disabled={ro}>
          <div class="grid">
            <SelectField
              {...common}
              {...field('status')}
              options={codeOptions(tx?.rightStatuses)}
              empty={false}
            />
            <SelectField
              {...common}
              {...field('responsibleOrgId')}
              options={orgs.map((o) => ({ value: o.id, text: o.name }))}
            />
            <TextField {...common} {...field('date')} type="date" />
            {right === 'restitusi' && (
              <TextField {...common} {...field('decisionDate')} type="date" hint={t('right.decisionHint')} />
            )}
          </div>
          <TextArea {...common} {...field('evidence')} rows={2} />
          {!ro && (
            <div class="actions">
              <button
                type="submit"
                class="primary"
                disabled={busy}
                aria-label={t('right.saveAria', { right: rightLabel })}
              >
                {t('action.save')}
              </button>
            </div>
          )}
        </fieldset>
      </form>
    </details>
  );
}

export function Rights(props: TabProps) {
  const { c, tx } = props;
  const vs = victims(c);
  if (vs.length === 0) return <p>{t('right.noVictims')}</p>;
  return (
    <div class="stack">
      <p class="hint">{t('right.intro')}</p>
      {vs.map((victim) => (
        <section key={victim.id} aria-labelledby={`h-rights-${victim.id}`}>
          <h3 id={`h-rights-${victim.id}`}>{t('right.forVictim', { name: victim.name })}</h3>
          {(tx?.victimRights ?? []).map((r) => (
            <RightForm key={r.code} {...props} victim={victim} right={r.code} rightLabel={label(r.label)} />
          ))}
        </section>
      ))}
    </div>
  );
}

// ---------------------------------------------------------------- Catatan

export function Notes({ c, reload }: TabProps) {
  const [body, setBody] = useState('');
  const { busy, error, attempt, run } = useAction();
  const notes = recordsOf(c, 'note');
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await saveRecord(c.id, 'note', { body });
      setBody('');
      await reload();
    });
  };
  return (
    <div class="stack">
      {c.permissions.update && (
        <form onSubmit={submit} noValidate>
          <ErrorSummary error={error} attempt={attempt} prefix="note" labels={{ body: t('note.new') }} />
          <TextArea
            prefix="note"
            name="body"
            label={t('note.new')}
            hint={t('note.hint')}
            rows={4}
            value={body}
            onValue={setBody}
            error={error}
          />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {t('note.add')}
            </button>
          </div>
        </form>
      )}
      {notes.length === 0 ? (
        <p>{t('note.none')}</p>
      ) : (
        <ul class="notes">
          {notes.map((n) => (
            <li key={n.id} class="card">
              <p class="hint">{noteByline(n, c.jurisdiction)}</p>
              <p class="pre">{str(n.data.body)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
