/**
 * Translations. Indonesian is bundled (default); English is loaded on demand. `t(key, params)`
 * replaces `{name}` placeholders.
 */
import { store } from '../lib/store.ts';
import type { Catalogue, MessageKey as CoreKey } from './id.ts';
import { id } from './id.ts';
import type * as admin from './parts/admin.ts';
import type * as dashboard from './parts/dashboard.ts';
import type * as directory from './parts/directory.ts';
import type * as kla from './parts/kla.ts';
import type * as meetings from './parts/meetings.ts';
import type * as posters from './parts/posters.ts';
import type * as prevention from './parts/prevention.ts';
import type * as rad from './parts/rad.ts';
import type * as regulations from './parts/regulations.ts';
import type * as training from './parts/training.ts';

export type Lang = 'id' | 'en';

/**
 * The words of a module's pages that travel with their own lazy chunk (./parts/*.ts, registered by
 * the feature's words.ts with `addMessages`), so the first load carries only the core catalogue.
 */
type PartKey =
  | keyof typeof prevention.id
  | keyof typeof training.id
  | keyof typeof regulations.id
  | keyof typeof posters.id
  | keyof typeof rad.id
  | keyof typeof meetings.id
  | keyof typeof dashboard.id
  | keyof typeof directory.id
  | keyof typeof admin.id
  | keyof typeof kla.id;
export type MessageKey = CoreKey | PartKey;

const parts: { id: Record<string, string>; en: Record<string, string> } = { id: {}, en: {} };

/** Registers a module's words (both languages) when its pages load. */
export function addMessages(part: { id: Record<string, string>; en: Record<string, string> }): void {
  Object.assign(parts.id, part.id);
  Object.assign(parts.en, part.en);
}

const STORAGE_KEY = 'simpul.lang';
let current: Catalogue = id;

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export const langStore = store<Lang>('id');

export function getLang(): Lang {
  return langStore.get();
}

export async function setLang(lang: Lang): Promise<void> {
  if (lang === 'en') current = (await import('./en.ts')).en;
  else current = id;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  langStore.set(lang);
}

/** Loads the saved language before the first render. */
export function initLang(): Promise<void> {
  const l = initialLang();
  return l === 'id' ? Promise.resolve() : setLang(l);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const core = current as Readonly<Record<string, string>>;
  const part = langStore.get() === 'en' ? parts.en : parts.id;
  let s: string =
    core[key] ?? part[key] ?? (id as Readonly<Record<string, string>>)[key] ?? parts.id[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Picks the label of a bilingual label object. */
export function label(l: { id: string; en: string } | undefined | null, fallback = ''): string {
  if (!l) return fallback;
  return langStore.get() === 'en' ? l.en : l.id;
}
