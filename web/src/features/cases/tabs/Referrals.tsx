import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roleCan } from '../../../../../src/domain/capabilities.ts';
import type { ReferralDto } from '../../../../../src/domain/dto.ts';
import { call } from '../../../api.ts';
import { CardTable } from '../../../components/form.tsx';
import { LoadError, Loading, useLoad } from '../../../components/page.tsx';
import { t } from '../../../i18n/index.ts';
import { useStore } from '../../../lib/store.ts';
import { userStore } from '../../../lib/taxonomies.ts';
import { NewReferral } from '../../referrals/NewReferral.tsx';
import { referralColumns } from '../../referrals/shared.tsx';
import type { TabProps } from '../shared.ts';
import { AddNew } from './add-new.tsx';

/**
 * The case's referrals (the referring side) and the form for a new one. `?rujukUlang=<id>` opens
 * the form prefilled from that declined or cancelled referral; `?rencana=<id>` for a plan item.
 */
export function Referrals({ c, tx }: TabProps) {
  const user = useStore(userStore);
  const { query, route } = useLocation();
  const rerefer = query.rujukUlang ?? '';
  const planFor = query.rencana ?? '';
  const [open, setOpen] = useState(!!rerefer || !!planFor);
  const [sent, setSent] = useState<ReferralDto | null>(null);
  const opener = useRef<HTMLDivElement>(null);
  const from = useLoad(
    (signal) =>
      rerefer ? call('GET /referrals/{id}', { params: { id: rerefer }, signal }) : Promise.resolve(null),
    [rerefer],
  );
  useEffect(() => {
    if (rerefer || planFor) setOpen(true);
  }, [rerefer, planFor]);
  const { data, error, loading, reload } = useLoad(
    (signal) => call('GET /cases/{id}/referrals', { params: { id: c.id }, signal }).then((x) => x.items),
    [c.id],
  );
  const canRefer =
    !!user && roleCan(user.role, 'referral:create') && c.permissions.update && c.stage !== 'terminasi';
  const close = () => {
    setOpen(false);
    // the form was opened from a link: the address no longer asks for it
    if (rerefer || planFor) route(`/kasus/${c.id}/rujukan`, true);
    // back to the button that opened the form
    setTimeout(() => opener.current?.querySelector('button')?.focus(), 0);
  };
  const col = referralColumns(tx);
  const items = [...(data ?? [])].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  return (
    <div class="stack">
      {sent && (
        <p class="notice ok" role="status">
          {t('ref.sent', { number: sent.number, org: sent.toOrg.name })}{' '}
          <a href={`/rujukan/${sent.id}`}>{t('ref.open')}</a>
          {sent.external && <> · {t('ref.sentExternal')}</>}
        </p>
      )}
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <LoadError error={error} onRetry={reload} />
      ) : items.length === 0 ? (
        <p>{t('ref.noneCase')}</p>
      ) : (
        <CardTable
          caption={t('tab.referrals')}
          items={items}
          columns={[
            col.number,
            { head: t('ref.to'), cell: (r) => r.toOrg.name },
            col.services,
            col.status,
            col.sentAt,
            col.due,
          ]}
        />
      )}
      {canRefer && (
        <div ref={opener}>
          <AddNew
            open={open}
            onOpen={() => {
              setSent(null);
              setOpen(true);
            }}
            label={t('ref.new')}
          >
            {rerefer && !from.data ? (
              from.error ? (
                <LoadError error={from.error} onRetry={from.reload} />
              ) : (
                <p role="status">{t('ref.rereferLoading')}</p>
              )
            ) : (
              <NewReferral
                key={rerefer || planFor || 'new'}
                c={c}
                tx={tx}
                from={from.data}
                planItemId={planFor || null}
                onCancel={close}
                onDone={(r) => {
                  setSent(r);
                  close();
                  reload();
                }}
              />
            )}
          </AddNew>
        </div>
      )}
    </div>
  );
}
