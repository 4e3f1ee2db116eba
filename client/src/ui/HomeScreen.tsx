import { useStore } from '@nanostores/react';
import { useState } from 'react';
import { registerRoomCreator } from '../room/device-record.ts';
import { lastRoom } from '../room/last-room.ts';
import { browserStorage } from '../room/storage.ts';
import { roomScreen } from './LazyRoomScreen.tsx';
import { SettingsPanel } from './settings/SettingsPanel.tsx';
import { appName, text } from './text.ts';

export function HomeScreen() {
  const t = useStore(text);
  const [starting, setStarting] = useState(false);
  const [failed, setFailed] = useState(false);
  const [previous] = useState(() => lastRoom(browserStorage()));

  const startRoom = async () => {
    setStarting(true);
    setFailed(false);
    // The room's crypto comes with the tap, not with the start page (it is the room chunk's), and
    // the room screen is fetched alongside, so neither waits for the other.
    roomScreen.preload();
    try {
      const { deriveRoomKeys, newRoomSecret } = await import('../../../shared/crypto/codec.ts');
      const secret = newRoomSecret();
      const { roomId } = await deriveRoomKeys(secret);
      registerRoomCreator(browserStorage(), roomId);
      window.location.hash = secret;
    } catch {
      // Not loaded (out of reach, with nothing cached yet): the tap can be made again.
      setStarting(false);
      setFailed(true);
    }
  };

  return (
    <main className="screen screen--home">
      <div className="home__brand">
        <img className="home__logo" src="/icon.svg" alt="" width="72" height="72" />
        <h1 className="home__title">{appName}</h1>
        <p className="home__tagline">{t.tagline}</p>
      </div>
      <p className="home__intro">{t.homeIntro}</p>
      <div className="home__actions">
        <button
          type="button"
          className="button button--primary button--large"
          disabled={starting}
          onClick={() => void startRoom()}
        >
          {t.startRoom}
        </button>
        {failed && (
          <p className="fineprint" role="status">
            {t.startNotLoaded}
          </p>
        )}
        {previous !== null && (
          <button
            type="button"
            className="button button--large"
            onClick={() => {
              window.location.hash = previous;
            }}
          >
            {t.returnToRoom}
          </button>
        )}
        <p className="fineprint">{t.privacyNote}</p>
      </div>
      <SettingsPanel />
    </main>
  );
}
