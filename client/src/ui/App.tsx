import { parseFragment } from '../room/room-link.ts';
import { HomeScreen } from './HomeScreen.tsx';
import { Notice } from './Notice.tsx';
import { QuickExit } from './QuickExit.tsx';
import { RoomScreen } from './LazyRoomScreen.tsx';
import { text } from './text.ts';
import { useFragment } from './use-fragment.ts';

/** Web Crypto only exists on https and localhost; without it nothing can be encrypted. */
const canEncrypt = () => window.isSecureContext && typeof crypto.subtle === 'object';

export function App() {
  const fragment = useFragment();
  if (!canEncrypt()) return <Notice title={text.insecure.title} body={text.insecure.body} />;
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
      return <Notice title={text.invalidLink.title} body={text.invalidLink.body} offerNewRoom />;
  }
}
