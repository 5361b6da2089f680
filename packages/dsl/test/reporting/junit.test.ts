/**
 * The JUnit report's text escaping (reporting/junit.ts `xml`): what XML 1.0 can carry is kept,
 * what it cannot is dropped, the five specials are escaped.
 */
import { describe, expect, it } from 'vitest';
import { xml } from '../../src/reporting/junit';

describe('xml', () => {
  // A tester's round: every character beyond the BMP was dropped: 𡒄区-2021.yaml became
  // "区-2021.yaml" (a file that does not exist; two such names collide), 208 𠀀𡒄单位😀 became 208 单位.
  it('keeps characters beyond the BMP (CJK Extension B, emoji)', () => {
    expect(xml('𡒄区-2021.yaml')).toBe('𡒄区-2021.yaml');
    expect(xml('208 𠀀𡒄单位😀：')).toBe('208 𠀀𡒄单位😀：');
  });
  it('drops what XML 1.0 cannot carry: control characters, U+FFFE, U+FFFF, a lone surrogate', () => {
    expect(xml('a\u0001b\u001bc\uFFFEd\uFFFFe\uD800f\uDC00g')).toBe('abcdefg');
    expect(xml('tab\tnl\ncr\r')).toBe('tab\tnl\ncr\r');
  });
  it('escapes the five specials', () => {
    expect(xml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });
});
