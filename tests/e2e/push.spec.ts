import type { Page } from '@playwright/test';
import { LocalPushService } from '../support/push-service.ts';
import { expect, test as base } from './support/fixtures.ts';
import { auditScreen } from './support/a11y.ts';
import { controlledBySw } from './support/pwa.ts';
import { deliverPush, shownNotifications, stubPushManager } from './support/push.ts';
import { pairedRoom, screenshot, signalButton } from './support/room.ts';
import { startProductionServer, temporaryDataDir } from './support/server.ts';

/**
 * Web Push end to end (issue 19): B turns notifications on, B's page goes, A taps Pause; the
 * server pushes the sealed envelope through the local push service (which checks VAPID and opens
 * the RFC 8291 body), and that payload, handed to B's service worker over the DevTools protocol,
 * becomes a neutral notification.
 */
const test = base.extend<object, { pushService: LocalPushService }>({
  pushService: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure.
    async ({}, use) => {
      const service = await LocalPushService.start();
      await use(service);
      await service.close();
    },
    { scope: 'worker' },
  ],
  // This spec's own server: one that sends pushes, to the local push service only.
  server: [
    async ({ pushService }, use) => {
      const data = temporaryDataDir();
      const server = await startProductionServer({
        dataDir: data.dir,
        env: { PUSH_SERVICE_HOSTS: pushService.host },
      });
      await use(server);
      await server.stop();
      data.remove();
    },
    { scope: 'worker' },
  ],
});

// The service worker is what this is about (blocked for the other specs).
test.use({ serviceWorkers: 'allow' });

const notificationsSwitch = (page: Page) => page.getByRole('switch', { name: 'Notifications' });

/** Two phones in a room, each able to subscribe (to the local service); B turns notifications on. */
async function pairedWithNotificationsOn(
  openPhone: Parameters<typeof pairedRoom>[0],
  pushService: LocalPushService,
) {
  const subscription = pushService.subscribe();
  const { a, b } = await pairedRoom(openPhone, async (phone) => {
    await phone.context.grantPermissions(['notifications']);
    await stubPushManager(phone.context, subscription);
  });
  await controlledBySw(b.page);
  await notificationsSwitch(b.page).click();
  return { a, b, subscription };
}

test('a Pause reaches a phone whose page is closed, and neither server nor push service can read it', async ({
  openPhone,
  pushService,
}) => {
  // Two phones, a service worker and three deliveries: more than the usual minute on two cores.
  test.setTimeout(120_000);
  const subscription = pushService.subscribe();
  const { a, b, link } = await pairedRoom(openPhone, async (phone) => {
    await phone.context.grantPermissions(['notifications']);
    await stubPushManager(phone.context, subscription);
  });
  await controlledBySw(b.page);

  await expect(a.page.getByText("Your partner's phone: only while Tandem is open")).toBeVisible();
  await notificationsSwitch(b.page).click();
  await expect(notificationsSwitch(b.page)).toBeChecked();
  await expect(
    b.page.getByText('On: this phone is reached even when Tandem is closed.'),
  ).toBeVisible();
  await expect(a.page.getByText("Your partner's phone: notifications on")).toBeVisible();
  await b.page.getByText('Notifications', { exact: true }).first().scrollIntoViewIfNeeded();
  await screenshot(b.page, 'push-on');

  // B's page goes (the phone's screen off, the app swiped away): B's seat has no connection.
  await b.page.goto('/blank.html');
  await expect(a.page.getByText('Your partner is here')).toBeHidden();
  await signalButton(a.page, 'Pause').click();

  const [push] = await pushService.waitForPushes(subscription.id, 1);
  expect(push?.urgency).toBe('high');
  expect(push?.ttl).toBeLessThanOrEqual(60);
  expect(pushService.refusals()).toEqual([]);
  // What the push service delivered (after opening RFC 8291) is the envelope still sealed.
  const payload = push?.payload as { type: string; envelope: { ciphertext: string } | null };
  expect(payload.type).toBe('envelope');
  expect(payload.envelope?.ciphertext.length).toBeGreaterThan(16);
  expect(JSON.stringify(payload)).not.toMatch(/pause|slow|check_in|signal/i);

  // The push arrives at B's phone: its worker opens it with the kept key, and says it neutrally.
  await b.page.goto('/');
  await controlledBySw(b.page);
  await deliverPush(b.page, payload);
  await expect
    .poll(() => shownNotifications(b.page))
    .toEqual([expect.objectContaining({ title: 'Tandem', body: 'Your partner sent a signal' })]);

  // With "Show the signal's name" on, the same push names it.
  await b.page.goto(link);
  // The room shows the Pause itself once B is back: answered first, as B would.
  await b.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  await expect(b.page.getByRole('alert')).toHaveCount(0);
  const showName = b.page.getByRole('checkbox', {
    name: "Show the signal's name in notifications",
  });
  await showName.click();
  await expect(showName).toBeChecked();
  await b.page.goto('/');
  await controlledBySw(b.page);
  await deliverPush(b.page, payload);
  await expect
    .poll(() => shownNotifications(b.page))
    .toEqual([expect.objectContaining({ title: 'Tandem', body: 'Your partner: Pause' })]);
});

test('turning notifications off tells the partner, and the switch says what it does', async ({
  openPhone,
  pushService,
}) => {
  const { a, b } = await pairedWithNotificationsOn(openPhone, pushService);
  await expect(notificationsSwitch(b.page)).toBeChecked();
  await expect(a.page.getByText("Your partner's phone: notifications on")).toBeVisible();
  // Both themes, 390 and 320 wide: axe, 44 px targets, nothing sideways (screens saved).
  const panel = b.page.getByRole('region', { name: 'Notifications' });
  await auditScreen(b.page, 'notifications-on', { focus: panel });
  await notificationsSwitch(b.page).click();
  await expect(notificationsSwitch(b.page)).not.toBeChecked();
  await expect(
    b.page.getByText('Off: this phone is reached only while Tandem is open.'),
  ).toBeVisible();
  await expect(a.page.getByText("Your partner's phone: only while Tandem is open")).toBeVisible();
});

test('a push the worker cannot open still shows the neutral words, and a wake its own', async ({
  openPhone,
}) => {
  const { context, page } = await openPhone();
  await context.grantPermissions(['notifications']);
  await page.goto('/');
  await controlledBySw(page);
  // A room this phone keeps nothing for: no key, no words of its own, so the English neutral ones.
  const roomId = 'A'.repeat(22);
  await deliverPush(page, { type: 'envelope', roomId, incarnation: 'first', envelope: null });
  await expect
    .poll(() => shownNotifications(page))
    .toEqual([
      { title: 'Tandem', body: 'Your partner sent a signal', tag: `tandem-room-${roomId}` },
    ]);
  await deliverPush(page, { type: 'wake', roomId, incarnation: 'first', at: 1 });
  // The same room's tag: the wake replaces the signal's notification.
  await expect
    .poll(() => shownNotifications(page))
    .toEqual([{ title: 'Tandem', body: 'Time for your check-in', tag: `tandem-room-${roomId}` }]);
});

test('a page that says it is hidden is pushed to, though its socket is still open', async ({
  openPhone,
  pushService,
}) => {
  const { a, b, subscription } = await pairedWithNotificationsOn(openPhone, pushService);
  await expect(a.page.getByText("Your partner's phone: notifications on")).toBeVisible();
  // The screen goes off: the page says so (headless pages stay visible, so it is told).
  await b.page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await signalButton(a.page, 'Pause').click();
  const [push] = await pushService.waitForPushes(subscription.id, 1);
  expect((push?.payload as { type: string }).type).toBe('envelope');
  // And the page, still connected, shows the Pause too.
  await expect(b.page.getByRole('alert')).toBeVisible();
});
