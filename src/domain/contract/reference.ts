/** The reference part of the API contract (see ./define.ts): code lists, regions, organisations. */
import { z } from 'zod';
import { LabelSchema, OrgDto } from '../dto.ts';
import { regionCode, str } from '../schemas.ts';
import { TAXONOMIES } from '../taxonomies.ts';
import { listOf, routes } from './define.ts';

const tags = ['Referensi'];

/** One code of a code list and its label in both languages. */
export const CodeItemDto = z.object({ code: z.string(), label: LabelSchema }).meta({ id: 'CodeItem' });
export type CodeItemDto = z.infer<typeof CodeItemDto>;
const CodeList = z.array(CodeItemDto);

/** Every code list the forms use, with bilingual labels (GET /taxonomies). */
export const TaxonomiesDto = z
  .object({
    // the lists of src/domain/taxonomies.ts, each by its name
    ...(Object.fromEntries(Object.keys(TAXONOMIES).map((k) => [k, CodeList])) as {
      [K in keyof typeof TAXONOMIES]: typeof CodeList;
    }),
    stages: CodeList,
    roles: CodeList,
    // intake (pengaduan masuk)
    callTypes: CodeList,
    reporterTypes: CodeList,
    victimAgeGroups: CodeList,
    everydayForms: CodeList,
    occurredWhen: CodeList,
    contactMethods: CodeList,
    intakeCloseReasons: CodeList,
    intakeStatuses: CodeList,
    // facts as told (decision 014)
    ageGroups: CodeList,
    datePrecisions: CodeList,
    toldWhen: CodeList,
  })
  .meta({ id: 'TaxonomiesDto' });
export type TaxonomiesDto = z.infer<typeof TaxonomiesDto>;

/** A Kemendagri region: 1 province, 2 kab/kota, 3 kecamatan, 4 desa/kelurahan. */
export const RegionDto = z
  .object({ code: z.string(), name: z.string(), level: z.number().int() })
  .meta({ id: 'RegionDto' });
export type RegionDto = z.infer<typeof RegionDto>;

export const referenceRoutes = routes({
  'GET /taxonomies': {
    summary: 'Daftar kode (bentuk kekerasan, AMPK, TPKS, …)',
    tags,
    response: TaxonomiesDto,
    auth: 'none',
  },
  'GET /regions': {
    summary: 'Wilayah di bawah kode induk (tanpa induk: provinsi)',
    tags,
    query: z.object({ parent: regionCode.optional() }),
    response: listOf(RegionDto),
  },
  'GET /regions/{code}': {
    summary: 'Satu wilayah dan induknya',
    tags,
    params: z.object({ code: regionCode }),
    response: listOf(RegionDto),
  },
  'GET /organisations': {
    summary: 'Cari lembaga',
    tags,
    query: z.object({ q: str().max(100).optional() }),
    response: listOf(OrgDto),
  },
});
