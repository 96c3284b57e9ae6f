/**
 * /pelatihan/kebutuhan: the Dinas's required training types per case role (its administrator
 * changes them, with a validity in years), and the gap view — case officers and companions who
 * have not completed a required type or whose completion expired (managers and pimpinan).
 */
import './words.ts';
import { useState } from 'preact/hooks';
import type { TrainingRequirementsDto, TrainingTypeDto } from '../../../../src/domain/contract/training.ts';
import { call } from '../../api.ts';
import { CardTable, ErrorSummary, Submit, TextField, useAction } from '../../components/form.tsx';
import { LoadError, Loading, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate } from '../../lib/format.ts';
import { typeName } from './EventForm.tsx';

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
  const { busy, error, attempt, run } = useAction();
  const prefix = 'tr-req';
  const toggle = (typeId: string, role: string, on: boolean) => {
    const r = rows[typeId] ?? { roles: [], validYears: '' };
    const roles = on ? [...new Set([...r.roles, role])] : r.roles.filter((x) => x !== role);
    setRows({ ...rows, [typeId]: { ...r, roles } });
  };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const items = Object.entries(rows)
        .filter(([, r]) => r.roles.length > 0)
        .map(([typeId, r]) => ({
          typeId,
          roles: r.roles,
          validYears: r.validYears.trim() === '' ? null : Number(r.validYears),
        }));
      const saved = await call('PUT /training/requirements', { body: { version: req.version, items } });
      onSaved(saved);
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('train.requirements')}>
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
                  <th scope="row">{typeName(ty.id, ty.name)}</th>
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
                      {typeName(m.typeId, m.typeName)}:{' '}
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

function Types({ types, onChanged }: { types: TrainingTypeDto[]; onChanged: () => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const add = useAction();
  const toggle = useAction();
  const prefix = 'tr-type';
  const labels = { code: t('train.typeCode'), name: t('train.typeName') };
  const submit = (e: Event) => {
    e.preventDefault();
    setNotice(null);
    add.run(async () => {
      const made = await call('POST /training/types', { body: { code, name } });
      setCode('');
      setName('');
      setNotice(t('train.typeAdded', { name: made.name }));
      onChanged();
    });
  };
  const own = types.filter((x) => x.jurisdiction !== null);
  return (
    <section aria-labelledby="h-tr-types">
      <h2 id="h-tr-types">{t('train.types')}</h2>
      <p>{t('train.typesIntro')}</p>
      {own.length > 0 && (
        <ul>
          {own.map((x) => (
            <li key={x.id}>
              {typeName(x.id, x.name)} ({x.code}) ·{' '}
              {x.active ? t('train.typeActive') : t('train.typeInactive')}{' '}
              <button
                type="button"
                disabled={toggle.busy}
                onClick={() =>
                  toggle.run(async () => {
                    await call('PATCH /training/types/{id}', {
                      params: { id: x.id },
                      body: { version: x.version, active: !x.active },
                    });
                    onChanged();
                  })
                }
              >
                {x.active
                  ? t('train.typeDeactivate', { name: x.name })
                  : t('train.typeActivate', { name: x.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary error={toggle.error} attempt={toggle.attempt} prefix={`${prefix}-toggle`} />
      <Notice text={notice} />
      <form onSubmit={submit} noValidate aria-label={t('train.typeAdd')}>
        <ErrorSummary error={add.error} attempt={add.attempt} prefix={prefix} labels={labels} />
        <TextField
          prefix={prefix}
          name="name"
          label={labels.name}
          value={name}
          onValue={setName}
          maxLength={200}
          error={add.error}
          required
        />
        <TextField
          prefix={prefix}
          name="code"
          label={labels.code}
          hint={t('train.typeCodeHint')}
          value={code}
          onValue={setCode}
          maxLength={40}
          error={add.error}
          required
        />
        <Submit busy={add.busy}>{t('train.typeAdd')}</Submit>
      </form>
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
      <Notice text={saved ? t('train.reqSaved') : null} />
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
                {typeName(i.typeId, i.typeName)}: {i.roles.map(roleLabel).join(', ')}
                {i.validYears !== null && ` · ${t('train.validFor', { n: i.validYears })}`}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {r?.canEdit && types.data && <Types types={types.data.items} onChanged={types.reload} />}
      <Gaps key={r?.version ?? 0} />
    </section>
  );
}
