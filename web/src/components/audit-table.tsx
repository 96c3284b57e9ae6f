import type { AuditEventDto } from '../../../src/domain/dto.ts';
import { t } from '../i18n/index.ts';
import { fmtDateTime } from '../lib/format.ts';

export function AuditTable({ items, caption }: { items: AuditEventDto[]; caption: string }) {
  if (items.length === 0) return <p>{t('audit.none')}</p>;
  return (
    <div class="table-wrap">
      <table class="cards">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.entity')}</th>
            <th scope="col">{t('audit.outcome')}</th>
            <th scope="col">{t('audit.ip')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td data-label={t('audit.at')}>{fmtDateTime(e.at)}</td>
              <td data-label={t('audit.actor')}>
                {e.actorName ?? '—'}
                {e.actorRole ? ` (${e.actorRole})` : ''}
              </td>
              <th scope="row" data-label={t('audit.action')}>
                {e.action}
              </th>
              <td data-label={t('audit.entity')}>
                {e.entity ?? '—'}
                {e.entityId ? <code class="id"> {e.entityId}</code> : null}
              </td>
              <td data-label={t('audit.outcome')}>{e.outcome}</td>
              <td data-label={t('audit.ip')}>{e.ip ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
