import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllowedEndpoint, serviceHostOf } from '../../../server/push/endpoint-guard.ts';
import { DEFAULT_PUSH_SERVICE_HOSTS } from '../../../server/push/settings.ts';

const HOSTS = [...DEFAULT_PUSH_SERVICE_HOSTS, '127.0.0.1'];

describe('the push endpoint allowlist (SSRF guard)', () => {
  it.each([
    'https://fcm.googleapis.com/fcm/send/abc:def',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
    'https://web.push.apple.com/QGx',
    'https://wns2-par02p.notify.windows.com/w/?token=BQYAAA',
    'https://FCM.googleapis.com:443/fcm/send/x',
    'http://127.0.0.1:4567/push/1',
  ])('accepts %s', (endpoint) => {
    expect(isAllowedEndpoint(endpoint, HOSTS)).toBe(true);
  });

  it.each([
    ['another host', 'https://example.com/push'],
    ['a look-alike suffix', 'https://evilfcm.googleapis.com/x'],
    ['the service as a subdomain of another', 'https://fcm.googleapis.com.evil.example/x'],
    ['http to a service', 'http://fcm.googleapis.com/fcm/send/x'],
    ['another port', 'https://fcm.googleapis.com:8443/x'],
    ['credentials', 'https://user:pw@fcm.googleapis.com/x'],
    ['https to loopback', 'https://127.0.0.1/x'],
    ['an unlisted loopback name', 'http://localhost:80/x'],
    ['IPv6 loopback, unlisted', 'http://[::1]:80/x'],
    ['a link-local address', 'https://169.254.169.254/'],
    ['another scheme', 'ftp://fcm.googleapis.com/x'],
    ['not a URL', 'fcm.googleapis.com/x'],
  ])('refuses %s', (_name, endpoint) => {
    expect(isAllowedEndpoint(endpoint, HOSTS)).toBe(false);
  });

  it('never accepts a host outside the list, whatever the URL', () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        const host = new URL(url).hostname;
        const listed = HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
        if (!listed) expect(isAllowedEndpoint(url, HOSTS)).toBe(false);
      }),
    );
  });

  it('logs only the service host of an endpoint', () => {
    expect(serviceHostOf('https://fcm.googleapis.com/fcm/send/secret-token')).toBe(
      'fcm.googleapis.com',
    );
    expect(serviceHostOf('nonsense')).toBe('unknown');
  });
});
