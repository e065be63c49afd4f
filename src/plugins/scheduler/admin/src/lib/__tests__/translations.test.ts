/**
 * Every text the admin adds exists in English and Simplified Chinese: the two files have
 * the same keys, no empty value, the same {placeholders}, and every id the code asks
 * for (t('...') calls, read from the source files) is in them.
 */
import fs from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '../..');
const en = JSON.parse(fs.readFileSync(path.join(root, 'translations/en.json'), 'utf8')) as Record<string, string>;
const zh = JSON.parse(fs.readFileSync(path.join(root, 'translations/zh-Hans.json'), 'utf8')) as Record<string, string>;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '__tests__' ? [] : sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe('admin translations', () => {
  it('en and zh-Hans have the same keys, none empty', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(zh)) expect([k, v.trim().length > 0]).toEqual([k, true]);
  });

  it('each Chinese text keeps the English placeholders', () => {
    for (const k of Object.keys(en)) expect([k, placeholders(zh[k])]).toEqual([k, placeholders(en[k])]);
  });

  it('the Chinese texts are Chinese (not English left untranslated), brand names aside', () => {
    const brands = new Set(['content.size']);
    for (const [k, v] of Object.entries(zh)) if (!brands.has(k)) expect([k, /[\u4e00-\u9fff]/.test(v)]).toEqual([k, true]);
  });

  it('every message id used in the code exists', () => {
    const used = new Set<string>();
    for (const file of sources(root)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt(?:id)?\(\s*'([\w.-]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\bt\(\s*`([\w.-]+)\$\{/g)) {
        // Template ids (`status.${s}`): some key must start with the prefix.
        expect([m[1], Object.keys(en).some((k) => k.startsWith(m[1]))]).toEqual([m[1], true]);
      }
    }
    expect(used.size).toBeGreaterThan(50);
    for (const id of used) expect([id, id in en]).toEqual([id, true]);
  });
});
