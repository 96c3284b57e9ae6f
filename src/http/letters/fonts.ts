/**
 * The fonts of the printed letters: Noto (SIL Open Font License 1.1), from npm packages
 * (@expo-google-fonts/noto-sans, @fontsource/noto-*), embedded by pdfkit as subsets of the
 * glyphs a letter uses (a few KB each).
 *
 * One chain per style; each piece of text is printed with the first face that has its glyphs,
 * a grapheme (a letter with its marks, an emoji sequence) at a time, so a name in aksara Jawa or
 * with an emoji inside Latin text prints as written and copies out of the PDF as written:
 *
 * - Noto Sans: Latin (Indonesian, regional Latin spellings, Vietnamese), Greek, Cyrillic;
 *   regular, bold and italic;
 * - Noto Sans Javanese (aksara Jawa), Balinese (aksara Bali), Sundanese (aksara Sunda), Buginese
 *   (Lontara); regular and bold where the family has it (Buginese: regular only);
 * - Noto Sans Arabic: Pegon and Jawi (Arabic script), shaped and laid out right to left within a
 *   run; a line that mixes directions is not reordered (no bidirectional algorithm in pdfkit);
 * - Noto Emoji (monochrome outlines; colour emoji cannot be embedded): emoji print as black
 *   glyphs; a ZWJ sequence whose parts lie in different slices of the font prints as its parts.
 *
 * Not covered, so printed as the empty box of Noto Sans while the text under it is kept (it
 * copies and searches as written): Batak (Surat Batak: no Noto Sans Batak package on npm),
 * Makasar, Rejang, Kawi, CJK and any other script not listed.
 *
 * Shaping (vowel signs, conjuncts, Arabic joining) is fontkit's, which pdfkit uses; fontkit's
 * Universal Shaping Engine covers Javanese, Balinese, Sundanese, Buginese and Batak.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type FontStyle = 'regular' | 'bold' | 'italic';

type Face = {
  id: string;
  path: string;
  /** emoji faces take only what needs them: a space or a digit after an emoji goes back to text */
  emoji: boolean;
  /** a right-to-left script (Arabic) */
  rtl: boolean;
  /**
   * OpenType features switched off. In Noto Sans `ccmp` splits precomposed letters (Vietnamese
   * ị) into a base and a mark whose glyph maps to no character, which a reader copying the text
   * gets as a control character; the font has the precomposed glyphs (text is NFC). Noto Sans
   * Arabic needs it (its dots are marks), so there a copied word may hold such a character.
   */
  off: Record<string, boolean>;
  font?: fontkit.Font;
};

const require = createRequire(import.meta.url);
const face = (pkg: string, file: string, off: Record<string, boolean> = {}): Face => ({
  id: `${pkg.split('/')[1]}:${file.split('/').at(-1)}`,
  path: require.resolve(`${pkg}/${file}`),
  emoji: pkg.endsWith('emoji'),
  rtl: pkg.endsWith('arabic'),
  off,
});

/**
 * Noto Sans whole (Latin with Vietnamese, Greek, Cyrillic in one file per style), so a word is
 * never split between two files: pdfkit may break a line between two runs, inside a word.
 */
const latin = (style: '400Regular' | '700Bold' | '400Regular_Italic') => [
  face('@expo-google-fonts/noto-sans', `${style}/NotoSans_${style}.ttf`, { ccmp: false }),
];
const script = (pkg: string, subset: string, weight: 400 | 700) =>
  face(`@fontsource/${pkg}`, `files/${pkg}-${subset}-${weight}-normal.woff`);
const scripts = (weight: 400 | 700) => [
  script('noto-sans-javanese', 'javanese', weight),
  script('noto-sans-balinese', 'balinese', weight),
  script('noto-sans-sundanese', 'sundanese', weight),
  script('noto-sans-buginese', 'buginese', 400),
  script('noto-sans-arabic', 'arabic', weight),
];
/** Noto Emoji comes in slices by code point; the "emoji" slice holds the common ones */
const EMOJI_SLICES = ['emoji', ...Array.from({ length: 11 }, (_, i) => String(i))];
const emoji = (weight: 400 | 700) =>
  EMOJI_SLICES.map((s) => face('@fontsource/noto-emoji', `files/noto-emoji-${s}-${weight}-normal.woff`));

const CHAINS: Record<FontStyle, Face[]> = {
  regular: [...latin('400Regular'), ...scripts(400), ...emoji(400)],
  bold: [...latin('700Bold'), ...scripts(700), ...emoji(700)],
  italic: [...latin('400Regular_Italic'), ...scripts(400), ...emoji(400)],
};

function load(f: Face): fontkit.Font {
  f.font ??= fontkit.create(readFileSync(f.path)) as fontkit.Font;
  return f.font;
}

/** Code points that go with the character before them and need no glyph of their own in this check. */
const JOINER = (cp: number) =>
  cp === 0x200c ||
  cp === 0x200d ||
  (cp >= 0xfe00 && cp <= 0xfe0f) ||
  (cp >= 0xe0020 && cp <= 0xe007f) ||
  (cp >= 0x1f3fb && cp <= 0x1f3ff);

function hasAll(f: Face, cps: number[]): boolean {
  const font = load(f);
  return cps.every((cp) => JOINER(cp) || font.hasGlyphForCodePoint(cp));
}

const graphemes = new Intl.Segmenter('id', { granularity: 'grapheme' });
const BLANK = /^\s+$/u;

/** Scripts no face covers, named in the placeholder printed in their place. */
const UNPRINTED: Array<[RegExp, string]> = [
  [/\p{Script=Batak}/u, 'aksara Batak'],
  [/\p{Script=Makasar}/u, 'aksara Makassar'],
  [/\p{Script=Rejang}/u, 'aksara Rejang'],
  [/\p{Script=Kawi}/u, 'aksara Kawi'],
];
/** What is printed for text in a script the letter cannot print: "[aksara Batak]". */
export function placeholder(segment: string): string {
  return `[${UNPRINTED.find(([re]) => re.test(segment))?.[1] ?? 'aksara lain'}]`;
}

export type Run = {
  face: string;
  text: string;
  rtl: boolean;
  /** OpenType features for fontkit (pdfkit's `features` text option) */
  features: Record<string, boolean>;
};

/**
 * `text` cut into runs of one face each: every grapheme goes to the first face of the style's
 * chain that has all its glyphs, staying in the current text face while it can, so Latin text is
 * one run; spaces go to the first face. Graphemes no face has become one placeholder naming
 * their script. Right-to-left words are put in visual order; fontkit shapes each word.
 */
export function runs(text: string, style: FontStyle): Run[] {
  const chain = CHAINS[style];
  const out: Run[] = [];
  const push = (f: Face, t: string) => {
    const last = out.at(-1);
    if (last && last.face === f.id) last.text += t;
    else out.push({ face: f.id, text: t, rtl: f.rtl, features: { ...f.off } });
  };
  let current: Face | null = null;
  let unprinted: string | null = null;
  for (const { segment } of graphemes.segment(text.normalize('NFC'))) {
    const cps = [...segment].map((c) => c.codePointAt(0)!);
    // spaces are set in the first face: one space width everywhere, and a right-to-left word
    // stays a run of its own
    const f: Face | undefined = BLANK.test(segment)
      ? chain[0]
      : current && !current.emoji && hasAll(current, cps)
        ? current
        : chain.find((x) => hasAll(x, cps));
    if (!f) {
      const p = placeholder(segment);
      if (p !== unprinted) push(chain[0]!, p);
      unprinted = p;
      current = chain[0]!;
      continue;
    }
    unprinted = null;
    push(f, segment);
    current = f;
  }
  return visualOrder(out);
}

/**
 * Puts right-to-left words in visual order for pdfkit, which lays a line out from left to right:
 * a stretch of right-to-left runs with only spaces between them is reversed (fontkit reverses the
 * letters of each word). Reading them out of the PDF gives the words in that visual order.
 */
function visualOrder(rs: Run[]): Run[] {
  const out: Run[] = [];
  let i = 0;
  while (i < rs.length) {
    if (!rs[i]!.rtl) {
      out.push(rs[i++]!);
      continue;
    }
    let j = i;
    while (j + 2 < rs.length && BLANK.test(rs[j + 1]!.text) && rs[j + 2]!.rtl) j += 2;
    out.push(...rs.slice(i, j + 1).reverse());
    i = j + 1;
  }
  return out;
}

/**
 * The parsed font of a face named in a run, for `doc.registerFont` (pdfkit takes a fontkit font
 * as it is): parsed once per process, so its layout caches serve every letter.
 */
export function faceFont(id: string): fontkit.Font {
  for (const chain of Object.values(CHAINS)) {
    const f = chain.find((x) => x.id === id);
    if (f) return load(f);
  }
  throw new Error(`unknown font face ${id}`);
}

/** The face a style starts with (Noto Sans Latin). */
export function primaryFace(style: FontStyle): string {
  return CHAINS[style][0]!.id;
}
