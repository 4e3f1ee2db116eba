import { renderSVG } from 'uqr';

/** A QR code as a data: URL (the page's policy allows images from data: and nothing external). */
export function qrDataUrl(content: string): string {
  const svg = renderSVG(content, { ecc: 'M', border: 2, blackColor: '#000', whiteColor: '#fff' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
