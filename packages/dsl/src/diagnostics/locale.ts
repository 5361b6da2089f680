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

/** `n` and an English noun, singular or plural: "1 document", "2 errors". */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
