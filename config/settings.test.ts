import { describe, expect, it } from 'vitest';
import { localShopUrl } from '../local/web';
import { loadLocalStackSettings } from './settings';

describe('local stack settings: the shop address shoppers use', () => {
  it('is the local web server unless FARMACRUZ_PUBLIC_URL names another (normalised to end in /)', () => {
    const plain = loadLocalStackSettings({ FARMACRUZ_WEB_PORT: '5999' });
    expect(plain.publicUrl).toBeUndefined();
    expect(localShopUrl(plain)).toBe('http://127.0.0.1:5999/');
    const proxied = loadLocalStackSettings({ FARMACRUZ_WEB_PORT: '5999', FARMACRUZ_PUBLIC_URL: 'http://127.0.0.1:6100' });
    expect(localShopUrl(proxied)).toBe('http://127.0.0.1:6100/');
    expect(loadLocalStackSettings({ FARMACRUZ_PUBLIC_URL: 'https://tienda.example/' }).publicUrl).toBe('https://tienda.example/');
  });

  it('refuses an address that is not http(s)', () => {
    expect(() => loadLocalStackSettings({ FARMACRUZ_PUBLIC_URL: 'ftp://tienda.example/' })).toThrow(/FARMACRUZ_PUBLIC_URL/);
    expect(() => loadLocalStackSettings({ FARMACRUZ_PUBLIC_URL: 'tienda' })).toThrow(/FARMACRUZ_PUBLIC_URL/);
  });
});
