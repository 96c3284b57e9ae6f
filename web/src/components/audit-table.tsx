import type { AuditEntryDto } from '../../../src/domain/dto.ts';
import { label, t } from '../i18n/index.ts';
import { fmtDateTimeIn } from '../lib/format.ts';
import { CardTable } from './form.tsx';

type Label = { id: string; en: string };

/** Audit events in words: who (role, organisation), did what, to what, how it ended; codes on the side. */
export function AuditTable({
  items,
  caption,
  zone,
  zoneAbbr,
  outcomes,
}: {
  items: AuditEntryDto[];
  caption: string;
  zone: string;
  zoneAbbr: string;
  outcomes: Record<string, Label>;
}) {
  if (items.length === 0) return <p>{t('audit.none')}</p>;
  return (
    <CardTable
      caption={caption}
      items={items}
      rowHeader={2}
      columns={[
        {
          head: t('audit.at'),
          cell: (e) => <time dateTime={e.at}>{fmtDateTimeIn(e.at, zone, zoneAbbr)}</time>,
        },
        {
          head: t('audit.actor'),
          cell: (e) => (
            <>
              {label(e.actor)}
              {(e.actorRoleLabel || e.actorOrg) && (
                <span class="hint">
                  {' '}
                  ({[label(e.actorRoleLabel), e.actorOrg?.name].filter(Boolean).join(', ')})
                </span>
              )}
            </>
          ),
        },
        {
          head: t('audit.action'),
          cell: (e) => (
            <>
              {label(e.words)}
              {e.outcome !== 'ok' && (
                <>
                  {' '}
                  <span class="badge warn">{label(outcomes[e.outcome], e.outcome)}</span>
                </>
              )}
            </>
          ),
        },
        { head: t('audit.object'), cell: (e) => (e.object ? label(e.object) : '—') },
        {
          head: t('audit.more'),
          cell: (e) => (
            <span class="hint">
              {e.ip ?? '—'}
              <br />
              <code class="id">{e.action}</code>
            </span>
          ),
        },
      ]}
    />
  );
}
