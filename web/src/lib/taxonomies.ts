/**
 * Code lists come from GET /taxonomies once per page load and stay in memory; their labels are
 * bilingual so a language switch needs no refetch.
 */
import type { UserDto } from '../../../src/domain/dto.ts';
import type { Label, TAXONOMIES } from '../../../src/domain/taxonomies.ts';
import { call } from '../api.ts';
import { label } from '../i18n/index.ts';
import { store, useStore } from './store.ts';

export type CodeItem = { code: string; label: Label };
export type Taxonomies = { [K in keyof typeof TAXONOMIES]: CodeItem[] } & {
  stages?: CodeItem[];
  roles?: CodeItem[];
  // intake (pengaduan masuk)
  callTypes?: CodeItem[];
  reporterTypes?: CodeItem[];
  victimAgeGroups?: CodeItem[];
  everydayForms?: CodeItem[];
  occurredWhen?: CodeItem[];
  contactMethods?: CodeItem[];
  intakeCloseReasons?: CodeItem[];
  intakeStatuses?: CodeItem[];
  // facts as told
  ageGroups?: CodeItem[];
  datePrecisions?: CodeItem[];
  toldWhen?: CodeItem[];
};
export type ListName = keyof Taxonomies;

const taxStore = store<Taxonomies | null>(null);
let pending: Promise<Taxonomies> | null = null;

export function loadTaxonomies(): Promise<Taxonomies> {
  const have = taxStore.get();
  if (have) return Promise.resolve(have);
  if (!pending) {
    pending = call('GET /taxonomies')
      .then((x) => {
        taxStore.set(x);
        return x;
      })
      .catch((e) => {
        pending = null;
        throw e;
      });
  }
  return pending;
}

/** The code lists, or null while loading (triggers the load). */
export function useTaxonomies(): Taxonomies | null {
  const t = useStore(taxStore);
  if (!t) loadTaxonomies().catch(() => {});
  return t;
}

export function codeLabel(tx: Taxonomies | null, list: ListName, code: string | null | undefined): string {
  if (!code) return '—';
  const item = tx?.[list]?.find((x) => x.code === code);
  return item ? label(item.label) : code;
}

// ---- the signed-in user ----
export const userStore = store<UserDto | null | undefined>(undefined);
