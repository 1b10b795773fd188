/**
 * The security rules of the desktop app, as pure functions and constants so
 * they can be tested without Electron (main.ts applies them).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The renderer's Content-Security-Policy. main.ts sends it as a response
 * header for the app's own file:// pages; the renderer's index.html should
 * carry the same policy in a <meta http-equiv> tag, which also covers the
 * cases where Chromium does not run file:// responses through webRequest.
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
 * iframe), loaded from a file:// URL inside the app's `dist` folder. A page
 * that somehow navigated elsewhere, or a frame it embedded, gets nothing.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, distDir: string, pathApi: typeof path = path): boolean {
  if (!frame || !frame.isTop) return false;
  let u: URL;
  try {
    u = new URL(frame.url);
  } catch {
    return false;
  }
  if (u.protocol !== 'file:' || (u.host !== '' && u.host !== 'localhost')) return false;
  let file: string;
  try {
    file = fileURLToPath(u, { windows: pathApi === path.win32 });
  } catch {
    return false;
  }
  const fold = (p: string) => (pathApi === path.win32 ? p.toLowerCase() : p);
  const rel = pathApi.relative(fold(pathApi.resolve(distDir)), fold(pathApi.resolve(file)));
  return rel !== '' && !rel.startsWith('..') && !pathApi.isAbsolute(rel);
}
