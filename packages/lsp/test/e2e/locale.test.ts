/** The reader's language: zh-CN from the client's locale, overridden by the `suan.lang` setting. */
import { describe, expect, it } from 'vitest';
import { startClient, useE2e } from './setup';

const env = useE2e();

const TEXT = 'ruleset t { title "t" }\nfact 收入: money 万元\nrule R {\n  assert 收人 ≈ 0 万元\n}\n';

async function firstMessage(locale: string, settings: Record<string, unknown>): Promise<{ message: string; lens: string }> {
  const c = await startClient(env.server, env.ws, { locale, settings });
  try {
    const uri = env.ws.uri('草稿/lang.suan');
    await c.open(uri, TEXT);
    const ds = await c.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'SUAN2001'));
    const lenses = await c.request('textDocument/codeLens', { textDocument: { uri } });
    return { message: ds.find((x) => x.code === 'SUAN2001').message, lens: lenses[0]?.command?.title ?? '' };
  } finally {
    await c.stop();
  }
}

describe('language', () => {
  it('speaks zh-CN to a client whose locale is Chinese', async () => {
    const r = await firstMessage('zh-CN', {});
    expect(r.message).toBe('未知的名称 “收人”。是否想写 “收入”？');
    expect(r.lens).toContain('未绑定数据文件');
  });

  it('speaks English when the `suan.lang` setting says so, whatever the locale', async () => {
    const r = await firstMessage('zh-CN', { lang: 'en' });
    expect(r.message).toBe('Unknown name "收人". Did you mean "收入"?');
    expect(r.lens).toContain('No data bound');
  });

  it('speaks English to an English client, and zh-CN when the setting asks', async () => {
    expect((await firstMessage('en-US', {})).message).toContain('Unknown name');
    expect((await firstMessage('en-US', { lang: 'zh-CN' })).message).toContain('未知的名称');
  });
});
