import { JoinRequest, PROTOCOL_VERSION, SendRequest } from '../../shared/protocol.ts';
import { expect, test } from './support/fixtures.ts';
import { rewriteFrames } from './support/frames.ts';
import type { FrameRewrite } from './support/frames.ts';
import { ownSignalStatus, pairedRoom, screenshot, signalButton } from './support/room.ts';

/** A join as the build before the last protocol change sends it: the previous version. */
const asPreviousBuild: FrameRewrite = (frame) => {
  const join = JoinRequest.safeParse(frame.payload);
  if (frame.event !== 'room:join' || !join.success) return frame;
  return { ...frame, payload: { ...join.data, protocol: PROTOCOL_VERSION - 1 } };
};

/**
 * Spoils the next signal sent (an envelope with the notify bit) with a ciphertext the contract
 * forbids, once; every other frame passes unchanged.
 */
function spoilNextSignal(): { arm: () => void; rewrite: FrameRewrite } {
  let armed = false;
  return {
    arm: () => {
      armed = true;
    },
    rewrite: (frame) => {
      const send = SendRequest.safeParse(frame.payload);
      if (!armed || frame.event !== 'envelope:send' || !send.success || !send.data.notify) {
        return frame;
      }
      armed = false;
      return { ...frame, payload: { ...send.data, ciphertext: `${send.data.ciphertext}!` } };
    },
  };
}

test('R4: an old build is refused with protocol_mismatch, told to reload, and after the reload is back in its seat', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(openPhone);
  let previousBuild = true;
  await rewriteFrames(b.page, (frame) => (previousBuild ? asPreviousBuild(frame) : frame));
  // B comes back as an old build would after a deploy: its join names the previous version.
  await b.page.reload();

  await expect(b.page.getByRole('heading', { name: 'Tandem was updated — reload' })).toBeVisible();
  // No room controls on this screen: nothing can be tapped that the server would not read.
  await expect(signalButton(b.page, 'Pause')).toHaveCount(0);
  await screenshot(b.page, 'b-outdated');

  previousBuild = false;
  await b.page.getByRole('button', { name: 'Reload' }).click();
  // The seat was kept on the phone: B is back as A's partner, not a newcomer.
  await expect(b.page.getByText('Your partner is here')).toBeVisible({ timeout: 20_000 });
  await expect(a.page.getByText('Your partner is here')).toBeVisible({ timeout: 20_000 });
  await signalButton(b.page, 'Pause').click();
  await expect(a.page.getByRole('alert')).toContainText('Pause');
  await expect(ownSignalStatus(b.page)).toHaveText('Delivered');
});

test('R4: a signal the server refuses for good is said to its sender until dismissed, and reaches no one', async ({
  openPhone,
}) => {
  const spoiler = spoilNextSignal();
  const { a, b } = await pairedRoom(openPhone, (phone) =>
    rewriteFrames(phone.page, spoiler.rewrite),
  );
  const refused = b.page.getByText('Not sent — check in out loud');

  spoiler.arm();
  await signalButton(b.page, 'Pause').click();
  await expect(refused).toBeVisible();
  await expect(b.page.getByRole('button', { name: 'Dismiss' })).toBeVisible();
  // The refused Pause changed nothing: B has no signal of its own on record.
  await expect(ownSignalStatus(b.page)).toHaveCount(0);
  await screenshot(b.page, 'b-signal-refused');

  // Later traffic goes through, and the notice stays.
  await signalButton(a.page, 'Slow down').click();
  await expect(b.page.getByRole('alert')).toContainText('Slow down');
  await b.page.getByRole('button', { name: 'Got it' }).click();
  await expect(ownSignalStatus(a.page)).toHaveText('Seen');
  // B's "seen" was sent after its Pause, on the same connection, and the server orders what it
  // stores: had the Pause been stored, A would hold it by now.
  await expect(a.page.getByRole('alert')).toHaveCount(0);
  await expect(refused).toBeVisible();
  await screenshot(b.page, 'b-signal-refused-after-got-it');

  await b.page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(refused).toHaveCount(0);

  await signalButton(b.page, 'Pause').click();
  await expect(a.page.getByRole('alert')).toContainText('Pause');
  await expect(ownSignalStatus(b.page)).toHaveText('Delivered');
});
