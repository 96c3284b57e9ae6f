import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseDto } from '../../../../../src/domain/dto.ts';
import type { Role } from '../../../../../src/domain/policy.ts';
import { ROLE_LABELS } from '../../../../../src/domain/policy.ts';
import { call } from '../../../api.ts';
import {
  ErrorSummary,
  type Ident,
  IdentFields,
  identLabels,
  onlyChanged,
  orNull,
  SelectField,
  useAction,
} from '../../../components/form.tsx';
import { LoadError, Loading, useLoad } from '../../../components/page.tsx';
import { label, t } from '../../../i18n/index.ts';
import { fmtDateTime, isoToLocal, localToIso } from '../../../lib/format.ts';
import { useStore } from '../../../lib/store.ts';
import { codeLabel, userStore } from '../../../lib/taxonomies.ts';
import type { TabProps } from '../shared.ts';

function identOf(c: CaseDto): Ident {
  return {
    channel: c.channel ?? '',
    receivedAt: isoToLocal(c.receivedAt, c.jurisdiction),
    caseType: c.caseType ?? '',
    risk: c.risk ?? '',
    authority: c.authority ?? '',
    summary: c.summary ?? '',
  };
}

function IdentificationForm({ c, reload, tx }: TabProps) {
  const [v, setV] = useState<Ident>(() => identOf(c));
  // what the server said when the form was filled: after a reload, fields the user did not touch
  // follow the server, fields the user changed keep the user's text
  const shown = useRef<Ident>(identOf(c));
  useEffect(() => {
    const server = identOf(c);
    const before = shown.current;
    setV((cur) => {
      const next = { ...cur };
      for (const k of Object.keys(server) as Array<keyof Ident>)
        if (cur[k] === before[k]) next[k] = server[k];
      return next;
    });
    shown.current = server;
  }, [c.version]);
  const [saved, setSaved] = useState(false);
  const set = (k: keyof typeof v) => (x: string) => {
    setSaved(false);
    setV((s) => ({ ...s, [k]: x }));
  };
  const { busy, error, attempt, run } = useAction();
  const labels = identLabels();
  const toBody = (x: typeof v) => ({
    channel: x.channel || undefined,
    receivedAt: localToIso(x.receivedAt, c.jurisdiction),
    caseType: orNull(x.caseType),
    risk: orNull(x.risk),
    authority: orNull(x.authority),
    summary: orNull(x.summary),
  });
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const body = toBody(v);
      await call('PATCH /cases/{id}', {
        params: { id: c.id },
        body: { version: c.version, ...onlyChanged(body, toBody(shown.current)) },
      });
      await reload();
      setSaved(true);
    });
  };
  const ro = !c.permissions.update;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="h-ident">
      <h3 id="h-ident">{t('summary.identification')}</h3>
      <ErrorSummary error={error} attempt={attempt} prefix="cs" labels={labels} onReload={reload} />
      {saved && (
        <p class="notice ok" role="status">
          {t('common.saved')}
        </p>
      )}
      <fieldset disabled={ro} class="plain">
        <IdentFields
          prefix="cs"
          v={v}
          set={set}
          error={error}
          tx={tx}
          labels={labels}
          region={c.jurisdiction}
          edit
        />
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

function AssignForm({ c, reload }: TabProps) {
  const {
    data,
    error: loadErr,
    loading,
  } = useLoad(
    (signal) => call('GET /users/assignable', { query: { caseId: c.id }, signal }).then((x) => x.items),
    [c.id],
  );
  const companionsNow = c.members.filter((m) => m.id !== c.managerId).map((m) => m.id);
  const [managerId, setManagerId] = useState(c.managerId ?? '');
  const [companions, setCompanions] = useState<string[]>(companionsNow);
  const [saved, setSaved] = useState(false);
  const { busy, error, attempt, run } = useAction();
  if (loading && !data) return <Loading />;
  if (loadErr) return <LoadError error={loadErr} />;
  const staff = data ?? [];
  const managers = staff.filter((u) => u.role === 'manajer');
  const companionOptions = staff.filter((u) => u.role === 'manajer' || u.role === 'pendamping');
  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    run(async () => {
      await call('POST /cases/{id}/assign', {
        params: { id: c.id },
        body: {
          version: c.version,
          managerId: managerId || null,
          companionIds: companions.filter((x) => x !== managerId),
        },
      });
      await reload();
      setSaved(true);
    });
  };
  const roleText = (r: Role) => label(ROLE_LABELS[r], r);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="h-assign">
      <h3 id="h-assign">{t('assign.title')}</h3>
      <ErrorSummary
        error={error}
        attempt={attempt}
        prefix="as"
        labels={{ managerId: t('assign.manager'), companionIds: t('assign.companions') }}
        onReload={reload}
      />
      {saved && (
        <p class="notice ok" role="status">
          {t('common.saved')}
        </p>
      )}
      <SelectField
        prefix="as"
        name="managerId"
        label={t('assign.manager')}
        value={managerId}
        onValue={setManagerId}
        empty={t('case.noManager')}
        options={managers.map((u) => ({ value: u.id, text: u.name }))}
        error={error}
      />
      <fieldset id="as-companionIds" tabIndex={-1} class="field checks">
        <legend>{t('assign.companions')}</legend>
        {companionOptions.length === 0 && <p class="hint">{t('assign.none')}</p>}
        {companionOptions
          .filter((u) => u.id !== managerId)
          .map((u) => (
            <label class="check" key={u.id}>
              <input
                type="checkbox"
                checked={companions.includes(u.id)}
                onChange={(e) =>
                  setCompanions((xs) =>
                    e.currentTarget.checked ? [...xs, u.id] : xs.filter((x) => x !== u.id),
                  )
                }
              />{' '}
              {u.name} ({roleText(u.role)})
            </label>
          ))}
        {error?.fields.companionIds && <p class="field-error">{error.fields.companionIds}</p>}
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('assign.submit')}
        </button>
      </div>
    </form>
  );
}

function Members({ c }: { c: CaseDto }) {
  return (
    <section aria-labelledby="h-team">
      <h3 id="h-team">{t('summary.team')}</h3>
      {c.members.length === 0 ? (
        <p>{t('summary.noTeam')}</p>
      ) : (
        <ul>
          {c.members.map((m) => (
            <li key={m.id}>
              {m.name} — {m.id === c.managerId ? t('assign.manager') : label(ROLE_LABELS[m.role], m.role)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Tasks({ c }: { c: CaseDto }) {
  const tasks = [...c.tasks].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt),
  );
  return (
    <section aria-labelledby="h-ctasks">
      <h3 id="h-ctasks">{t('summary.tasks')}</h3>
      {tasks.length === 0 ? (
        <p>{t('home.noTasks')}</p>
      ) : (
        <ul class="task-list">
          {tasks.map((x) => (
            <li key={`${x.rule}-${x.subjectId ?? ''}`} class={x.overdue ? 'overdue' : undefined}>
              {x.overdue && <span class="badge danger">{t('task.overdue')}</span>}
              {x.doneAt && <span class="badge ok">{t('task.done')}</span>}
              <span class="task-label">{label(x.label)}</span>
              <span class="task-meta">
                {t('task.due')}: {fmtDateTime(x.dueAt, c.jurisdiction)}
                {x.doneAt && ` · ${t('task.doneAt')}: ${fmtDateTime(x.doneAt, c.jurisdiction)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A case with no manager, seen by a case manager: say so first, and let her take it ("Ambil"). */
function NoManager({ c, reload }: TabProps) {
  const actor = useStore(userStore);
  const { busy, error, attempt, run } = useAction();
  if (c.managerId || c.closedAt || actor?.role !== 'manajer') return null;
  const take = () =>
    run(async () => {
      await call('POST /cases/{id}/take', { params: { id: c.id } });
      await reload();
    });
  return (
    <div class="notice warn" role="status">
      <ErrorSummary error={error} attempt={attempt} prefix="take" labels={{}} />
      <p>
        <strong>{t('queue.unassigned')}</strong>
      </p>
      <button
        type="button"
        class="primary"
        disabled={busy}
        onClick={take}
        aria-label={t('queue.takeLabel', { number: c.number })}
      >
        {t('queue.take')}
      </button>
    </div>
  );
}

export function Summary(p: TabProps) {
  const { c, tx } = p;
  return (
    <div class="stack">
      <NoManager {...p} />
      <dl class="facts">
        <div>
          <dt>{t('case.org')}</dt>
          <dd>{c.orgName}</dd>
        </div>
        <div>
          <dt>{t('case.caseType')}</dt>
          <dd>{codeLabel(tx, 'caseTypes', c.caseType)}</dd>
        </div>
        <div>
          <dt>{t('case.victims')}</dt>
          <dd>{c.victimCount}</dd>
        </div>
        <div>
          <dt>{t('case.updatedAt')}</dt>
          <dd>{fmtDateTime(c.updatedAt, c.jurisdiction)}</dd>
        </div>
        {c.reopenCount > 0 && (
          <div>
            <dt>{t('case.reopenCount')}</dt>
            <dd>{c.reopenCount}</dd>
          </div>
        )}
      </dl>
      <IdentificationForm {...p} />
      <Tasks c={c} />
      <Members c={c} />
      {c.permissions.assign && <AssignForm {...p} />}
    </div>
  );
}
