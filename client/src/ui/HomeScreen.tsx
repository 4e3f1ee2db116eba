import { useStore } from '@nanostores/react';
import { useState } from 'react';
import { deriveRoomKeys, newRoomSecret } from '../../../shared/crypto/codec.ts';
import { registerRoomCreator } from '../room/device-record.ts';
import { lastRoom } from '../room/last-room.ts';
import { browserStorage } from '../room/storage.ts';
import { SettingsPanel } from './settings/SettingsPanel.tsx';
import { appName, text } from './text.ts';

export function HomeScreen() {
  const t = useStore(text);
  const [starting, setStarting] = useState(false);
  const [previous] = useState(() => lastRoom(browserStorage()));

  const startRoom = async () => {
    setStarting(true);
    const secret = newRoomSecret();
    const { roomId } = await deriveRoomKeys(secret);
    registerRoomCreator(browserStorage(), roomId);
    window.location.hash = secret;
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
