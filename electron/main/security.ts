/**
 * The Content-Security-Policy of every Kinetic page: only our own scripts and styles, no remote
 * content of any kind, no plugins, no framing. The same policy is in each page's meta tag
 * (renderer/<window>/index.html) and is sent as a header by the app:// protocol.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Whether a URL may be loaded at all: our pages, blobs our pages made, data URLs, and in
 * development the dev server. Not `devtools:` (nothing of ours loads it) nor a blob of another
 * origin.
 */
export function isAllowedUrl(url: string, trustedOrigins: readonly string[]): boolean {
  if (url.startsWith('data:')) return true;
  // A blob URL carries its creator's origin: `blob:app://kinetic/<uuid>`.
  return isTrusted(url.startsWith('blob:') ? url.slice('blob:'.length) : url, trustedOrigins);
}

function isTrusted(url: string, trustedOrigins: readonly string[]): boolean {
  try {
    const u = new URL(url);
    // `new URL('app://kinetic/x').origin` is "null" for non-special schemes: compare by hand.
    return trustedOrigins.includes(`${u.protocol}//${u.host}`);
  } catch {
    return false;
  }
}

/**
 * The one permission our pages get: persistent storage (navigator.storage.persist()), which keeps
 * the browser from evicting IndexedDB to free space. Only for our own origins.
 */
export function allowsPermission(
  permission: string,
  url: string,
  trustedOrigins: readonly string[],
): boolean {
  if (permission !== 'persistent-storage') return false;
  try {
    const u = new URL(url);
    return trustedOrigins.includes(`${u.protocol}//${u.host}`);
  } catch {
    return false;
  }
}
