/**
 * The reader's language: zh-CN when the system locale is Chinese, English otherwise.
 */
import type { Lang } from './diagnostic';

/** Picks zh-CN or en from an explicit choice, else from LC_ALL / LC_MESSAGES / LANG. */
export function detectLang(explicit?: string, env: Record<string, string | undefined> = process.env): Lang {
  const pick = (s: string | undefined): Lang | undefined => {
    if (!s) return undefined;
    const v = s.toLowerCase();
    if (v.startsWith('zh')) return 'zh-CN';
    if (v.startsWith('en') || v === 'c' || v.startsWith('c.') || v === 'posix') return 'en';
    return undefined;
  };
  return pick(explicit) ?? pick(env.LC_ALL) ?? pick(env.LC_MESSAGES) ?? pick(env.LANG) ?? 'en';
}
