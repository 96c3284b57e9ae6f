import { useState } from 'preact/hooks';
import type { OrgDto, UserDto } from '../../../../src/domain/dto.ts';
import { ROLE_LABELS, ROLES, type Role } from '../../../../src/domain/policy.ts';
import { api, asList } from '../../api.ts';
import { Checkbox, ErrorSummary, SelectField, TextField, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { label, t } from '../../i18n/index.ts';
import { isAdmin } from '../../lib/roles.ts';
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
      await api('/admin/users', { create: true, body: { ...v, email: v.email.trim() } });
      onDone(true);
    });
  };
  const common = { prefix: 'nu', error };
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-labelledby="h-newuser">
      <h2 id="h-newuser">{t('user.add')}</h2>
      <ErrorSummary error={error} attempt={attempt} prefix="nu" labels={labels} />
      <div class="grid">
        <TextField
          {...common}
          name="name"
          label={labels.name}
          value={v.name}
          onValue={set('name')}
          required
        />
        <TextField
          {...common}
          name="email"
          type="email"
          autoComplete="off"
          label={labels.email}
          value={v.email}
          onValue={set('email')}
          required
        />
        <SelectField
          {...common}
          name="role"
          label={labels.role}
          value={v.role}
          onValue={set('role')}
          options={roleOptions(actor)}
          required
        />
        <SelectField
          {...common}
          name="orgId"
          label={labels.orgId}
          value={v.orgId}
          onValue={set('orgId')}
          options={orgs.map((o) => ({ value: o.id, text: o.name }))}
          required
        />
      </div>
      <TextField
        {...common}
        name="password"
        type="password"
        autoComplete="new-password"
        label={labels.password}
        hint={t('user.initialPasswordHint')}
        value={v.password}
        onValue={set('password')}
        required
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('action.save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('action.cancel')}
        </button>
      </div>
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
      await api(`/admin/users/${user.id}`, {
        method: 'PATCH',
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
        options={roleOptions(actor)}
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
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('action.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

export default function Users() {
  const actor = useStore(userStore);
  const allowed = !!actor && isAdmin(actor.role);
  const users = useLoad(
    (signal) =>
      allowed
        ? api<UserDto[] | { items: UserDto[] }>('/admin/users', { signal }).then(asList)
        : Promise.resolve([]),
    [allowed],
  );
  const orgs = useLoad(
    (signal) =>
      allowed
        ? api<OrgDto[] | { items: OrgDto[] }>('/admin/organisations', { signal }).then(asList)
        : Promise.resolve([]),
    [allowed],
  );
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
      const r = await api<{ temporaryPassword: string }>(`/admin/users/${u.id}/reset-password`, {
        method: 'POST',
      });
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
        <div class="table-wrap">
          <table class="cards">
            <caption class="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('user.name')}</th>
                <th scope="col">{t('user.email')}</th>
                <th scope="col">{t('user.role')}</th>
                <th scope="col">{t('user.org')}</th>
                <th scope="col">{t('user.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr key={u.id}>
                  <th scope="row" data-label={t('user.name')}>
                    {u.name}
                  </th>
                  <td data-label={t('user.email')}>{u.email}</td>
                  <td data-label={t('user.role')}>{label(ROLE_LABELS[u.role as Role], u.role)}</td>
                  <td data-label={t('user.org')}>{orgName(u.orgId, u.orgName)}</td>
                  <td data-label={t('user.status')}>
                    {u.disabled ? (
                      <span class="badge danger">{t('user.statusDisabled')}</span>
                    ) : (
                      t('user.statusActive')
                    )}
                    {u.mfaEnabled ? ` · ${t('user.mfaOn')}` : ''}
                  </td>
                  <td data-label={t('common.actions')}>
                    {mode === u.id ? (
                      <EditUser actor={actor} user={u} reload={users.reload} onDone={() => setMode(null)} />
                    ) : (
                      <div class="row-actions">
                        <button
                          type="button"
                          onClick={() => setMode(u.id)}
                          aria-label={t('user.editAria', { name: u.name })}
                        >
                          {t('action.edit')}
                        </button>
                        <button
                          type="button"
                          onClick={() => resetPassword(u)}
                          disabled={reset.busy}
                          aria-label={t('user.resetAria', { name: u.name })}
                        >
                          {t('user.reset')}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
