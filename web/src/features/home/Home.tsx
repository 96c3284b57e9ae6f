import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { CaseSummaryDto, QueueItemDto, TaskDto, UserDto } from '../../../../src/domain/dto.ts';
import { STAGE_LABELS, type Stage } from '../../../../src/domain/stages.ts';
import { call } from '../../api.ts';
import { CardTable, ErrorSummary, useAction } from '../../components/form.tsx';
import { countText, LoadError, Loading, PageHeading, useLoad } from '../../components/page.tsx';
import { label, type MessageKey, t } from '../../i18n/index.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { codeLabel, userStore, useTaxonomies } from '../../lib/taxonomies.ts';

function sortTasks(tasks: TaskDto[]): TaskDto[] {
  return [...tasks].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
}

function Tasks({ rev }: { rev: number }) {
  const { data, error, loading, reload } = useLoad((signal) => call('GET /tasks', { signal }), [rev]);
  if (loading && !data) return <Loading />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  const tasks = sortTasks(data?.items ?? []);
  const overdue = tasks.filter((x) => x.overdue).length;
  if (tasks.length === 0) return <p>{t('home.noTasks')}</p>;
  return (
    <>
      {overdue > 0 && (
        <p class="notice warn">
          <strong>{t('home.overdueCount', { n: overdue })}</strong>
        </p>
      )}
      <ul class="task-list">
        {tasks.map((task) => (
          <li
            key={`${task.caseId}-${task.rule}-${task.subjectId ?? ''}`}
            class={task.overdue ? 'overdue' : undefined}
          >
            {task.overdue && <span class="badge danger">{t('task.overdue')}</span>}
            <span class="task-label">{label(task.label)}</span>
            <span class="task-meta">
              <a href={`/kasus/${task.caseId}`}>{task.caseNumber}</a> · {t('task.due')}:{' '}
              {fmtDateTime(task.dueAt)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function CaseTable({ items, caption }: { items: CaseSummaryDto[]; caption: string }) {
  const tx = useTaxonomies();
  return (
    <CardTable
      caption={caption}
      items={items}
      columns={[
        { head: t('case.number'), cell: (c) => <a href={`/kasus/${c.id}`}>{c.number}</a> },
        { head: t('case.stage'), cell: (c) => label(STAGE_LABELS[c.stage], c.stage) },
        {
          head: t('case.risk'),
          cell: (c) => (
            <span class={c.risk === 'tinggi' ? 'badge danger' : undefined}>
              {codeLabel(tx, 'riskLevels', c.risk)}
            </span>
          ),
        },
        { head: t('case.receivedAt'), cell: (c) => fmtDateTime(c.receivedAt, c.jurisdiction) },
        { head: t('case.manager'), cell: (c) => c.managerName ?? t('case.noManager') },
        { head: t('case.victims'), cell: (c) => c.victimCount },
        {
          head: t('case.overdueTasks'),
          cell: (c) =>
            c.overdueCount > 0 ? (
              <span class="badge danger">{t('case.overdueN', { n: c.overdueCount })}</span>
            ) : (
              t('common.none')
            ),
        },
      ]}
    />
  );
}

function MyCases({ rev }: { rev: number }) {
  const { data, error, loading, reload } = useLoad(
    (signal) => call('GET /cases', { query: { mine: '1', open: '1', pageSize: 50 }, signal }),
    [rev],
  );
  if (loading && !data) return <Loading />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  const items = data?.items ?? [];
  if (items.length === 0) return <p>{t('home.noCases')}</p>;
  return (
    <>
      <CaseTable items={items} caption={t('home.myCases')} />
      {data?.hasMore && (
        <p class="hint">
          {t('home.moreCases', { shown: items.length, total: countText(data) })}{' '}
          <a href="/kasus?mine=1">{t('home.allCases')}</a>
        </p>
      )}
    </>
  );
}

type Tx = ReturnType<typeof useTaxonomies>;

/* ---- the case manager's work queue (decision 013) ---- */

/** A length of time people read at a glance: minutes, hours and minutes, days and hours. */
function span(ms: number): string {
  const min = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (min < 60) return t('time.minutes', { n: min });
  const h = Math.floor(min / 60);
  if (h < 24) return t('time.hours', { h, m: min % 60 });
  return t('time.days', { d: Math.floor(h / 24), h: h % 24 });
}

const RISK_BADGE: Record<string, string> = { tinggi: 'badge danger', sedang: 'badge warn' };

function QueueItem(p: { item: QueueItemDto; asOf: string; tx: Tx; busy: boolean; onTake: () => void }) {
  const { item, asOf, tx } = p;
  const task = item.task;
  const left = task ? Date.parse(task.dueAt) - Date.parse(asOf) : 0;
  return (
    <li class={task?.overdue ? 'overdue' : undefined}>
      <span class={RISK_BADGE[item.risk ?? ''] ?? 'badge muted'}>
        {item.risk ? codeLabel(tx, 'riskLevels', item.risk) : t('queue.noRisk')}
      </span>
      <a href={`/kasus/${item.caseId}`}>{item.caseNumber}</a>
      {task ? (
        <>
          <span class="task-label">{label(task.label)}</span>
          <span class="task-meta">
            {left < 0 ? (
              <strong>{t('queue.overdueBy', { t: span(left) })}</strong>
            ) : (
              t('queue.dueIn', { t: span(left) })
            )}{' '}
            · {t('task.due')}: {fmtDateTime(task.dueAt)}
          </span>
        </>
      ) : (
        <span class="task-meta">{t('queue.noTask')}</span>
      )}
      {item.managerName ? (
        <span class="task-meta">{t('queue.managedBy', { name: item.managerName })}</span>
      ) : (
        <button
          type="button"
          class="primary"
          disabled={p.busy}
          aria-label={t('queue.takeLabel', { number: item.caseNumber })}
          onClick={p.onTake}
        >
          {t('queue.take')}
        </button>
      )}
    </li>
  );
}

function QueueList(p: {
  id: string;
  title: string;
  none: string;
  hint?: string;
  list: { items: QueueItemDto[]; total: number };
  asOf: string;
  tx: Tx;
  busy: boolean;
  onTake: (i: QueueItemDto) => void;
}) {
  const more = p.list.total - p.list.items.length;
  return (
    <section aria-labelledby={p.id}>
      <h2 id={p.id}>{p.title}</h2>
      {p.hint && p.list.items.length > 0 && <p class="hint">{p.hint}</p>}
      {p.list.items.length === 0 ? (
        <p>{p.none}</p>
      ) : (
        <ul class="task-list queue">
          {p.list.items.map((i) => (
            <QueueItem
              key={`${i.caseId}-${i.task?.rule ?? ''}-${i.task?.subjectId ?? ''}`}
              item={i}
              asOf={p.asOf}
              tx={p.tx}
              busy={p.busy}
              onTake={() => p.onTake(i)}
            />
          ))}
        </ul>
      )}
      {more > 0 && <p class="hint">{t('queue.more', { n: more })}</p>}
    </section>
  );
}

/** "Belum ada manajer kasus" and "Jatuh tempo hari ini" at the top of a case manager's home. */
function WorkQueue({ onChange }: { onChange: () => void }) {
  const tx = useTaxonomies();
  const { data, error, loading, reload } = useLoad((signal) => call('GET /work-queue', { signal }), []);
  const take = useAction();
  const [taken, setTaken] = useState<string | null>(null);
  if (loading && !data) return <Loading />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  const onTake = async (i: QueueItemDto) => {
    setTaken(null);
    const ok = await take.run(() => call('POST /cases/{id}/take', { params: { id: i.caseId } }));
    if (ok) setTaken(t('queue.taken', { number: i.caseNumber }));
    // taken or already taken by someone else: either way the queue has changed
    reload();
    onChange();
  };
  const common = { asOf: data.asOf, tx, busy: take.busy, onTake };
  return (
    <>
      <ErrorSummary error={take.error} attempt={take.attempt} prefix="queue" />
      {taken && (
        <p class="notice ok" role="status">
          {taken}
        </p>
      )}
      <QueueList
        id="h-unassigned"
        title={t('queue.unassigned')}
        hint={t('queue.unassignedHint')}
        none={t('queue.unassignedNone')}
        list={data.unassigned}
        {...common}
      />
      <QueueList
        id="h-due-today"
        title={t('queue.dueToday')}
        none={t('queue.dueTodayNone')}
        list={data.dueToday}
        {...common}
      />
    </>
  );
}

/** Label of a key inside a known breakdown (stage, risk, form); falls back to the raw key. */
function statKey(group: string, k: string, tx: Tx): string {
  if (group === 'byStage') return label(STAGE_LABELS[k as Stage], k);
  if (k === 'belum_dinilai' || k === 'null') return t('stats.unassessed');
  if (group === 'byRisk') return codeLabel(tx, 'riskLevels', k);
  if (group === 'byForm') return codeLabel(tx, 'formsOfViolence', k);
  if (group === 'byCaseType') return codeLabel(tx, 'caseTypes', k);
  return k;
}

const STAT_TITLES: Record<string, MessageKey> = {
  total: 'stats.total',
  byStage: 'stats.byStage',
  byRisk: 'stats.byRisk',
  byForm: 'stats.byForm',
};

function StatValue({ group, value, tx }: { group: string; value: unknown; tx: Tx }) {
  if (value === null || value === undefined) return <>—</>;
  if (typeof value !== 'object') return <>{String(value)}</>;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i + 1), v] as const)
    : Object.entries(value);
  return (
    <dl class="stats-inner">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{statKey(group, k, tx)}</dt>
          <dd>
            <StatValue group={k} value={v} tx={tx} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Stats() {
  const tx = useTaxonomies();
  const { data, error, loading, reload } = useLoad((signal) => call('GET /stats/summary', { signal }), []);
  if (loading && !data) return <Loading />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <dl class="stats">
      {Object.entries(data ?? {})
        .filter(([k]) => k !== 'region')
        .map(([k, v]) => {
          const titleKey = STAT_TITLES[k];
          return (
            <div key={k} class="stat">
              <dt>{titleKey ? t(titleKey) : k}</dt>
              <dd>
                <StatValue group={k} value={v} tx={tx} />
              </dd>
            </div>
          );
        })}
    </dl>
  );
}

/** Open reports of the inbox and how many are past their response deadline. */
function IntakeBlock() {
  const { data, error, loading, reload } = useLoad((signal) => call('GET /intake/counts', { signal }), []);
  if (loading && !data) return <Loading />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  const total = data?.open ?? 0;
  const overdue = data?.overdue ?? 0;
  const danger = data?.dangerNow ?? [];
  return (
    <>
      {danger.length > 0 && (
        <section class="notice danger" aria-labelledby="h-danger-now">
          <h3 id="h-danger-now">{t('home.dangerNow', { n: danger.length })}</h3>
          <ul>
            {danger.map((d) => (
              <li key={d.id}>
                <a href={`/pengaduan/${d.id}`}>{d.code}</a>{' '}
                {d.overdue ? (
                  <span class="badge danger">{t('intake.overdue')}</span>
                ) : (
                  t('home.dangerDue', { at: fmtDateTime(d.dueAt) })
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {total === 0 ? (
        <p>{t('home.intakeNone')}</p>
      ) : (
        <ul class="intake-counts">
          <li>
            <strong>{t('home.intakeOpen', { n: total })}</strong>
          </li>
          {overdue > 0 && (
            <li>
              <span class="badge danger">{t('intake.overdue')}</span>{' '}
              <strong>{t('home.intakeOverdue', { n: overdue })}</strong>
            </li>
          )}
        </ul>
      )}
      <p>
        <a href="/pengaduan">{t('home.intakeLink')}</a>
      </p>
    </>
  );
}

/** The "Koordinasi" card's code, fetched after the home page shows (kept out of the first load). */
function CoordinationSlot() {
  const [Card, setCard] = useState<ComponentType | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const load = () => {
    setFailed(null);
    import('./CoordinationCard.tsx').then((m) => setCard(() => m.default), setFailed);
  };
  useEffect(load, []);
  if (failed) return <LoadError error={failed} onRetry={load} />;
  return Card ? <Card /> : <Loading />;
}

function MfaHint({ user }: { user: UserDto }) {
  if (user.mfaEnabled) return null;
  return (
    <p class="notice">
      {t('home.mfaHint')} <a href="/keamanan/2fa">{t('account.enableMfa')}</a>
    </p>
  );
}

export default function Home() {
  const user = useStore(userStore);
  const { route } = useLocation();
  // partner staff (mitra) work from the referrals to their organisation: that list is their home
  const mitra = user?.role === 'mitra';
  useEffect(() => {
    if (mitra) route('/rujukan', true);
  }, [mitra]);
  const [rev, setRev] = useState(0);
  if (!user || mitra) return <Loading />;
  const title = t('home.title');
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="lead">{t('home.welcome', { name: user.name, org: user.orgName })}</p>
      {user.role === 'manajer' && <WorkQueue onChange={() => setRev((n) => n + 1)} />}
      <MfaHint user={user} />
      {roleCan(user.role, 'intake:triage') && (
        <section aria-labelledby="h-intake">
          <h2 id="h-intake">{t('home.intake')}</h2>
          <IntakeBlock />
        </section>
      )}
      {roleCan(user.role, 'case:list') && (
        <>
          <section aria-labelledby="h-tasks">
            <h2 id="h-tasks">{t('home.myTasks')}</h2>
            <Tasks rev={rev} />
          </section>
          <section aria-labelledby="h-cases">
            <h2 id="h-cases">{t('home.myCases')}</h2>
            <MyCases rev={rev} />
            <p>
              <a href="/kasus">{t('home.allCases')}</a>
            </p>
          </section>
        </>
      )}
      {roleCan(user.role, 'coord:read') && (
        <section aria-labelledby="h-coord">
          <h2 id="h-coord">{t('home.coord')}</h2>
          <CoordinationSlot />
        </section>
      )}
      {user.role === 'pimpinan' && (
        <section aria-labelledby="h-stats">
          <h2 id="h-stats">{t('home.stats')}</h2>
          <p class="hint">{t('home.statsHint', { area: user.jurisdictionName })}</p>
          {roleCan(user.role, 'dashboard:read') && (
            <p>
              <a href="/dasbor">{t('home.toDashboard')}</a>
            </p>
          )}
          <Stats />
        </section>
      )}
      {user.role === 'auditor' && (
        <section aria-labelledby="h-audit">
          <h2 id="h-audit">{t('nav.audit')}</h2>
          <p>
            <a href="/audit">{t('home.openAudit')}</a>
          </p>
        </section>
      )}
      {roleCan(user.role, 'simfoni:record') && (
        <section aria-labelledby="h-simfoni">
          <h2 id="h-simfoni">{t('nav.simfoni')}</h2>
          <p>
            <a href="/simfoni">{t('simfoni.title')}</a>
          </p>
        </section>
      )}
      {roleCan(user.role, 'user:manage') && (
        <section aria-labelledby="h-admin">
          <h2 id="h-admin">{t('home.admin')}</h2>
          <ul>
            <li>
              <a href="/admin/pengguna">{t('nav.users')}</a>
            </li>
            <li>
              <a href="/admin/lembaga">{t('nav.orgs')}</a>
            </li>
          </ul>
        </section>
      )}
    </section>
  );
}
