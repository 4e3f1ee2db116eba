import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Every colour pair the screens use, in both palettes of theme.css, against WCAG AA: 4.5:1 for
 * text, 3:1 for the edges of controls and the focus ring. axe checks the text it finds on the
 * screens it is shown; this checks the palette itself, pairs axe cannot see (focus rings, edges)
 * included.
 */

const css = readFileSync('client/src/ui/theme/theme.css', 'utf8');

/** The custom properties declared in the block that starts at `selector`. */
function palette(selector: string): Record<string, string> {
  const start = css.indexOf(selector);
  if (start < 0) throw new Error(`no block ${selector}`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  const colours: Record<string, string> = {};
  for (const [, name, value] of body.matchAll(/(--[\w-]+):\s*([^;]+);/g)) {
    if (name !== undefined && value !== undefined) colours[name] = value.trim();
  }
  return colours;
}

function channels(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (match === null) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [match[1], match[2], match[3]].map((part) => parseInt(part ?? '0', 16)) as [
    number,
    number,
    number,
  ];
}

function luminance([r, g, b]: readonly [number, number, number]): number {
  const linear = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** `top` at `alpha` over `base`, as the browser paints a translucent background. */
function over(top: readonly number[], alpha: number, base: readonly number[]) {
  return [0, 1, 2].map((i) => Math.round((top[i] ?? 0) * alpha + (base[i] ?? 0) * (1 - alpha))) as [
    number,
    number,
    number,
  ];
}

function ratio(a: readonly [number, number, number], b: readonly [number, number, number]) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const TEXT = 4.5;
const UI = 3;
const BACKGROUNDS = ['--bg', '--surface', '--surface-2'] as const;

/** [foreground, background, minimum ratio] by variable name. */
const PAIRS: readonly (readonly [string, string, number])[] = [
  ...['--text', '--muted', '--ok', '--warn', '--accent', '--partner'].flatMap((fg) =>
    BACKGROUNDS.map((bg) => [fg, bg, TEXT] as const),
  ),
  ['--text', '--chosen', TEXT],
  ['--accent', '--prompt-top', TEXT],
  ['--text', '--prompt-top', TEXT],
  ['--accent-ink', '--accent', TEXT],
  ['--pause-ink', '--pause', TEXT],
  ['--slow-ink', '--slow', TEXT],
  ['--check-ink', '--check', TEXT],
  ['--alert-ack-ink', '--alert-ack', TEXT],
  // The edges of fields, chips and boxes, and the focus ring, on every surface.
  ...['--edge', '--accent'].flatMap((fg) => BACKGROUNDS.map((bg) => [fg, bg, UI] as const)),
  ['--accent', '--chosen', UI],
  // A signal button stands out from the page by its colour, else by its edge.
  ['--pause', '--bg', UI],
  ['--check', '--bg', UI],
];

const THEMES = {
  dark: palette(':root {'),
  'light (phone prefers light)': palette(":root:not([data-theme='dark'])"),
  'light (chosen)': palette(":root[data-theme='light']"),
};

describe.each(Object.entries(THEMES))('the %s palette', (_name, colours) => {
  const colour = (name: string) => {
    const value = colours[name];
    if (value === undefined) throw new Error(`${name} is not declared`);
    return channels(value);
  };

  it.each(PAIRS)('%s on %s reaches %d:1', (fg, bg, minimum) => {
    expect(ratio(colour(fg), colour(bg))).toBeGreaterThanOrEqual(minimum);
  });

  it('Slow down stands out from the page by its colour or its edge', () => {
    const edge = colours['--signal-edge'];
    const byColour = ratio(colour('--slow'), colour('--bg'));
    const byEdge =
      edge === 'transparent' || edge === undefined ? 0 : ratio(channels(edge), colour('--bg'));
    expect(Math.max(byColour, byEdge)).toBeGreaterThanOrEqual(UI);
  });

  // The alert's other buttons: the signal's ink on a black 18% wash over the signal's colour.
  it.each([
    ['--pause-ink', '--pause'],
    ['--slow-ink', '--slow'],
    ['--check-ink', '--check'],
  ])('%s on the alert button over %s reaches 4.5:1', (ink, signal) => {
    expect(ratio(colour(ink), over([0, 0, 0], 0.18, colour(signal)))).toBeGreaterThanOrEqual(TEXT);
  });
});

it('the two light blocks are the same palette', () => {
  expect(THEMES['light (chosen)']).toEqual(THEMES['light (phone prefers light)']);
});
