import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isTrustedSender } from './security';

const dist = '/opt/NN Lab/resources/app.asar/dist';
const top = (url: string) => ({ url, isTop: true });

describe('IPC sender validation', () => {
  it('trusts the app page in the top frame, with a hash or a query', () => {
    expect(isTrustedSender(top('file:///opt/NN%20Lab/resources/app.asar/dist/index.html'), dist)).toBe(true);
    expect(isTrustedSender(top('file:///opt/NN%20Lab/resources/app.asar/dist/index.html#/run/2?x=1'), dist)).toBe(true);
  });

  it('refuses iframes, other folders, look-alike folders and path tricks', () => {
    expect(isTrustedSender({ url: 'file:///opt/NN%20Lab/resources/app.asar/dist/index.html', isTop: false }, dist)).toBe(false);
    expect(isTrustedSender(top('file:///opt/NN%20Lab/resources/app.asar/dist-evil/index.html'), dist)).toBe(false);
    expect(isTrustedSender(top('file:///opt/NN%20Lab/resources/app.asar/dist/../../x.html'), dist)).toBe(false);
    expect(isTrustedSender(top('file:///home/me/Downloads/index.html'), dist)).toBe(false);
    expect(isTrustedSender(top('file:///opt/NN%20Lab/resources/app.asar/dist'), dist)).toBe(false);
  });

  it('refuses remote and odd URLs, and missing frames', () => {
    expect(isTrustedSender(top('https://example.com/dist/index.html'), dist)).toBe(false);
    expect(isTrustedSender(top('file://evil-host/opt/NN%20Lab/resources/app.asar/dist/index.html'), dist)).toBe(false);
    expect(isTrustedSender(top('about:blank'), dist)).toBe(false);
    expect(isTrustedSender(top('not a url'), dist)).toBe(false);
    expect(isTrustedSender(null, dist)).toBe(false);
    expect(isTrustedSender(undefined, dist)).toBe(false);
  });

  it('on Windows, compares drive paths without regard to case', () => {
    const winDist = 'C:\\Program Files\\NN Lab\\resources\\app.asar\\dist';
    expect(isTrustedSender(top('file:///c:/program%20files/NN%20Lab/resources/app.asar/dist/index.html'), winDist, path.win32)).toBe(true);
    expect(isTrustedSender(top('file:///D:/dist/index.html'), winDist, path.win32)).toBe(false);
  });
});

describe('external links', () => {
  it('allows https links to the listed hosts only', () => {
    expect(isAllowedExternalUrl('https://github.com/mariezz/visualize-nn-learning')).toBe(true);
    expect(isAllowedExternalUrl('http://github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('https://example.com/', ['example.com'])).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  it('allows no remote or inline script and no eval (WebAssembly compilation only)', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY.replace("'wasm-unsafe-eval'", '')).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});
