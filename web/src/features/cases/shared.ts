import type { CaseDto, PersonDto, RecordDto } from '../../../../src/domain/dto.ts';
import { call } from '../../api.ts';
import type { Taxonomies } from '../../lib/taxonomies.ts';

export type TabProps = {
  c: CaseDto;
  /** refetches the case (new version numbers); forms keep what the user typed */
  reload: () => Promise<void>;
  tx: Taxonomies | null;
};

export type RecordKind = RecordDto['kind'];

export function recordsOf(c: CaseDto, kind: RecordKind): RecordDto[] {
  return c.records.filter((r) => r.kind === kind).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** POST a new record, or PATCH an existing one with its version. */
export function saveRecord(
  caseId: string,
  kind: RecordKind,
  data: Record<string, unknown>,
  existing?: RecordDto | null,
) {
  if (existing) {
    return call('PATCH /cases/{id}/records/{kind}/{rid}', {
      params: { id: caseId, kind, rid: existing.id },
      body: { ...data, version: existing.version },
    });
  }
  return call('POST /cases/{id}/records/{kind}', { params: { id: caseId, kind }, body: data });
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** Under 18 by the best fact known (birth date, estimate, or the group told); the server decides. */
export function isChild(p: PersonDto): boolean {
  return p.child === true;
}

export function victims(c: CaseDto): PersonDto[] {
  return c.persons.filter((p) => p.role === 'korban');
}
