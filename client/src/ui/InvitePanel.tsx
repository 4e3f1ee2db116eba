import { useStore } from '@nanostores/react';
import { useEffect, useState } from 'react';
import { inviteLink } from '../room/room-link.ts';
import { appName, inviteText } from './text.ts';

/**
 * The QR code of `link` once its encoder has loaded: the encoder is a chunk of its own, fetched
 * only by a phone that shows an invite (the partner who opens the link never needs it). Null until
 * then, or if the chunk cannot be fetched (the link and its buttons still work).
 */
function useQrCode(link: string): { readonly link: string; readonly url: string } | null {
  const [qr, setQr] = useState<{ readonly link: string; readonly url: string } | null>(null);
  useEffect(() => {
    let current = true;
    import('./qr.ts')
      .then(({ qrDataUrl }) => {
        if (current) setQr({ link, url: qrDataUrl(link) });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [link]);
  // A code drawn for an earlier link is never shown for this one.
  return qr?.link === link ? qr : null;
}

export function InvitePanel({ secret }: { readonly secret: string }) {
  const t = useStore(inviteText);
  const link = inviteLink(window.location.origin, secret);
  const qr = useQrCode(link);
  const [copied, setCopied] = useState(false);
  const canShare = typeof navigator.share === 'function';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // Clipboard refused (permissions): select the field so a long-press copies it.
      document.querySelector<HTMLInputElement>('#invite-link')?.select();
    }
  };

  const share = () => {
    navigator.share({ title: appName, text: t.shareText, url: link }).catch(() => undefined);
  };

  return (
    <section className="panel invite" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t.heading}</h2>
      <p className="invite__notice">{t.notice}</p>
      {qr === null ? (
        <div className="invite__qr-slot" aria-busy="true" />
      ) : (
        <img className="invite__qr" src={qr.url} alt={t.qrAlt} width="220" height="220" />
      )}
      <label className="field">
        <span className="field__label">{t.linkLabel}</span>
        <input
          id="invite-link"
          className="field__input"
          type="text"
          readOnly
          value={link}
          onFocus={(event) => event.currentTarget.select()}
        />
      </label>
      <div className="invite__actions">
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {t.copy}
        </button>
        {canShare && (
          <button type="button" className="button" onClick={share}>
            {t.share}
          </button>
        )}
      </div>
      <p className="invite__copied" role="status">
        {copied ? t.copied : ''}
      </p>
      <p className="invite__waiting">{t.waiting}</p>
    </section>
  );
}
