/**
 * KLA cluster V values from Simpul's own case data (issue 13 §2; decision 036), for a kab/kota
 * and an evaluation year (the local year of the region's zone). Read from the monthly rollup
 * (decision 024), so it is fast at a million cases and says the same as the dashboard; a change
 * reaches it after the job worker's next round. Aggregates only: the parts are counts with their
 * words, never a name or a case.
 *
 * The caller (the KLA evaluation) checks who may read the evaluation of that kab/kota first.
 */
import { clusterVSums } from '../../db/stats.repository.ts';
import type { KlaAutoSource } from '../../domain/kla.ts';
import {
  type AutoValue,
  autoValueOf,
  type ClusterVFigures,
  clusterVFigures,
} from '../../domain/kla-cluster-v.ts';
import type { Tx } from '../context.ts';

export type { AutoValue, AutoValuePart } from '../../domain/kla-cluster-v.ts';

/** Both cluster V figures of a region and year, with their breakdowns (by category, sex, age, outcome). */
export async function clusterVFor(db: Tx, jurisdiction: string, year: number): Promise<ClusterVFigures> {
  return clusterVFigures(await clusterVSums(db, jurisdiction, year), year);
}

/**
 * `{ numerator, denominator, parts }` of an indicator filled from case data, or null when there
 * is nothing to count (denominator 0).
 */
export async function autoValueFor(
  db: Tx,
  source: KlaAutoSource,
  jurisdiction: string,
  year: number,
): Promise<AutoValue | null> {
  return autoValueOf(source, await clusterVFor(db, jurisdiction, year));
}
