import { useStore } from '@nanostores/react';
import { useEffect } from 'react';
import { startServiceWorker } from '../pwa/start.ts';
import { parseFragment } from '../room/room-link.ts';
import { HomeScreen } from './HomeScreen.tsx';
import { Notice } from './Notice.tsx';
import { QuickExit } from './QuickExit.tsx';
import { RoomScreen } from './LazyRoomScreen.tsx';
import { noticeText } from './text.ts';
import { useFragment } from './use-fragment.ts';

/** Web Crypto only exists on https and localhost; without it nothing can be encrypted. */
const canEncrypt = () => window.isSecureContext && typeof crypto.subtle === 'object';

export function App() {
  const fragment = useFragment();
  const t = useStore(noticeText);
  useEffect(startServiceWorker, []);
  if (!canEncrypt()) return <Notice title={t.insecureTitle} body={t.insecureBody} />;
  const target = parseFragment(fragment);
  switch (target.kind) {
    case 'home':
      return <HomeScreen />;
    case 'room':
      // A new secret is a new room: remount so nothing carries over. Quick exit sits beside the
      // room, not in it, so it stays reachable in every state the room is in, alerts included.
      return (
        <>
          <QuickExit />
          <RoomScreen key={target.secret} secret={target.secret} />
        </>
      );
    case 'invalid':
      return <Notice title={t.invalidLinkTitle} body={t.invalidLinkBody} offerNewRoom />;
  }
}
