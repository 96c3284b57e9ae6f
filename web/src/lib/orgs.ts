import type { OrgDto } from '../../../src/domain/dto.ts';
import { api, asList } from '../api.ts';
import { useLoad } from '../components/page.tsx';
import { store, useStore } from './store.ts';

const orgStore = store<OrgDto[] | null>(null);
let pending: Promise<void> | null = null;

/** Organisations visible to the actor (for "responsible organisation" pickers), loaded once. */
export function useOrgs(): OrgDto[] {
  const list = useStore(orgStore);
  if (!list && !pending) {
    pending = api<OrgDto[] | { items: OrgDto[] }>('/organisations').then(
      (x) => orgStore.set(asList(x)),
      () => {
        pending = null;
      },
    );
  }
  return list ?? [];
}

/** All organisations, for the admin pages (loaded only when `allowed`). */
export function useAdminOrgs(allowed: boolean) {
  return useLoad(
    (signal) =>
      allowed
        ? api<OrgDto[] | { items: OrgDto[] }>('/admin/organisations', { signal }).then(asList)
        : Promise.resolve([]),
    [allowed],
  );
}

export function invalidateOrgs(): void {
  orgStore.set(null);
  pending = null;
}

export function orgName(orgs: OrgDto[], id: unknown): string {
  if (typeof id !== 'string' || !id) return '—';
  return orgs.find((o) => o.id === id)?.name ?? '—';
}
