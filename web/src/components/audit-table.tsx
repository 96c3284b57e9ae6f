import type { AuditEventDto } from '../../../src/domain/dto.ts';
import { t } from '../i18n/index.ts';
import { fmtDateTime } from '../lib/format.ts';
import { CardTable } from './form.tsx';

export function AuditTable({ items, caption }: { items: AuditEventDto[]; caption: string }) {
  if (items.length === 0) return <p>{t('audit.none')}</p>;
  return (
    <CardTable
      caption={caption}
      items={items}
      rowHeader={2}
      columns={[
        { head: t('audit.at'), cell: (e) => fmtDateTime(e.at) },
        {
          head: t('audit.actor'),
          cell: (e) => (
            <>
              {e.actorName ?? '—'}
              {e.actorRole ? ` (${e.actorRole})` : ''}
            </>
          ),
        },
        { head: t('audit.action'), cell: (e) => e.action },
        {
          head: t('audit.entity'),
          cell: (e) => (
            <>
              {e.entity ?? '—'}
              {e.entityId ? <code class="id"> {e.entityId}</code> : null}
            </>
          ),
        },
        { head: t('audit.outcome'), cell: (e) => e.outcome },
        { head: t('audit.ip'), cell: (e) => e.ip ?? '—' },
      ]}
    />
  );
}
