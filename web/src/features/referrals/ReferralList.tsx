/** Referrals: "Masuk" (to the user's organisation) and "Keluar" (sent from the jurisdiction), by status. */

import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { ReferralSummaryDto, UserDto } from '../../../../src/domain/dto.ts';
import { REFERRAL_STATUSES } from '../../../../src/domain/referrals.ts';
import { call, qs } from '../../api.ts';
import {
  CardTable,
  FilterActions,
  PagedResults,
  pageParam,
  SelectField,
  useUrlFilters,
} from '../../components/form.tsx';
import { Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { useStore } from '../../lib/store.ts';
import { type Taxonomies, userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import {
  type Box,
  referralBoxes,
  referralColumns,
  statusLabel,
  UrgencyBadge,
  victimText,
} from './shared.tsx';

type Filters = { box: string; status: string };

function ReferralTable({ items, box, tx }: { items: ReferralSummaryDto[]; box: Box; tx: Taxonomies | null }) {
  const col = referralColumns(tx);
  return (
    <CardTable
      caption={box === 'masuk' ? t('ref.boxIn') : t('ref.boxOut')}
      items={items}
      rowClass={(r) => (r.overdue ? 'overdue' : undefined)}
      columns={[
        col.number,
        box === 'masuk'
          ? { head: t('ref.from'), cell: (r) => r.fromOrg.name }
          : {
              head: t('ref.to'),
              cell: (r) => (
                <>
                  {r.toOrg.name}
                  {r.caseNumber && (
                    <span class="hint">
                      {' '}
                      · {t('case.caseLabel')} {r.caseNumber}
                    </span>
                  )}
                </>
              ),
            },
        col.services,
        { head: t('ref.urgency'), cell: (r) => <UrgencyBadge urgency={r.urgency} /> },
        { head: t('ref.victimShort'), cell: (r) => victimText(tx, r.victim) },
        col.status,
        col.sentAt,
        col.due,
      ]}
    />
  );
}

/**
 * A partner that is also a Gugus Tugas KLA member (an OPD) finds its KLA work here, on its first
 * page: the evaluations still open where it is assigned indicators (nothing shows for the others).
 */
function KlaWork({ user }: { user: UserDto }) {
  const member =
    roleCan(user.role, 'coord:read') && !roleCan(user.role, 'kla:read') && user.jurisdiction.includes('.');
  const list = useLoad(
    (signal) => (member ? call('GET /kla/evaluations', { signal }) : Promise.resolve(null)),
    [member],
  );
  const open = (list.data?.items ?? []).filter((e) => e.status === 'draft' || e.status === 'returned');
  if (open.length === 0) return null;
  return (
    <div class="card">
      {open.map((e) => (
        <p key={e.id}>
          {t('ref.klaWork', { year: e.year, region: e.jurisdictionName })}{' '}
          <a href={`/kla/${e.id}`}>{t('ref.klaOpen', { year: e.year })}</a>
        </p>
      ))}
    </div>
  );
}

export default function ReferralList() {
  const user = useStore(userStore);
  const tx = useTaxonomies();
  const boxes = user ? referralBoxes(user.role) : [];
  const fromQuery = (q: Record<string, string>): Filters => ({
    box: boxes.includes(q.box as Box) ? (q.box as string) : (boxes[0] ?? 'masuk'),
    status:
      q.status === 'terbuka' || REFERRAL_STATUSES.includes(q.status as never) ? (q.status as string) : '',
  });
  const toQuery = (f: Filters, page?: number) =>
    qs({
      box: f.box === boxes[0] ? undefined : f.box,
      status: f.status,
      page: pageParam(page),
    });
  const { route, applied, page, f, set, queryKey, href } = useUrlFilters(fromQuery, toQuery, '/rujukan');
  const allowed = boxes.length > 0;
  const results = useLoad(
    (signal) =>
      allowed
        ? call('GET /referrals', {
            query: { box: applied.box, status: applied.status, page },
            signal,
          })
        : Promise.resolve(null),
    [queryKey, allowed],
  );
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;

  const box = applied.box as Box;
  const title = t('ref.title');
  const submit = (e: Event) => {
    e.preventDefault();
    route(`/rujukan${toQuery({ ...f, box })}`);
  };
  return (
    <section>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
      </div>
      <p class="lead">{box === 'masuk' ? t('ref.introIn', { org: user.orgName }) : t('ref.introOut')}</p>
      <KlaWork user={user} />
      {boxes.length > 1 && (
        <nav class="tabs" aria-label={t('ref.boxes')}>
          <ul>
            {boxes.map((b) => (
              <li key={b}>
                <a
                  href={`/rujukan${toQuery({ box: b, status: '' })}`}
                  aria-current={b === box ? 'page' : undefined}
                >
                  {b === 'masuk' ? t('ref.boxIn') : t('ref.boxOut')}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <h2>{box === 'masuk' ? t('ref.boxIn') : t('ref.boxOut')}</h2>
      <form class="filters inline-filters" aria-label={t('ref.filters')} onSubmit={submit}>
        <div class="grid">
          <SelectField
            prefix="rf"
            name="status"
            label={t('ref.status')}
            value={f.status}
            onValue={set('status')}
            empty={t('common.all')}
            options={[
              { value: 'terbuka', text: t('ref.statusOpen') },
              ...REFERRAL_STATUSES.map((s) => ({ value: s, text: statusLabel(s) })),
            ]}
          />
        </div>
        <FilterActions submit={t('action.filter')} />
      </form>
      <PagedResults
        {...results}
        found={(n) => t('ref.found', { n })}
        href={href}
        none={applied.status ? t('ref.noneFiltered') : box === 'masuk' ? t('ref.noneIn') : t('ref.noneOut')}
      >
        {(items) => <ReferralTable items={items} box={box} tx={tx} />}
      </PagedResults>
    </section>
  );
}
