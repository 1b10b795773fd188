import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, appFilePath, isAllowedExternalUrl, isTrustedSender } from './security';

const dist = '/opt/NN Lab/resources/app.asar/dist';
const top = (url: string) => ({ url, isTop: true });

describe('IPC sender validation', () => {
  it('trusts the app page (app://nnlab/) in the top frame, with a hash or a query', () => {
    expect(isTrustedSender(top('app://nnlab/index.html'), dist)).toBe(true);
    expect(isTrustedSender(top('app://nnlab/index.html#/run/2?x=1'), dist)).toBe(true);
  });

  it('refuses iframes, file:// pages (even of dist), other hosts and path tricks', () => {
    expect(isTrustedSender({ url: 'app://nnlab/index.html', isTop: false }, dist)).toBe(false);
    expect(isTrustedSender(top('file:///opt/NN%20Lab/resources/app.asar/dist/index.html'), dist)).toBe(false);
    expect(isTrustedSender(top('app://evil/index.html'), dist)).toBe(false);
    expect(isTrustedSender(top('app://user:pw@nnlab/index.html'), dist)).toBe(false);
    expect(isTrustedSender(top('app://nnlab/'), dist)).toBe(false);
  });

  it('refuses remote and odd URLs, and missing frames', () => {
    expect(isTrustedSender(top('https://example.com/dist/index.html'), dist)).toBe(false);
    expect(isTrustedSender(top('about:blank'), dist)).toBe(false);
    expect(isTrustedSender(top('not a url'), dist)).toBe(false);
    expect(isTrustedSender(null, dist)).toBe(false);
    expect(isTrustedSender(undefined, dist)).toBe(false);
  });
});

describe('app:// files', () => {
  it('map into dist, and nowhere else', () => {
    expect(appFilePath('app://nnlab/index.html', dist)).toBe(path.join(dist, 'index.html'));
    expect(appFilePath('app://nnlab/assets/index-1a2b.js?x#y', dist)).toBe(path.join(dist, 'assets/index-1a2b.js'));
    expect(appFilePath('app://nnlab/fonts/KaTeX%20Main.woff2', dist)).toBe(path.join(dist, 'fonts/KaTeX Main.woff2'));
    // dot segments are resolved by the URL itself (app://nnlab/../x is app://nnlab/x); an encoded slash is not
    expect(appFilePath('app://nnlab/%2e%2e/x', dist)).toBe(path.join(dist, 'x'));
    for (const url of ['app://nnlab/..%2f..%2fetc%2fpasswd', 'app://nnlab/a/..%2f..%2f..%2fx', 'app://nnlab/a/%00', 'app://nnlab/%E0%A4%A', 'file:///etc/passwd', 'app://other/x']) {
      expect(appFilePath(url, dist), url).toBe(null);
    }
  });
  it('on Windows too: a drive path or a backslash climb stays out', () => {
    const winDist = 'C:\\Program Files\\NN Lab\\resources\\app.asar\\dist';
    expect(appFilePath('app://nnlab/index.html', winDist, path.win32)).toBe(`${winDist}\\index.html`);
    expect(appFilePath('app://nnlab/..%5c..%5cx', winDist, path.win32)).toBe(null);
    expect(appFilePath('app://nnlab/D:%5cx', winDist, path.win32)).toBe(null);
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
