/**
 * An administrator cannot give itself case access (issue 9 §4, decision 016): nobody changes their
 * own role; an organisation's type must fit the roles of its staff, also when both change at the
 * same moment; a password reset or a role change tells the account's owner and the auditors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createHarness,
  DEMO_PASSWORD,
  ENGINES,
  type Harness,
  type Res,
} from '../helpers/harness.ts';

type UserRow = { id: string; email: string; role: string; version: number; orgId: string };
type OrgRow = { id: string; type: string; version: number };

describe.each(ENGINES)('account guards on %s', (engine) => {
  let h: Harness;
  let dinas: Client;
  const db = () => h.svc.conn.db;
  const users = async (c: Client = dinas) => (await c.get('/api/v1/admin/users')).body.items as UserRow[];
  const user = async (email: string) => (await users()).find((u) => u.email === email)!;
  const org = async (id: string) =>
    ((await dinas.get('/api/v1/admin/organisations')).body.items as OrgRow[]).find((o) => o.id === id)!;
  const notificationsOf = (userId: string) =>
    db()
      .selectFrom('notification')
      .select(['kind', 'link', 'ref'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();

  /** A partner organisation of Lebak with `n` partner staff, made by the Dinas administrator. */
  let seq = 0;
  async function partnerWithStaff(n: number): Promise<{ orgId: string; staff: UserRow[] }> {
    seq += 1;
    const o = await dinas.post('/api/v1/admin/organisations', {
      name: `LBH Uji Peran ${seq}`,
      type: 'bantuan_hukum',
      regionCode: '36.02.01',
    });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    const staff: UserRow[] = [];
    for (let i = 0; i < n; i++) {
      const r = await dinas.post('/api/v1/admin/users', {
        email: `staf.${seq}.${i}@lbh-uji.simpul.test`,
        name: `Staf LBH ${seq}-${i}`,
        role: 'mitra',
        orgId: o.body.id,
        password: `Gunung-Halimun-Salak-${seq}${i}9`,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      staff.push(r.body);
    }
    return { orgId: o.body.id, staff };
  }

  beforeAll(async () => {
    h = await createHarness(engine);
    dinas = await h.as('admin-dinas@lebak.demo');
  });
  afterAll(async () => h?.close());

  it('nobody changes their own role, not even the system administrator; another administrator may', async () => {
    const me = await user('admin-dinas@lebak.demo');
    const own = await dinas.patch(`/api/v1/admin/users/${me.id}`, { version: me.version, role: 'manajer' });
    expect(own.status).toBe(403);
    expect(own.body.error.fieldCodes.role).toBe('own_role');
    expect(own.body.error.fields.role).toBe(
      'Anda tidak dapat mengubah peran akun Anda sendiri. Mintalah administrator lain.',
    );
    expect((await user('admin-dinas@lebak.demo')).role).toBe('admin-dinas');
    // the attempt is in the audit log
    const denied = await db()
      .selectFrom('audit_event')
      .select('outcome')
      .where('action', '=', 'user.update')
      .where('entity_id', '=', me.id)
      .execute();
    expect(denied.map((d) => d.outcome)).toEqual(['denied']);
    // the edit form sends the role unchanged with a new name: that is no role change
    const rename = await dinas.patch(`/api/v1/admin/users/${me.id}`, {
      version: me.version,
      role: 'admin-dinas',
      name: 'Admin Dinas Lebak (demo, nama baru)',
    });
    expect(rename.status, JSON.stringify(rename.body)).toBe(200);
    expect(rename.body.role).toBe('admin-dinas');

    const admin = await h.as('admin@lebak.demo');
    const root = (await users(admin)).find((u) => u.email === 'admin@lebak.demo')!;
    const self = await admin.patch(`/api/v1/admin/users/${root.id}`, {
      version: root.version,
      role: 'manajer',
    });
    expect(self.status).toBe(403);
    expect(self.body.error.fieldCodes.role).toBe('own_role');
    // the system administrator changes the Dinas administrator's role: allowed, and told (below)
    const now = await user('admin-dinas@lebak.demo');
    const other = await admin.patch(`/api/v1/admin/users/${now.id}`, {
      version: now.version,
      role: 'pimpinan',
    });
    expect(other.status).toBe(200);
    const back = await admin.patch(`/api/v1/admin/users/${now.id}`, {
      version: other.body.version,
      role: 'admin-dinas',
    });
    expect(back.status).toBe(200);
    dinas = await h.as('admin-dinas@lebak.demo');
  });

  it('refuses to turn an organisation back into a partner while its staff hold case roles', async () => {
    const { orgId, staff } = await partnerWithStaff(1);
    const [s] = staff as [UserRow];
    // the way round it: make the partner a UPTD PPA, its staff a case manager, and flip it back
    const o = await org(orgId);
    const toUptd = await dinas.patch(`/api/v1/admin/organisations/${orgId}`, {
      version: o.version,
      type: 'uptd_ppa',
    });
    expect(toUptd.status).toBe(200);
    const promote = await dinas.patch(`/api/v1/admin/users/${s.id}`, { version: s.version, role: 'manajer' });
    expect(promote.status).toBe(200);
    const back = await dinas.patch(`/api/v1/admin/organisations/${orgId}`, {
      version: toUptd.body.version,
      type: 'bantuan_hukum',
    });
    expect(back.status).toBe(400);
    expect(back.body.error.fieldCodes.type).toBe('roles_not_for_type');
    expect(back.body.error.fields.type).toMatch(/^Lembaga ini masih memiliki staf dengan peran/);
    expect((await org(orgId)).type).toBe('uptd_ppa');
    // a disabled account counts too: it could be enabled again
    const promoted = await user(s.email);
    expect(
      (await dinas.patch(`/api/v1/admin/users/${s.id}`, { version: promoted.version, disabled: true }))
        .status,
    ).toBe(200);
    const again = await dinas.patch(`/api/v1/admin/organisations/${orgId}`, {
      version: toUptd.body.version,
      type: 'bantuan_hukum',
    });
    expect(again.body.error.fieldCodes.type).toBe('roles_not_for_type');
    // once the staff are partner staff again, the type changes
    const disabled = await user(s.email);
    expect(
      (await dinas.patch(`/api/v1/admin/users/${s.id}`, { version: disabled.version, role: 'mitra' })).status,
    ).toBe(200);
    const ok = await dinas.patch(`/api/v1/admin/organisations/${orgId}`, {
      version: toUptd.body.version,
      type: 'bantuan_hukum',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.type).toBe('bantuan_hukum');
  });

  it('a type change and role changes sent at the same moment never leave a case role in a partner organisation', async () => {
    const { orgId } = await partnerWithStaff(5);
    const caseRoles = new Set(['pengaduan', 'manajer', 'pendamping']);
    let flips = 0;
    let promotions = 0;
    for (let round = 0; round < 8; round++) {
      // start each round as a UPTD PPA whose staff are partner staff
      await db().updateTable('organisation').set({ type: 'uptd_ppa' }).where('id', '=', orgId).execute();
      await db().updateTable('app_user').set({ role: 'mitra' }).where('org_id', '=', orgId).execute();
      const o = await org(orgId);
      const current = (await users()).filter((u) => u.orgId === orgId);
      const requests: Array<Promise<Res>> = [
        dinas.patch(`/api/v1/admin/organisations/${orgId}`, { version: o.version, type: 'bantuan_hukum' }),
        ...current.map((u, i) =>
          dinas.patch(`/api/v1/admin/users/${u.id}`, {
            version: u.version,
            role: i % 2 ? 'manajer' : 'pendamping',
          }),
        ),
      ];
      const answers = await Promise.all(requests);
      for (const a of answers) expect([200, 400], JSON.stringify(a.body)).toContain(a.status);
      const type = (
        await db().selectFrom('organisation').select('type').where('id', '=', orgId).executeTakeFirstOrThrow()
      ).type;
      const roles = (
        await db().selectFrom('app_user').select('role').where('org_id', '=', orgId).execute()
      ).map((r) => r.role);
      if (type === 'bantuan_hukum') {
        flips += 1;
        expect(
          roles.filter((r) => caseRoles.has(r)),
          `round ${round}`,
        ).toEqual([]);
      } else promotions += roles.filter((r) => caseRoles.has(r)).length;
      // what each answer said is what happened
      expect(answers[0]!.status === 200, `round ${round}`).toBe(type === 'bantuan_hukum');
    }
    expect(flips + promotions).toBeGreaterThan(0);
  });

  it('a password reset tells the account owner and the auditors of its kab/kota and province, without a name', async () => {
    const provinceAuditor = await h.as(await h.provinceUser('auditor'));
    const auditorSerang = await h.as('auditor@serang.demo');
    const ids = async (c: Client) => (await c.get('/api/v1/auth/me')).body.user.id as string;
    const [lebakAuditorId, provinceAuditorId, serangAuditorId] = [
      await ids(await h.as('auditor@lebak.demo')),
      await ids(provinceAuditor),
      await ids(auditorSerang),
    ];
    const target = await user('pendamping@lebak.demo');
    const r = await dinas.post(`/api/v1/admin/users/${target.id}/reset-password`);
    expect(r.status).toBe(200);
    expect(await notificationsOf(target.id)).toContainEqual({
      kind: 'akun_anda_diatur_ulang',
      link: '/',
      ref: null,
    });
    for (const id of [lebakAuditorId, provinceAuditorId])
      expect(await notificationsOf(id)).toContainEqual({
        kind: 'akun_staf_diatur_ulang',
        link: `/audit?entity=user&entityId=${target.id}`,
        ref: null,
      });
    expect((await notificationsOf(serangAuditorId)).map((n) => n.kind)).not.toContain(
      'akun_staf_diatur_ulang',
    );
    // each is also e-mailed (a job per notification, in the same transaction as the reset)
    const jobs = await db()
      .selectFrom('job')
      .select('payload')
      .where('kind', '=', 'notification.deliver')
      .execute();
    const delivered = new Set(
      jobs.map((j) => (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload).notificationId),
    );
    const mine = await db()
      .selectFrom('notification')
      .select('id')
      .where('kind', 'in', ['akun_anda_diatur_ulang', 'akun_staf_diatur_ulang'])
      .execute();
    expect(mine.length).toBeGreaterThanOrEqual(3);
    for (const n of mine) expect(delivered.has(n.id)).toBe(true);

    // the owner reads it after signing in with the temporary password
    const owner = await h.as('pendamping@lebak.demo', r.body.temporaryPassword);
    const list = (await owner.get('/api/v1/notifications')).body.items as Array<{
      kind: string;
      label: { id: string };
    }>;
    expect(list.find((n) => n.kind === 'akun_anda_diatur_ulang')?.label.id).toBe(
      'Kata sandi akun Anda diatur ulang oleh administrator dan verifikasi dua langkah dimatikan (pasang lagi setelah masuk); jika Anda tidak memintanya, segera hubungi auditor',
    );
    // and the auditor's link opens that account's trail, the reset in it
    const trail = await (await h.as('auditor@lebak.demo')).get(
      `/api/v1/audit?entity=user&entityId=${target.id}`,
    );
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toContain('user.reset_password');
  });

  it('a reset lifts the lock of earlier wrong passwords (the temporary one works at once); nobody resets their own', async () => {
    const target = await user('pimpinan@lebak.demo');
    const login = (password: string) =>
      h.anon.req('POST', '/api/v1/auth/login', { email: 'pimpinan@lebak.demo', password }, {});
    for (let i = 0; i < 5; i++) expect((await login(`Salah-Sekali-Lagi-${i}9`)).status).toBe(401);
    expect((await login(DEMO_PASSWORD)).body.error.code).toBe('ACCOUNT_LOCKED');
    const r = await dinas.post(`/api/v1/admin/users/${target.id}/reset-password`);
    expect(r.status).toBe(200);
    const signedIn = await login(r.body.temporaryPassword);
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);

    const me = (await dinas.get('/api/v1/auth/me')).body.user.id as string;
    const own = await dinas.post(`/api/v1/admin/users/${me}/reset-password`);
    expect(own.status).toBe(403);
    expect(own.body.error.fieldCodes).toEqual({ id: 'own_account' });
    // still signed in, password unchanged
    expect((await dinas.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('a role change tells the account owner and the auditors', async () => {
    const target = await user('pengaduan@lebak.demo');
    const auditorId = (await user('auditor@lebak.demo')).id;
    const r = await dinas.patch(`/api/v1/admin/users/${target.id}`, {
      version: target.version,
      role: 'manajer',
    });
    expect(r.status).toBe(200);
    expect(await notificationsOf(target.id)).toContainEqual({
      kind: 'peran_anda_diubah',
      link: '/',
      ref: null,
    });
    expect(await notificationsOf(auditorId)).toContainEqual({
      kind: 'peran_staf_diubah',
      link: `/audit?entity=user&entityId=${target.id}`,
      ref: null,
    });
    // saving the same role again is no change and tells nobody
    const before = (await notificationsOf(auditorId)).length;
    const same = await dinas.patch(`/api/v1/admin/users/${target.id}`, {
      version: r.body.version,
      role: 'manajer',
    });
    expect(same.status).toBe(200);
    expect((await notificationsOf(auditorId)).length).toBe(before);
  });
});
