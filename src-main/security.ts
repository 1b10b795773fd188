/**
 * The security rules of the desktop app, as pure functions and constants so
 * they can be tested without Electron (main.ts applies them).
 */
import path from 'node:path';

/**
 * The renderer's Content-Security-Policy. main.ts sends it as a response
 * header with every app:// page and file (appResponseHeaders); index.html
 * carries the same policy in a <meta http-equiv> tag as well.
 * - no remote code at all: scripts only from the app itself, no eval;
 *   'wasm-unsafe-eval' lets the app compile its own WebAssembly kernels
 *   (src-core/net/dense-wasm.ts) and nothing else: it does not allow eval();
 * - 'unsafe-inline' styles: Svelte's and KaTeX's style attributes need them
 *   (styles cannot run code);
 * - images from data:/blob: for canvas exports; no network (connect-src self).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The app's own pages are served from this origin (main.ts registers the
 * `app:` scheme, standard and secure, and answers it from the `dist` folder
 * with the policy above as a response header): not file://, so a page of the
 * app has an origin of its own and no file:// privileges.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'nnlab';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The file inside `distDir` an app:// URL names, or null (another host, a path leading out of dist, not a URL). */
export function appFilePath(url: string, distDir: string, pathApi: typeof path = path): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username !== '' || u.password !== '') return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (rel === '' || rel.includes('\0')) return null;
  const root = pathApi.resolve(distDir);
  const file = pathApi.resolve(root, rel);
  const inside = pathApi.relative(root, file);
  return inside !== '' && !inside.startsWith('..') && !pathApi.isAbsolute(inside) ? file : null;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The headers of an app:// response for `file`: its type and the Content-Security-Policy. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}

/** Links the app may open in the user's browser: https to these hosts only. */
export const EXTERNAL_HOSTS: readonly string[] = ['github.com', 'en.wikipedia.org'];

export function isAllowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && u.username === '' && u.password === '' && hosts.includes(u.hostname);
}

/** What an IPC event tells about the frame that sent it (Electron's WebFrameMain, reduced). */
export interface SenderFrame {
  url: string;
  /** true for the window's top frame (frame.parent === null) */
  isTop: boolean;
}

/**
 * IPC is answered only for the app's own page: the top frame (never an
 * iframe), loaded from app://nnlab/ (a file inside the app's `dist` folder).
 * A page that somehow navigated elsewhere — a file:// page included — or a
 * frame it embedded, gets nothing.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, distDir: string, pathApi: typeof path = path): boolean {
  if (!frame || !frame.isTop) return false;
  return appFilePath(frame.url, distDir, pathApi) !== null;
}
