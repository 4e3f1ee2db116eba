import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { pairedRoom, signalButton } from './support/room.ts';

/** Everything a page sends: request URLs and bodies, and every WebSocket frame it writes. */
function recordOutgoing(page: Page) {
  const urls: string[] = [];
  const payloads: string[] = [];
  page.on('request', (request) => {
    urls.push(request.url());
    const body = request.postData();
    if (body !== null) payloads.push(body);
  });
  page.on('websocket', (socket) => {
    urls.push(socket.url());
    socket.on('framesent', ({ payload }) => {
      payloads.push(typeof payload === 'string' ? payload : payload.toString('utf8'));
    });
  });
  return { urls, payloads };
}

test('what leaves the phones: only their own server, and never a secret or any content', async ({
  openPhone,
  baseURL,
}) => {
  const { a, b, link } = await pairedRoom(openPhone);
  // Record from the start on reloaded pages, so the join and its replay are included too.
  const sentByA = recordOutgoing(a.page);
  const sentByB = recordOutgoing(b.page);
  await a.page.reload();
  await b.page.reload();
  await expect(a.page.getByText('Your partner is here')).toBeVisible();

  await signalButton(a.page, 'Pause').click();
  await b.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  await signalButton(b.page, 'Check in').click();
  await expect(a.page.getByRole('alert')).toContainText('How are you?');
  // While an alert waits the tab says only that something does, never what.
  await expect(a.page).toHaveTitle('(1) Tandem');
  await a.page.getByRole('alert').getByRole('button', { name: 'Slow down' }).click();
  await b.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  await a.page.getByRole('button', { name: 'End session' }).click();
  await b.page.getByRole('textbox', { name: 'New item' }).fill('Zebra lemonade 7781');
  await b.page.getByRole('button', { name: 'Add item' }).click();
  await a.page.getByRole('checkbox', { name: 'Zebra lemonade 7781' }).check();
  await expect(b.page.getByRole('checkbox', { name: 'Zebra lemonade 7781' })).toBeChecked();
  await expect(a.page.getByTestId('signal-status')).toHaveText('Seen');

  // Neutral wherever a glance can land: the tab title is the app's name once nothing waits.
  for (const page of [a.page, b.page]) await expect(page).toHaveTitle('Tandem');

  const origin = new URL(baseURL ?? '').host;
  const secret = new URL(link).hash.slice(1);
  const devices = (
    await Promise.all(
      [a.page, b.page].map((page) =>
        page.evaluate(() =>
          Object.keys(localStorage)
            .filter((key) => key.startsWith('tandem.device.'))
            .map(
              (key) =>
                JSON.parse(localStorage.getItem(key) ?? '{}') as {
                  memberSecret: string;
                  reflectionSecret: string;
                },
            ),
        ),
      ),
    )
  ).flat();
  expect(devices).toHaveLength(2);
  const urls = [...sentByA.urls, ...sentByB.urls];
  const payloads = [...sentByA.payloads, ...sentByB.payloads].join('\n');

  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) expect(new URL(url).host).toBe(origin);
  expect(urls.join('\n')).not.toContain(secret);
  // Frames were recorded (the session really went over this socket)...
  expect(payloads).toContain('"envelope:send"');
  // ...and none of them says what was sent, or carries a secret that opens the room. Content
  // would travel as JSON strings; quotes and spaces never occur in base64url ciphertext.
  for (const forbidden of [
    secret,
    '"pause"',
    '"slow_down"',
    '"check_in"',
    '"signal"',
    '"session_ended"',
    '"checklist_item_added"',
    '"checklist_item_checked"',
    'Zebra lemonade 7781',
  ]) {
    expect(payloads).not.toContain(forbidden);
  }
  // Member secrets travel only in the join (the server keeps their hash): never with content.
  for (const { memberSecret } of devices) {
    const frames = payloads.split('\n').filter((frame) => frame.includes(memberSecret));
    for (const frame of frames) expect(frame).toContain('room:join');
  }
  // The secret each reflection key is made from never leaves its browser at all.
  for (const { reflectionSecret } of devices) {
    expect(reflectionSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(payloads).not.toContain(reflectionSecret);
    expect(urls.join('\n')).not.toContain(reflectionSecret);
  }
});
