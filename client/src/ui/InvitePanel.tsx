import { useMemo, useState } from 'react';
import { inviteLink } from '../room/room-link.ts';
import { qrDataUrl } from './qr.ts';
import { text } from './text.ts';

export function InvitePanel({ secret }: { readonly secret: string }) {
  const link = inviteLink(window.location.origin, secret);
  const qr = useMemo(() => qrDataUrl(link), [link]);
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
    navigator
      .share({ title: text.invite.shareTitle, text: text.invite.shareText, url: link })
      .catch(() => undefined);
  };

  return (
    <section className="panel invite" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{text.invite.heading}</h2>
      <p className="invite__notice">{text.invite.notice}</p>
      <img className="invite__qr" src={qr} alt={text.invite.qrAlt} width="220" height="220" />
      <label className="field">
        <span className="field__label">{text.invite.linkLabel}</span>
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
          {text.invite.copy}
        </button>
        {canShare && (
          <button type="button" className="button" onClick={share}>
            {text.invite.share}
          </button>
        )}
      </div>
      <p className="invite__copied" role="status">
        {copied ? text.invite.copied : ''}
      </p>
      <p className="invite__waiting">{text.invite.waiting}</p>
    </section>
  );
}
