/**
 * The default training types (migration 0025) in both languages: the database keeps their
 * Indonesian names; an English page shows these. A type a Dinas adds keeps the name it was given.
 * Keyed by the fixed ids of the default list. No I/O, no dependencies: the staff app imports it.
 */
import type { Label } from './taxonomies.ts';

export const DEFAULT_TRAINING_TYPE_NAMES: Readonly<Record<string, Label>> = {
  '7a1e0000-0000-4000-8000-000000000001': {
    id: 'Bimtek penanganan kasus kekerasan terhadap perempuan dan anak',
    en: 'Technical guidance on handling cases of violence against women and children',
  },
  '7a1e0000-0000-4000-8000-000000000002': {
    id: 'Pelatihan terpadu penanganan TPKS (Perpres 9/2024)',
    en: 'Integrated training on handling sexual violence crimes (TPKS, Presidential Regulation 9/2024)',
  },
  '7a1e0000-0000-4000-8000-000000000003': {
    id: 'Konseling dan dukungan psikososial',
    en: 'Counselling and psychosocial support',
  },
  '7a1e0000-0000-4000-8000-000000000004': { id: 'Manajemen kasus', en: 'Case management' },
  '7a1e0000-0000-4000-8000-000000000005': { id: 'Pendampingan hukum', en: 'Legal accompaniment' },
  '7a1e0000-0000-4000-8000-000000000006': {
    id: 'Perspektif korban dan gender',
    en: 'Victim and gender perspective',
  },
  '7a1e0000-0000-4000-8000-000000000007': {
    id: 'Pencatatan dan pelaporan SIMFONI-PPA',
    en: 'Recording and reporting in SIMFONI-PPA',
  },
};

/** A training type's name in a language: the English of a default type, else the name stored. */
export function trainingTypeName(id: string, stored: string, lang: 'id' | 'en'): string {
  return lang === 'en' ? (DEFAULT_TRAINING_TYPE_NAMES[id]?.en ?? stored) : stored;
}
