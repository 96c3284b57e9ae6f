/**
 * /pelatihan/kebutuhan: the Dinas's required training types per case role (its administrator
 * changes them, with a validity in years), and the gap view — case officers and companions who
 * have not completed a required type or whose completion expired (managers and pimpinan).
 */
import { useState } from 'preact/hooks';
import type { TrainingRequirementsDto, TrainingTypeDto } from '../../../../src/domain/contract/training.ts';
import { call } from '../../api.ts';
import { CardTable, ErrorSummary, Submit, useAction } from '../../components/form.tsx';
import { LoadError, Loading, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate } from '../../lib/format.ts';

const ROLES = ['pengaduan', 'manajer', 'pendamping'] as const;
const roleLabel = (r: string) =>
  r === 'pengaduan'
    ? t('train.rolePengaduan')
    : r === 'manajer'
      ? t('train.roleManajer')
      : t('train.rolePendamping');

type Row = { roles: string[]; validYears: string };

function RequirementsForm({
  req,
  types,
  onSaved,
}: {
  req: TrainingRequirementsDto;
  types: TrainingTypeDto[];
  onSaved: (r: TrainingRequirementsDto) => void;
}) {
  const [rows, setRows] = useState<Record<string, Row>>(() =>
    Object.fromEntries(
      req.items.map((i) => [
        i.typeId,
        { roles: i.roles, validYears: i.validYears === null ? '' : String(i.validYears) },
      ]),
    ),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, attempt, run } = useAction();
  const prefix = 'tr-req';
  const toggle = (typeId: string, role: string, on: boolean) => {
    const r = rows[typeId] ?? { roles: [], validYears: '' };
    const roles = on ? [...new Set([...r.roles, role])] : r.roles.filter((x) => x !== role);
    setRows({ ...rows, [typeId]: { ...r, roles } });
  };
  const submit = (e: Event) => {
    e.preventDefault();
    setNotice(null);
    run(async () => {
      const items = Object.entries(rows)
        .filter(([, r]) => r.roles.length > 0)
        .map(([typeId, r]) => ({
          typeId,
          roles: r.roles,
          validYears: r.validYears.trim() === '' ? null : Number(r.validYears),
        }));
      const saved = await call('PUT /training/requirements', { body: { version: req.version, items } });
      setNotice(t('train.reqSaved'));
      onSaved(saved);
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('train.requirements')}>
      <Notice text={notice} />
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} />
      <div class="table-scroll">
        <table>
          <caption>{t('train.requirements')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('train.type')}</th>
              {ROLES.map((r) => (
                <th key={r} scope="col">
                  {roleLabel(r)}
                </th>
              ))}
              <th scope="col">{t('train.validYears')}</th>
            </tr>
          </thead>
          <tbody>
            {types.map((ty) => {
              const r = rows[ty.id] ?? { roles: [], validYears: '' };
              return (
                <tr key={ty.id}>
                  <th scope="row">{ty.name}</th>
                  {ROLES.map((role) => (
                    <td key={role}>
                      <input
                        type="checkbox"
                        id={`${prefix}-${ty.id}-${role}`}
                        aria-label={t('train.requiredFor', { type: ty.name, role: roleLabel(role) })}
                        checked={r.roles.includes(role)}
                        onChange={(e) => toggle(ty.id, role, e.currentTarget.checked)}
                      />
                    </td>
                  ))}
                  <td>
                    <input
                      type="number"
                      inputMode="numeric"
                      min="1"
                      max="20"
                      class="narrow"
                      aria-label={t('train.validYearsOf', { type: ty.name })}
                      value={r.validYears}
                      onInput={(e) =>
                        setRows({ ...rows, [ty.id]: { ...r, validYears: e.currentTarget.value } })
                      }
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="hint">{t('train.validHint')}</p>
      <Submit busy={busy}>{t('train.saveReq')}</Submit>
    </form>
  );
}

function Gaps() {
  const gaps = useLoad((signal) => call('GET /training/gaps', { signal }), []);
  if (gaps.loading && !gaps.data) return <Loading />;
  if (gaps.error) {
    const status = (gaps.error as { status?: number }).status;
    return status === 403 ? null : <LoadError error={gaps.error} onRetry={gaps.reload} />;
  }
  const g = gaps.data;
  if (!g) return null;
  const missingCount = g.people.reduce((n, p) => n + p.missing.length, 0);
  return (
    <section aria-labelledby="h-tr-gaps">
      <h2 id="h-tr-gaps">{t('train.gaps')}</h2>
      <p id="tr-gap-summary">
        {t('train.gapSummary', { people: g.people.length, checked: g.checked, missing: missingCount })}
      </p>
      {g.people.length > 0 && (
        <CardTable
          caption={t('train.gaps')}
          items={g.people.map((p) => ({ ...p, id: p.userId }))}
          columns={[
            { head: t('train.name'), cell: (p) => p.name },
            { head: t('train.role'), cell: (p) => roleLabel(p.role) },
            { head: t('train.org'), cell: (p) => p.org.name },
            {
              head: t('train.missing'),
              cell: (p) => (
                <ul>
                  {p.missing.map((m) => (
                    <li key={m.typeId}>
                      {m.typeName}:{' '}
                      {m.status === 'belum'
                        ? t('train.never')
                        : t('train.expired', { date: fmtDate(m.expiredOn ?? '') })}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}

export default function TrainingNeeds() {
  const req = useLoad((signal) => call('GET /training/requirements', { signal }), []);
  const types = useLoad((signal) => call('GET /training/types', { signal }), []);
  const [saved, setSaved] = useState<TrainingRequirementsDto | null>(null);
  const title = t('train.needsTitle');
  const r = saved ?? req.data;
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <p>
        <a href="/pelatihan">{t('train.back')}</a>
      </p>
      <p class="lead">{t('train.needsIntro')}</p>
      {req.loading && !req.data ? (
        <Loading />
      ) : req.error ? (
        <LoadError error={req.error} onRetry={req.reload} />
      ) : r ? (
        r.canEdit && types.data ? (
          <RequirementsForm
            key={r.version}
            req={r}
            types={types.data.items.filter((x) => x.active || r.items.some((i) => i.typeId === x.id))}
            onSaved={setSaved}
          />
        ) : r.items.length === 0 ? (
          <p>{t('train.noReq')}</p>
        ) : (
          <ul>
            {r.items.map((i) => (
              <li key={i.typeId}>
                {i.typeName}: {i.roles.map(roleLabel).join(', ')}
                {i.validYears !== null && ` · ${t('train.validFor', { n: i.validYears })}`}
              </li>
            ))}
          </ul>
        )
      ) : null}
      <Gaps key={r?.version ?? 0} />
    </section>
  );
}
