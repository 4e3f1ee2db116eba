import { useStore } from '@nanostores/react';
import { BackToStart } from './BackToStart.tsx';
import { text } from './text.ts';

interface NoticeProps {
  readonly title: string;
  readonly body: string;
  /** Something the person must act on, shown prominently. */
  readonly warning?: string | undefined;
  readonly offerNewRoom?: boolean;
}

/** A full screen with something to say and, at most, a way back to the start. No room controls. */
export function Notice({ title, body, warning, offerNewRoom = false }: NoticeProps) {
  const t = useStore(text);
  return (
    <main className="screen screen--notice">
      <h1 className="notice__title">{title}</h1>
      <p className="notice__body">{body}</p>
      {warning !== undefined && <p className="notice__warning">{warning}</p>}
      {offerNewRoom && <BackToStart label={t.startNewRoom} primary />}
    </main>
  );
}
