import { STAGE_LABELS, type Stage } from '../../../../../src/domain/stages.ts';
import { call } from '../../../api.ts';
import { LoadError, Loading, useLoad } from '../../../components/page.tsx';
import { label, type MessageKey, t } from '../../../i18n/index.ts';
import { fmtDateTime, fmtSize } from '../../../lib/format.ts';
import { codeLabel, type ListName, type Taxonomies } from '../../../lib/taxonomies.ts';
import type { TabProps } from '../shared.ts';

const DATA_LISTS: Record<string, ListName> = {
  channel: 'intakeChannels',
  role: 'personRoles',
  relationship: 'relationships',
  forms: 'formsOfViolence',
  service: 'serviceTypes',
  services: 'serviceTypes',
  closureReason: 'closureReasons',
  risk: 'riskLevels',
};

/** Short readable description of a timeline entry's data: labels for codes, no ids. */
function describe(data: Record<string, unknown>, tx: Taxonomies | null): string {
  const parts: string[] = [];
  const one = (k: string, v: unknown): string => {
    if (k === 'from' || k === 'to') return label(STAGE_LABELS[v as Stage], String(v));
    const list = DATA_LISTS[k];
    return list ? codeLabel(tx, list, String(v)) : String(v);
  };
  for (const [k, v] of Object.entries(data)) {
    if (v === null || v === undefined || /Ids?$/.test(k) || k === 'mime') continue;
    if (k === 'taken' && v === true) parts.push(t('timeline.taken'));
    else if (k === 'notes' && typeof v === 'number') parts.push(t('timeline.notesCarried', { n: v }));
    // other flags and counts mean nothing without their key: not shown
    else if (typeof v === 'boolean' || (typeof v === 'number' && k !== 'size')) continue;
    else if (k === 'size' && typeof v === 'number') parts.push(fmtSize(v));
    else if (k === 'from' || k === 'to')
      parts.push(`${k === 'from' ? t('timeline.from') : t('timeline.to')}: ${one(k, v)}`);
    else if (k === 'fields' && Array.isArray(v)) parts.push(t('timeline.fields', { n: v.length }));
    else if (Array.isArray(v)) parts.push(v.map((x) => one(k, x)).join(', '));
    else if (typeof v === 'object') {
      const o = v as { from?: unknown; to?: unknown };
      if ('to' in o) parts.push(`${one(k, o.from)} → ${one(k, o.to)}`);
    } else parts.push(one(k, v));
  }
  return parts.join(' · ');
}

const TYPE_KEYS: Record<string, MessageKey> = {
  'case.opened': 'timeline.caseOpened',
  'case.updated': 'timeline.caseUpdated',
  'case.stage_changed': 'timeline.stageChanged',
  'case.reopened': 'timeline.reopened',
  'case.assigned': 'timeline.assigned',
  'person.added': 'timeline.personAdded',
  'person.updated': 'timeline.personUpdated',
  'incident.added': 'timeline.incidentAdded',
  'incident.updated': 'timeline.incidentUpdated',
  'relationship.set': 'timeline.relationshipSet',
  'attachment.added': 'timeline.attachmentAdded',
  'assessment.added': 'timeline.assessmentAdded',
  'assessment.updated': 'timeline.assessmentUpdated',
  'plan_item.added': 'timeline.planAdded',
  'plan_item.updated': 'timeline.planUpdated',
  'service.added': 'timeline.serviceAdded',
  'service.updated': 'timeline.serviceUpdated',
  'right.added': 'timeline.rightAdded',
  'right.updated': 'timeline.rightUpdated',
  'note.added': 'timeline.noteAdded',
  'note.updated': 'timeline.noteUpdated',
  'diversion.added': 'timeline.diversionAdded',
  'diversion.updated': 'timeline.diversionUpdated',
  'referral.sent': 'timeline.referralSent',
  'referral.service': 'timeline.referralService',
  'referral.completed': 'timeline.referralCompleted',
  'referral.cancelled': 'timeline.referralCancelled',
  'referral.consent_withdrawn': 'timeline.referralConsentWithdrawn',
  'case.transfer_requested': 'timeline.transferRequested',
  'case.transferred': 'timeline.transferred',
  'case.transfer_declined': 'timeline.transferDeclined',
  'case.transfer_cancelled': 'timeline.transferCancelled',
  'case.national_flagged': 'timeline.nationalFlagged',
  'case.from_intake': 'timeline.fromIntake',
  'case.intake_attached': 'timeline.intakeAttached',
};

function typeLabel(type: string): string {
  const key = TYPE_KEYS[type];
  return key ? t(key) : type.replace(/[_.]/g, ' ');
}

export function Timeline({ c, tx }: TabProps) {
  const { data, error, loading, reload } = useLoad(
    (signal) => call('GET /cases/{id}/timeline', { params: { id: c.id }, signal }).then((x) => x.items),
    [c.id, c.version],
  );
  if (loading && !data) return <Loading />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  const items = [...(data ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  if (items.length === 0) return <p>{t('timeline.none')}</p>;
  return (
    <ol class="timeline">
      {items.map((e, i) => (
        <li key={`${e.at}-${i}`}>
          <p>
            <strong>{typeLabel(e.type)}</strong>
            {describe(e.data, tx) && <> — {describe(e.data, tx)}</>}
          </p>
          <p class="hint">
            <time dateTime={e.at}>{fmtDateTime(e.at, c.jurisdiction)}</time> ·{' '}
            {e.actorName ?? t('timeline.system')}
          </p>
        </li>
      ))}
    </ol>
  );
}
