import { useEffect, useState } from 'preact/hooks';
import type { RegionDto } from '../../../src/domain/contract/reference.ts';
import type { ApiError } from '../api.ts';
import { call } from '../api.ts';
import { t } from '../i18n/index.ts';
import { fieldError, fieldId } from './form.tsx';

type Region = RegionDto;
const cache = new Map<string, Promise<Region[]>>();

function children(parent: string): Promise<Region[]> {
  let p = cache.get(parent);
  if (!p) {
    p = call('GET /regions', { query: { parent: parent || undefined } }).then((x) => x.items);
    p.catch(() => cache.delete(parent));
    cache.set(parent, p);
  }
  return p;
}

const LEVEL_KEYS = ['region.province', 'region.regency', 'region.district', 'region.village'] as const;

/** Ancestors implied by a code: `36.02.05` → ['36', '36.02', '36.02.05']. */
function chain(code: string): string[] {
  if (!code) return [];
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

type Props = {
  prefix: string;
  name: string;
  label: string;
  value: string;
  onValue: (code: string) => void;
  /** deepest level offered: 1 province, 2 kab/kota, 3 kecamatan, 4 desa/kelurahan */
  maxLevel?: 1 | 2 | 3 | 4;
  error?: ApiError | null;
  hint?: string;
  /**
   * a region the choice stays within (the officer's kab/kota): its levels are not offered, the
   * first select lists its children (a kab/kota's kecamatan), never all the provinces
   */
  within?: string | undefined;
};

/** Cascading selects (province → kab/kota → kecamatan → desa) fed by GET /regions. */
export function RegionPicker({
  prefix,
  name,
  label,
  value,
  onValue,
  maxLevel = 4,
  error,
  hint,
  within,
}: Props) {
  const id = fieldId(prefix, name);
  const err = fieldError(error ?? null, name);
  const root = within ?? '';
  const top = root ? root.split('.').length : 0;
  const selected = chain(root && !(value === root || value.startsWith(`${root}.`)) ? root : value);
  const [lists, setLists] = useState<Array<Region[] | null>>([]);
  const [failed, setFailed] = useState(false);

  // lists needed: level 0 (provinces) and the children of each selected level below maxLevel
  const parents = ['', ...selected].slice(0, maxLevel);
  const key = parents.join('|');
  useEffect(() => {
    let live = true;
    Promise.all(parents.map((p) => children(p))).then(
      (ls) => {
        if (live) {
          setLists(ls);
          setFailed(false);
        }
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const pick = (level: number, code: string) => {
    if (code) onValue(code);
    else onValue(level <= top ? '' : (selected[level - 1] ?? ''));
  };

  return (
    <fieldset
      id={id}
      tabIndex={-1}
      class={`field region${err ? ' has-error' : ''}`}
      aria-describedby={err ? `${id}-err` : hint ? `${id}-hint` : undefined}
    >
      <legend>{label}</legend>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {failed && <p class="field-error">{t('region.loadFailed')}</p>}
      <div class="region-row">
        {parents.map((_, level) => {
          if (level < top) return null;
          const list = lists[level];
          const sel = selected[level] ?? '';
          const sid = `${id}-l${level + 1}`;
          return (
            <div class="region-level" key={level}>
              <label for={sid}>{t(LEVEL_KEYS[level] ?? 'region.village')}</label>
              <select
                id={sid}
                value={sel}
                disabled={!list}
                onChange={(e) => pick(level, e.currentTarget.value)}
              >
                <option value="">{list ? t('region.any') : t('common.loading')}</option>
                {list?.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
                {list && sel && !list.some((r) => r.code === sel) && <option value={sel}>{sel}</option>}
              </select>
            </div>
          );
        })}
      </div>
      {value && value !== root && (
        <p class="hint">
          {t('region.code')}: <code>{value}</code>
        </p>
      )}
      {err && (
        <p class="field-error" id={`${id}-err`}>
          {err}
        </p>
      )}
    </fieldset>
  );
}
