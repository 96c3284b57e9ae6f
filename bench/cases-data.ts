/**
 * Realistic synthetic cases for the list budgets (issue 10 §5), generated inside the database so
 * that a million take about a minute: per case a victim, a perpetrator and every third a reporter
 * (names encrypted with the installation's key, searchable tokens), one or two incidents with
 * forms of violence and an encrypted chronology, a manager on half of them, an audit row, and an
 * intake item for every tenth (the newest still open in the inbox).
 * Spread over Lebak (36.02, three in four) and Kota Serang (36.73), over the last three years.
 * Synthetic people only.
 */
import { type Kysely, sql } from 'kysely';
import type { Keyring } from '../src/app/crypto.ts';
import type { Database } from '../src/db/schema.ts';

const GIVEN = [
  'Siti',
  'Dewi',
  'Nur',
  'Rina',
  'Ayu',
  'Budi',
  'Agus',
  'Joko',
  'Rahmat',
  'Putri',
  'Wati',
  'Eka',
];
const FAMILY = ['Lestari', 'Saputra', 'Hidayat', 'Wulandari', 'Kurniawan', 'Pratama', 'Susanti', 'Nugroho'];
const FORMS = ['fisik', 'psikis', 'seksual', 'penelantaran', 'eksploitasi', 'trafficking'];
const CHRONOLOGY =
  'Menurut pelapor, kejadian berulang di rumah sejak beberapa bulan; korban datang bersama ibunya dan meminta pendampingan. (sintetis)';

/** The number of distinct names: a name search narrows to about N / POOL cases. */
export const NAME_POOL = 20_000;
const SYLLABLES = [
  'ba',
  'di',
  'ku',
  'mo',
  'ra',
  'se',
  'ti',
  'wa',
  'ni',
  'lo',
  'pu',
  'ge',
  'ya',
  'ha',
  'ju',
  'fe',
];
/** A made-up family word of letters only, one per i (names are searched by their letters, not digits). */
function word(i: number): string {
  let w = '';
  for (let n = i + SYLLABLES.length ** 2; n > 0; n = Math.floor(n / SYLLABLES.length))
    w += SYLLABLES[n % SYLLABLES.length];
  return w[0]!.toUpperCase() + w.slice(1);
}
/** A name that exists in the pool (for the name-search bench): three words, the last one its own. */
export function poolName(i: number): string {
  return `${GIVEN[i % GIVEN.length]} ${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]} ${word(i)}`;
}

const STAT_TRIGGERS = [
  ['case_file', 'case_file_stat_insert'],
  ['case_file', 'case_file_stat_update'],
  ['person', 'person_stat'],
  ['incident', 'incident_stat'],
  ['relationship', 'relationship_stat'],
  ['case_record', 'case_record_stat'],
] as const;

export async function generateCases(
  db: Kysely<Database>,
  keys: Keyring,
  n: number,
  ids: { orgId: string; managerId: string },
): Promise<void> {
  // the figures' triggers (migration 0018) would mark a bucket per row; one mark per month at the
  // end does the same for the rollup (bench/lists.ts rebuilds it before measuring the dashboard)
  for (const [table, trigger] of STAT_TRIGGERS)
    await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER ${sql.ref(trigger)}`.execute(db);
  await sql`CREATE TEMP TABLE bench_name (i int PRIMARY KEY, enc text NOT NULL, tokens text[] NOT NULL)`.execute(
    db,
  );
  // the desa of each kab/kota, so that incidents and victims are spread over kecamatan and desa
  await sql`CREATE TEMP TABLE bench_desa AS
    SELECT substr(code, 1, 5) AS jurisdiction, array_agg(code ORDER BY code) AS codes
    FROM region WHERE level = 4 AND substr(code, 1, 5) IN ('36.02', '36.73') GROUP BY 1`.execute(db);
  const BATCH = 1000;
  for (let b = 0; b < NAME_POOL; b += BATCH) {
    const rows = [];
    for (let i = b; i < Math.min(NAME_POOL, b + BATCH); i++) {
      const name = poolName(i);
      rows.push(sql`(${i}, ${keys.encrypt(name)}, ${keys.nameTokens(name)}::text[])`);
    }
    await sql`INSERT INTO bench_name (i, enc, tokens) VALUES ${sql.join(rows)}`.execute(db);
  }
  const chronology = keys.encrypt(CHRONOLOGY);
  const STEP = 100_000;
  for (let from = 1; from <= n; from += STEP) {
    const to = Math.min(n, from + STEP - 1);
    // cases: newest first by number; Lebak three in four
    await sql`
      INSERT INTO case_file (id, number, jurisdiction, org_id, manager_id, stage, channel, received_at,
                             case_type, risk, created_at, updated_at)
      SELECT gen_random_uuid(),
             'PPA-' || (CASE WHEN g % 4 = 0 THEN '3673' ELSE '3602' END) || '-' ||
               (2026 - (g * 3 / ${n + 1}))::text || '-' || lpad(g::text, 7, '0'),
             CASE WHEN g % 4 = 0 THEN '36.73' ELSE '36.02' END,
             ${ids.orgId}::uuid,
             CASE WHEN g % 2 = 0 THEN ${ids.managerId}::uuid END,
             (ARRAY['penerimaan','identifikasi','asesmen','rencana_intervensi','layanan','pemantauan','terminasi'])[1 + g % 7],
             (ARRAY['telepon','datang_langsung','whatsapp','daring','rujukan'])[1 + g % 5],
             now() - make_interval(mins => g),
             (ARRAY['ktp','ampk','ktp_ampk'])[1 + g % 3],
             (ARRAY['tinggi','sedang','rendah'])[1 + g % 3],
             now() - make_interval(mins => g), now() - make_interval(mins => g)
      FROM generate_series(${from}::int, ${to}::int) AS g`.execute(db);
  }
  // persons: victim, perpetrator, and every third case its reporter
  await sql`
    INSERT INTO person (id, case_id, jurisdiction, role, name_enc, name_tokens, sex, estimated_age,
                        age_group, education, disability, region_code)
    SELECT gen_random_uuid(), c.id, c.jurisdiction, r.role, nm.enc, nm.tokens,
           CASE WHEN r.role = 'korban' AND abs(hashtext(c.id::text)) % 5 = 0 THEN 'laki_laki'
                WHEN r.role = 'korban' THEN 'perempuan' ELSE 'laki_laki' END,
           CASE WHEN abs(hashtext(c.id::text || r.role)) % 4 <> 0 THEN 4 + (abs(hashtext(c.id::text || r.role)) % 50) END,
           CASE WHEN abs(hashtext(c.id::text || r.role)) % 4 = 0 THEN
             (ARRAY['0-5','6-12','13-17','18+'])[1 + abs(hashtext(c.number || r.role)) % 4] END,
           CASE WHEN r.role = 'korban' THEN (ARRAY['sd','sltp','slta','perguruan_tinggi','putus_sekolah'])[1 + abs(hashtext(c.number)) % 5] END,
           CASE WHEN r.role = 'korban' THEN abs(hashtext(c.number)) % 20 = 0 END,
           CASE WHEN r.role = 'korban' THEN d.codes[1 + abs(hashtext(c.number)) % cardinality(d.codes)] END
    FROM case_file c
    JOIN bench_desa d ON d.jurisdiction = c.jurisdiction
    CROSS JOIN LATERAL (VALUES ('korban', 0), ('terlapor', 1), ('pelapor', 2)) AS r(role, k)
    JOIN bench_name nm ON nm.i = abs(hashtext(c.id::text || r.role)) % ${NAME_POOL}
    WHERE r.k < 2 OR abs(hashtext(c.id::text)) % 3 = 0`.execute(db);
  // incidents: one, and a second on every fifth case
  await sql`
    INSERT INTO incident (id, case_id, occurred_on, date_precision, place_category, region_code, forms, chronology_enc)
    SELECT gen_random_uuid(), c.id, (c.received_at - interval '3 days')::date, 'tanggal',
           (ARRAY['rumah_tangga','rumah_tangga','rumah_tangga','sekolah','fasilitas_umum','tempat_kerja','lainnya'])[1 + abs(hashtext(c.number || k::text)) % 7],
           d.codes[1 + abs(hashtext(c.number)) % cardinality(d.codes)],
           ARRAY[(ARRAY[${sql.join(FORMS)}])[1 + (abs(hashtext(c.id::text || k::text)) % ${FORMS.length})]],
           ${chronology}
    FROM case_file c CROSS JOIN generate_series(1, 2) AS k
    JOIN bench_desa d ON d.jurisdiction = c.jurisdiction
    WHERE k = 1 OR abs(hashtext(c.id::text)) % 5 = 0`.execute(db);
  // intake items (pengaduan): one per ten cases, the newest tenth of them still open in the inbox
  await sql`
    INSERT INTO intake (id, code, jurisdiction, channel, reporter_type, forms, status, received_at, case_id)
    SELECT gen_random_uuid(), upper(md5(c.id::text)), c.jurisdiction,
           (ARRAY['telepon','whatsapp','daring','datang_langsung'])[1 + abs(hashtext(c.id::text)) % 4],
           (ARRAY['korban','orang_lain','anonim'])[1 + abs(hashtext(c.number)) % 3],
           ARRAY[(ARRAY[${sql.join(FORMS)}])[1 + (abs(hashtext(c.number)) % ${FORMS.length})]],
           CASE WHEN c.received_at > now() - make_interval(mins => ${Math.ceil(n / 100)}) THEN 'baru' ELSE 'menjadi_kasus' END,
           c.received_at - interval '1 hour',
           CASE WHEN c.received_at > now() - make_interval(mins => ${Math.ceil(n / 100)}) THEN NULL ELSE c.id END
    FROM case_file c
    WHERE abs(hashtext(c.id::text || 'i')) % 10 = 0`.execute(db);
  // what the case list and the case page leave behind: one audit row per case
  await sql`
    INSERT INTO audit_event (at, actor_id, actor_role, action, entity, entity_id, outcome, detail)
    SELECT c.received_at, ${ids.managerId}::uuid, 'manajer', 'case.read', 'case', c.id::text, 'ok',
           jsonb_build_object('number', c.number)
    FROM case_file c`.execute(db);
  await sql`DROP TABLE bench_name`.execute(db);
  await sql`DROP TABLE bench_desa`.execute(db);
  for (const [table, trigger] of STAT_TRIGGERS)
    await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER ${sql.ref(trigger)}`.execute(db);
  await sql`INSERT INTO stat_dirty SELECT DISTINCT jurisdiction, date_trunc('hour', received_at) FROM case_file
            ON CONFLICT DO NOTHING`.execute(db);
  await sql`ANALYZE`.execute(db);
}
