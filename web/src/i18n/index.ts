/**
 * Translations. Indonesian is bundled (default); English is loaded on demand. `t(key, params)`
 * replaces `{name}` placeholders.
 */
import { store } from '../lib/store.ts';
import type { Catalogue, MessageKey } from './id.ts';
import { id } from './id.ts';

export type Lang = 'id' | 'en';
export type { MessageKey };

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
  let s: string = current[key] ?? id[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Picks the label of a bilingual label object. */
export function label(l: { id: string; en: string } | undefined | null, fallback = ''): string {
  if (!l) return fallback;
  return langStore.get() === 'en' ? l.en : l.id;
}
