import { useEffect, useState, useSyncExternalStore } from 'react';
import { deriveRoomKeys } from '../../../../shared/crypto/codec.ts';
import { locale } from '../../i18n/locale.ts';
import { browserPushPlatform } from '../../push/push-platform.ts';
import { PushStore } from '../../push/push-store.ts';
import type { PushSwitchState } from '../../push/push-switch.ts';
import { PushSwitch } from '../../push/push-switch.ts';
import type { RoomClient, ServerPush } from '../../room/room-client.ts';
import { inviteLink } from '../../room/room-link.ts';
import { notificationText } from '../text/push.ts';

const UNSUPPORTED: PushSwitchState = { kind: 'unsupported' };
const noop = () => () => undefined;

/**
 * The room's "Notifications" switch (push-switch.ts), made once the room's keys are derived, and
 * kept in step: at each join (what the server says about pushes), and when the language changes
 * (the notifications' words). Null until it is made.
 */
export function usePushSwitch(
  client: RoomClient,
  secret: string,
  serverPush: ServerPush,
): { readonly pushSwitch: PushSwitch | null; readonly state: PushSwitchState } {
  const [pushSwitch, setPushSwitch] = useState<PushSwitch | null>(null);
  useEffect(() => {
    let live = true;
    void deriveRoomKeys(secret).then(({ roomId, contentKey }) => {
      if (!live) return;
      setPushSwitch(
        new PushSwitch({
          platform: browserPushPlatform(),
          store: new PushStore(pageIndexedDb()),
          roomId,
          contentKey,
          address: inviteLink(window.location.origin, secret),
          wording: () => ({ language: locale.get(), words: { ...notificationText.get() } }),
          send: (subscription) => client.setPushSubscription(subscription),
          seatHasPush: () => {
            const { seat, presence } = client.getSnapshot();
            return seat !== null && presence?.seats[seat].push === true;
          },
        }),
      );
    });
    return () => {
      live = false;
    };
  }, [client, secret]);

  // A new key (or none) from the server is a new object; the same key keeps the effect quiet.
  const serverKey = serverPush.kind === 'vapid' ? serverPush.key : serverPush.kind;
  useEffect(() => {
    void pushSwitch?.sync(serverPush);
    // serverPush is read through serverKey: a join with the same key asks nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pushSwitch, serverKey]);

  useEffect(() => {
    if (pushSwitch === null) return undefined;
    // At each change of language (and when its catalogue has loaded): turning on wrote the words.
    return notificationText.listen(() => {
      void pushSwitch.reword();
    });
  }, [pushSwitch]);

  const state = useSyncExternalStore(
    pushSwitch?.subscribe ?? noop,
    pushSwitch?.getSnapshot ?? (() => UNSUPPORTED),
  );
  return { pushSwitch, state: pushSwitch === null ? { kind: 'working' } : state };
}

function pageIndexedDb(): IDBFactory | undefined {
  try {
    return typeof indexedDB === 'undefined' ? undefined : indexedDB;
  } catch {
    return undefined;
  }
}
