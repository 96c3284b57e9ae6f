import type { OrgDto } from '../../../src/domain/dto.ts';
import { api, asList } from '../api.ts';
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

export function invalidateOrgs(): void {
  orgStore.set(null);
  pending = null;
}

export function orgName(orgs: OrgDto[], id: unknown): string {
  if (typeof id !== 'string' || !id) return '—';
  return orgs.find((o) => o.id === id)?.name ?? '—';
}
