import type { OrgDto } from '../../../src/domain/dto.ts';
import { call } from '../api.ts';
import { useLoad } from '../components/page.tsx';
import { store, useStore } from './store.ts';

const orgStore = store<OrgDto[] | null>(null);
let pending: Promise<void> | null = null;

/** Organisations visible to the actor (for "responsible organisation" pickers), loaded once. */
export function useOrgs(): OrgDto[] {
  const list = useStore(orgStore);
  if (!list && !pending) {
    pending = call('GET /organisations').then(
      (x) => orgStore.set(x.items),
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
      allowed ? call('GET /admin/organisations', { signal }).then((x) => x.items) : Promise.resolve([]),
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
