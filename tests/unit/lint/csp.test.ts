import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP, headersFile } from '../../../csp.config';

describe('one Content-Security-Policy', () => {
  it('is the same in the page and in the headers a host sends', () => {
    const html = readFileSync('index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CSP);
  });

  it('forbids eval and other hosts, and writes _headers for every path', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).toContain("connect-src 'self'");
    const file = headersFile().split('\n');
    expect(file[0]).toBe('/*');
    expect(file).toContain(`  Content-Security-Policy: ${CSP}`);
  });
});
