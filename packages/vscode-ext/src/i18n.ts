/**
 * Runtime texts of the extension, through @vscode/l10n (bundles in l10n/bundle.l10n.<lang>.json;
 * the English text is the key). The language follows the `suan.lang` setting: `auto` is VS Code's
 * display language; `zh-CN` and `en` force one, so the extension's own texts speak the same
 * language as the server's messages.
 *
 * Kept free of the vscode API so the pure modules (model.ts) can be unit-tested.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';

export type Lang = 'zh' | 'en';

let current: Lang = 'en';

/** The language `suan.lang` asks for, given VS Code's display language (`vscode.env.language`). */
export function resolveLang(setting: string | undefined, displayLanguage: string): Lang {
  if (setting === 'zh-CN' || setting === 'zh') return 'zh';
  if (setting === 'en') return 'en';
  return displayLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * Loads the bundle for `lang`: `l10n/bundle.l10n.zh-cn.json` for Chinese, none (the English keys)
 * for English. `bundleDir` is the extension's l10n folder.
 */
export function configureL10n(lang: Lang, bundleDir: string): void {
  current = lang;
  if (lang === 'zh') {
    try {
      l10n.config({ contents: JSON.parse(readFileSync(path.join(bundleDir, 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string> });
      return;
    } catch {
      // no bundle: English
    }
  }
  l10n.config({ contents: {} });
}

export function currentLang(): Lang {
  return current;
}

/** A localised text: `t('{0} failing', n)`. */
export const t = l10n.t;

/** The text of a language-core `Localised` value in the current language. */
export function pick(v: { zh: string; en: string } | undefined): string {
  if (!v) return '';
  return current === 'zh' ? v.zh || v.en : v.en || v.zh;
}
