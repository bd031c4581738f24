import { describe, expect, it } from 'vitest';
import { allowsPermission, isAllowedUrl } from '../../electron/main/security';

const TRUSTED = ['app://kinetic'];

describe('the request filter', () => {
  it('lets our pages, their blobs and data URLs through', () => {
    for (const url of [
      'app://kinetic/main/index.html',
      'app://kinetic/assets/x.js',
      'blob:app://kinetic/4f1c9a52-5d6e-4a55-9d1f-0d5c6b1e2a3f',
      'data:image/png;base64,iVBORw0KGgo=',
    ]) {
      expect(isAllowedUrl(url, TRUSTED), url).toBe(true);
    }
  });

  it('cancels blob: URLs of other origins, devtools: and everything remote', () => {
    for (const url of [
      'blob:https://evil.example/4f1c9a52-5d6e-4a55-9d1f-0d5c6b1e2a3f',
      'blob:null/4f1c9a52',
      'blob:',
      'blob:app://kinetic.evil.example/x',
      'devtools://devtools/bundled/inspector.html',
      'devtools:x',
      'https://example.com/',
      'file:///etc/passwd',
      'app://other/main/index.html',
      'not a url',
    ]) {
      expect(isAllowedUrl(url, TRUSTED), url).toBe(false);
    }
  });
});

describe('permissions', () => {
  it('grants our pages persistent storage, which keeps IndexedDB from being evicted', () => {
    expect(allowsPermission('persistent-storage', 'app://kinetic/main/index.html', TRUSTED)).toBe(true);
    expect(allowsPermission('persistent-storage', 'app://kinetic', TRUSTED)).toBe(true);
  });

  it('refuses every other permission, and persistent storage to any other origin', () => {
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(allowsPermission(permission, 'app://kinetic/main/index.html', TRUSTED)).toBe(false);
    }
    for (const url of [
      'https://example.com/',
      'devtools://devtools/x',
      'blob:app://kinetic/1',
      'data:text/html,x',
      '',
    ]) {
      expect(allowsPermission('persistent-storage', url, TRUSTED)).toBe(false);
    }
  });
});
