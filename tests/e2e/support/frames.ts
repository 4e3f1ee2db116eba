import type { Page } from '@playwright/test';

/**
 * One socket.io event as it crosses the WebSocket: `42`, then the acknowledgement id when it is a
 * request awaiting a reply, then `["event", payload]`.
 */
export interface EventFrame {
  readonly ackId: string;
  readonly event: string;
  readonly payload: unknown;
}

/** Returns the frame to send in place of `frame`; the same object sends the original unchanged. */
export type FrameRewrite = (frame: EventFrame) => EventFrame;

const EVENT_FRAME = /^42(\d*)(\[[\s\S]*\])$/;

export function parseEventFrame(text: string): EventFrame | null {
  const match = EVENT_FRAME.exec(text);
  if (match === null) return null;
  const [, ackId = '', body = '[]'] = match;
  const parsed: unknown = JSON.parse(body);
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') return null;
  return { ackId, event: parsed[0], payload: parsed[1] };
}

export function formatEventFrame({ ackId, event, payload }: EventFrame): string {
  return `42${ackId}${JSON.stringify([event, payload])}`;
}

/**
 * Stands between `page` and the real server: every WebSocket the page opens from now on reaches
 * the server, and each event the page sends passes through `rewrite` first. Everything else (the
 * server's frames, engine.io pings and pongs, closes) goes through untouched, so the server answers
 * the rewritten frame exactly as it would answer a phone that sent it.
 */
export async function rewriteFrames(page: Page, rewrite: FrameRewrite): Promise<void> {
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      server.send(typeof message === 'string' ? rewriteText(message, rewrite) : message);
    });
  });
}

function rewriteText(text: string, rewrite: FrameRewrite): string {
  const frame = parseEventFrame(text);
  if (frame === null) return text;
  const rewritten = rewrite(frame);
  return rewritten === frame ? text : formatEventFrame(rewritten);
}
