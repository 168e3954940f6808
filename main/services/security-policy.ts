/**
 * The Content-Security-Policy and security headers both hosts send with the renderer (Electron
 * through session headers, web mode on every response). Scripts only from the app itself; no
 * eval, plugins, frames, forms or base-URL tricks. Inline styles are allowed because React Flow
 * and CodeMirror set them at run time.
 */
export interface CspOptions {
  /** Extra `connect-src` sources, e.g. the web server's `ws://127.0.0.1:PORT`. */
  connect?: string[];
  /** Vite's dev server injects an inline React Refresh preamble and talks HMR over a WebSocket. */
  dev?: boolean;
}

export function contentSecurityPolicy({ connect = [], dev = false }: CspOptions = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...connect],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Headers for every response of the renderer, besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

/**
 * The only sites a link in the app may open in the system browser (documentation the UI links
 * to), https only: the page is untrusted and `shell.openExternal` hands a URL to the OS, which
 * would otherwise launch whatever handles it (file:, smb:, custom app schemes…).
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'docs.bullmq.io',
  'bullmq.io',
  'redis.io',
  'nodejs.org',
  'github.com',
];

/** True for an https URL on an allowed host, without credentials or an unusual port. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    EXTERNAL_HOSTS.includes(parsed.hostname)
  );
}
