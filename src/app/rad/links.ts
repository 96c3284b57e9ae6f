/**
 * Links of a RAD activity to meeting decisions and prevention activities (migration 0030,
 * decision 032). Until that migration exists an activity has no links.
 */
import type { Tx } from '../../db/connect.ts';
import type { RadLinkDto } from '../../domain/contract/rad.ts';

export async function linksOf(_db: Tx, _activityId: string): Promise<RadLinkDto[]> {
  return [];
}
