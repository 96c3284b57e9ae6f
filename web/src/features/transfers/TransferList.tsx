/** Case transfers (pelimpahan): incoming ones to accept or decline, outgoing ones to follow or cancel. */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { TransferDto } from '../../../../src/domain/dto.ts';
import { TRANSFER_LEVEL_LABELS } from '../../../../src/domain/referrals.ts';
import { ApiError, call } from '../../api.ts';
import { CardTable, ErrorSummary, FormActions, orNull, TextArea, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { label, type MessageKey, t } from '../../i18n/index.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

type Box = 'masuk' | 'keluar';

const STATUS: Record<TransferDto['status'], { key: MessageKey; cls: string }> = {
  diajukan: { key: 'tr.st.diajukan', cls: 'badge warn' },
  diterima: { key: 'tr.st.diterima', cls: 'badge ok' },
  ditolak: { key: 'tr.st.ditolak', cls: 'badge danger' },
  dibatalkan: { key: 'tr.st.dibatalkan', cls: 'badge muted' },
};

function DeclineForm({ x, onDone, onCancel }: { x: TransferDto; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, attempt, run } = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await call('POST /transfers/{tid}/decline', {
        params: { tid: x.id },
        body: { version: x.version, reason: orNull(reason) },
      });
      onDone();
    });
  };
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-labelledby="td-title">
      <h3 id="td-title">{t('tr.declineTitle', { number: x.caseNumber })}</h3>
      <ErrorSummary error={error} attempt={attempt} prefix="td" labels={{ reason: t('tr.declineReason') }} />
      <TextArea
        prefix="td"
        name="reason"
        label={t('tr.declineReason')}
        value={reason}
        onValue={setReason}
        rows={3}
        maxLength={2000}
        error={error}
        required
      />
      <FormActions busy={busy} onCancel={onCancel} submit={t('tr.decline')} />
    </form>
  );
}

export default function TransferList() {
  const user = useStore(userStore);
  const { query } = useLocation();
  const box: Box = query.box === 'keluar' ? 'keluar' : 'masuk';
  const allowed = !!user && roleCan(user.role, 'case:transfer');
  const { data, error, loading, reload } = useLoad(
    (signal) =>
      allowed
        ? call('GET /transfers', { query: { box }, signal }).then((x) => x.items)
        : Promise.resolve([] as TransferDto[]),
    [box, allowed],
  );
  const [declining, setDeclining] = useState<TransferDto | null>(null);
  const [done, setDone] = useState('');
  const act = useAction();
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;

  const decide = (x: TransferDto, path: 'accept' | 'cancel', message: string) =>
    act.run(async () => {
      setDone('');
      try {
        const input = { params: { tid: x.id }, body: { version: x.version } };
        await (path === 'accept'
          ? call('POST /transfers/{tid}/accept', input)
          : call('POST /transfers/{tid}/cancel', input));
        setDone(message);
      } finally {
        reload();
      }
    });
  const title = t('tr.title');
  const items = [...(data ?? [])].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  return (
    <section>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
      </div>
      <p class="lead">
        {box === 'masuk' ? t('tr.introIn', { area: user.jurisdictionName }) : t('tr.introOut')}
      </p>
      <nav class="tabs" aria-label={t('tr.boxes')}>
        <ul>
          {(['masuk', 'keluar'] as const).map((b) => (
            <li key={b}>
              <a
                href={`/pelimpahan${b === 'masuk' ? '' : '?box=keluar'}`}
                aria-current={b === box ? 'page' : undefined}
              >
                {b === 'masuk' ? t('tr.boxIn') : t('tr.boxOut')}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{box === 'masuk' ? t('tr.boxIn') : t('tr.boxOut')}</h2>
      {done && (
        <p class="notice ok" role="status">
          {done}
        </p>
      )}
      {act.error && (
        <ErrorSummary
          error={act.error}
          attempt={act.attempt}
          prefix="ta"
          onReload={act.error instanceof ApiError ? reload : undefined}
        />
      )}
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <LoadError error={error} onRetry={reload} />
      ) : items.length === 0 ? (
        <p>{box === 'masuk' ? t('tr.noneIn') : t('tr.noneOut')}</p>
      ) : (
        <CardTable
          caption={box === 'masuk' ? t('tr.boxIn') : t('tr.boxOut')}
          items={items}
          columns={[
            {
              head: t('case.caseLabel'),
              cell: (x) =>
                (box === 'masuk' && x.status === 'diterima') ||
                (box === 'keluar' && x.status !== 'diterima') ? (
                  <a href={`/kasus/${x.caseId}`}>{x.caseNumber}</a>
                ) : (
                  x.caseNumber
                ),
            },
            { head: t('tr.level'), cell: (x) => label(TRANSFER_LEVEL_LABELS[x.level], x.level) },
            box === 'masuk'
              ? { head: t('tr.from'), cell: (x) => x.fromJurisdictionName ?? x.fromOrgName }
              : { head: t('tr.to'), cell: (x) => x.toOrgName ?? x.toJurisdictionName ?? t('tr.national') },
            { head: t('tr.reason'), cell: (x) => x.reason ?? '—' },
            {
              head: t('tr.status'),
              cell: (x) => (
                <>
                  <span class={STATUS[x.status].cls}>{t(STATUS[x.status].key)}</span>
                  {x.declineReason && <span class="hint"> · {x.declineReason}</span>}
                </>
              ),
            },
            {
              head: t('tr.requestedAt'),
              cell: (x) =>
                `${fmtDateTime(x.requestedAt)}${x.requestedByName ? ` · ${x.requestedByName}` : ''}`,
            },
            {
              head: t('common.actions'),
              cell: (x) => (
                <div class="row-actions">
                  {x.permissions.accept && (
                    <button
                      type="button"
                      class="primary"
                      disabled={act.busy}
                      aria-label={t('tr.acceptAria', { number: x.caseNumber })}
                      onClick={() => decide(x, 'accept', t('tr.acceptedMsg', { number: x.caseNumber }))}
                    >
                      {t('tr.accept')}
                    </button>
                  )}
                  {x.permissions.decline && (
                    <button
                      type="button"
                      aria-label={t('tr.declineAria', { number: x.caseNumber })}
                      onClick={() => setDeclining(x)}
                    >
                      {t('tr.decline')}
                    </button>
                  )}
                  {x.permissions.cancel && (
                    <button
                      type="button"
                      disabled={act.busy}
                      aria-label={t('tr.cancelAria', { number: x.caseNumber })}
                      onClick={() => decide(x, 'cancel', t('tr.cancelledMsg', { number: x.caseNumber }))}
                    >
                      {t('tr.cancel')}
                    </button>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
      {declining && (
        <DeclineForm
          x={declining}
          onCancel={() => setDeclining(null)}
          onDone={() => {
            setDone(t('tr.declinedMsg', { number: declining.caseNumber }));
            setDeclining(null);
            reload();
          }}
        />
      )}
    </section>
  );
}
