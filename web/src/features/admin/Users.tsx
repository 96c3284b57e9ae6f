import './words.ts';
import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { OrgDto, UserDto } from '../../../../src/domain/dto.ts';
import { ROLE_LABELS, ROLES, type Role } from '../../../../src/domain/policy.ts';
import { call } from '../../api.ts';
import {
  bindField,
  CardTable,
  Checkbox,
  EditButton,
  ErrorSummary,
  FormActions,
  SelectField,
  TextField,
  useAction,
} from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { label, t } from '../../i18n/index.ts';
import { useAdminOrgs } from '../../lib/orgs.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

function roleOptions(actor: UserDto) {
  return ROLES.filter((r) => actor.role === 'admin' || r !== 'admin').map((r) => ({
    value: r,
    text: label(ROLE_LABELS[r]),
  }));
}

function CreateUser({
  actor,
  orgs,
  onDone,
}: {
  actor: UserDto;
  orgs: OrgDto[];
  onDone: (created: boolean) => void;
}) {
  const [v, setV] = useState({
    email: '',
    name: '',
    role: '',
    orgId: actor.role === 'admin-dinas' ? actor.orgId : '',
    password: '',
  });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { busy, error, attempt, run } = useAction();
  const labels = {
    email: t('user.email'),
    name: t('user.name'),
    role: t('user.role'),
    orgId: t('user.org'),
    password: t('user.initialPassword'),
  };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await call('POST /admin/users', { body: { ...v, email: v.email.trim() } });
      onDone(true);
    });
  };
  const common = { prefix: 'nu', error };
  const field = bindField(v, set, labels);
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-labelledby="h-newuser">
      <h2 id="h-newuser">{t('user.add')}</h2>
      <ErrorSummary error={error} attempt={attempt} prefix="nu" labels={labels} />
      <div class="grid">
        <TextField {...common} {...field('name')} required />
        <TextField {...common} {...field('email')} type="email" autoComplete="off" required />
        <SelectField {...common} {...field('role')} options={roleOptions(actor)} required />
        <SelectField
          {...common}
          {...field('orgId')}
          options={orgs.map((o) => ({ value: o.id, text: o.name }))}
          required
        />
      </div>
      <TextField
        {...common}
        {...field('password')}
        type="password"
        autoComplete="new-password"
        hint={t('user.initialPasswordHint')}
        required
      />
      <FormActions busy={busy} onCancel={() => onDone(false)} />
    </form>
  );
}

function EditUser({
  actor,
  user,
  reload,
  onDone,
}: {
  actor: UserDto;
  user: UserDto;
  reload: () => void;
  onDone: () => void;
}) {
  const [v, setV] = useState({
    name: user.name,
    role: user.role as string,
    disabled: user.disabled === true,
  });
  const { busy, error, attempt, run } = useAction();
  const prefix = `eu-${user.id.slice(0, 8)}`;
  const labels = { name: t('user.name'), role: t('user.role'), disabled: t('user.disabled') };
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await call('PATCH /admin/users/{id}', {
        params: { id: user.id },
        body: { version: user.version ?? 1, name: v.name, role: v.role, disabled: v.disabled },
      });
      reload();
      onDone();
    });
  };
  const self = actor.id === user.id;
  return (
    <form class="subform" onSubmit={submit} noValidate aria-label={t('user.editTitle', { name: user.name })}>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} onReload={reload} />
      <TextField
        prefix={prefix}
        error={error}
        name="name"
        label={labels.name}
        value={v.name}
        onValue={(x) => setV((s) => ({ ...s, name: x }))}
      />
      <SelectField
        prefix={prefix}
        error={error}
        name="role"
        label={labels.role}
        value={v.role}
        onValue={(x) => setV((s) => ({ ...s, role: x }))}
        // nobody changes their own role (decision 016): another administrator must
        options={
          self
            ? [{ value: user.role, text: label(ROLE_LABELS[user.role as Role], user.role) }]
            : roleOptions(actor)
        }
        hint={self ? t('user.ownRoleHint') : undefined}
        empty={false}
      />
      {!self && (
        <Checkbox
          prefix={prefix}
          error={error}
          name="disabled"
          label={labels.disabled}
          checked={v.disabled}
          onChecked={(x) => setV((s) => ({ ...s, disabled: x }))}
        />
      )}
      <FormActions busy={busy} onCancel={onDone} />
    </form>
  );
}

export default function Users() {
  const actor = useStore(userStore);
  const allowed = !!actor && roleCan(actor.role, 'user:manage');
  const users = useLoad(
    (signal) => (allowed ? call('GET /admin/users', { signal }).then((x) => x.items) : Promise.resolve([])),
    [allowed],
  );
  const orgs = useAdminOrgs(allowed);
  const [mode, setMode] = useState<string | null>(null);
  const [temp, setTemp] = useState<{ name: string; password: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reset = useAction();
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;

  const resetPassword = (u: UserDto) => {
    if (!window.confirm(t('user.resetConfirm', { name: u.name }))) return;
    setTemp(null);
    reset.run(async () => {
      const r = await call('POST /admin/users/{id}/reset-password', { params: { id: u.id } });
      setTemp({ name: u.name, password: r.temporaryPassword });
    });
  };
  const orgName = (id: string, fallback: string) => orgs.data?.find((o) => o.id === id)?.name ?? fallback;
  const title = t('user.title');
  const list = users.data ?? [];

  return (
    <section>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
        {mode !== 'new' && (
          <button
            type="button"
            class="primary"
            onClick={() => {
              setMode('new');
              setNotice(null);
            }}
          >
            {t('user.add')}
          </button>
        )}
      </div>
      {notice && (
        <p class="notice ok" role="status">
          {notice}
        </p>
      )}
      {temp && (
        <div class="notice warn" role="alert">
          <p>{t('user.tempPassword', { name: temp.name })}</p>
          <p>
            <code class="secret">{temp.password}</code>
          </p>
          <p>{t('user.tempPasswordAdvice')}</p>
          <button type="button" onClick={() => setTemp(null)}>
            {t('action.close')}
          </button>
        </div>
      )}
      {reset.error && <LoadError error={reset.error} />}
      {mode === 'new' && (
        <CreateUser
          actor={actor}
          orgs={orgs.data ?? []}
          onDone={(created) => {
            setMode(null);
            if (created) {
              setNotice(t('user.created'));
              users.reload();
            }
          }}
        />
      )}
      {users.loading && !users.data ? (
        <Loading />
      ) : users.error ? (
        <LoadError error={users.error} onRetry={users.reload} />
      ) : (
        <CardTable
          caption={title}
          items={list}
          columns={[
            { head: t('user.name'), cell: (u) => u.name },
            { head: t('user.email'), cell: (u) => u.email },
            { head: t('user.role'), cell: (u) => label(ROLE_LABELS[u.role as Role], u.role) },
            { head: t('user.org'), cell: (u) => orgName(u.orgId, u.orgName) },
            {
              head: t('user.status'),
              cell: (u) => (
                <>
                  {u.disabled ? (
                    <span class="badge danger">{t('user.statusDisabled')}</span>
                  ) : (
                    t('user.statusActive')
                  )}
                  {u.mfaEnabled ? ` · ${t('user.mfaOn')}` : ''}
                </>
              ),
            },
            {
              head: t('common.actions'),
              cell: (u) =>
                mode === u.id ? (
                  <EditUser actor={actor} user={u} reload={users.reload} onDone={() => setMode(null)} />
                ) : (
                  <div class="row-actions">
                    <EditButton onClick={() => setMode(u.id)} aria={t('user.editAria', { name: u.name })} />
                    {u.id !== actor.id && (
                      <button
                        type="button"
                        onClick={() => resetPassword(u)}
                        disabled={reset.busy}
                        aria-label={t('user.resetAria', { name: u.name })}
                      >
                        {t('user.reset')}
                      </button>
                    )}
                  </div>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
