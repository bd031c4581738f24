import { describe, expect, it } from 'vitest';
import { allowsPermission } from '../../electron/main/security';

const TRUSTED = ['app://kinetic'];

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
