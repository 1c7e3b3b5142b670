import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classPalette, themeKindOf } from '../../../webview/palette';

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Editor backgrounds: Dark Modern, Dark+, high contrast (black); Light Modern, Light+ and high contrast light are all white.
const BACKGROUNDS = { dark: ['#1f1f1f', '#1e1e1e', '#000000'], light: ['#ffffff'] } as const;

for (const kind of ['dark', 'light'] as const) {
  test(`every ${kind}-theme class colour has at least 3:1 contrast with the editor background, and they are distinct`, () => {
    const palette = classPalette(kind);
    assert.equal(palette.length, 10, 'ten classes (digits) get ten colours');
    assert.equal(new Set(palette).size, palette.length);
    for (const colour of palette) for (const bg of BACKGROUNDS[kind]) assert.ok(contrast(colour, bg) >= 3, `${colour} on ${bg}: ${contrast(colour, bg).toFixed(2)}:1`);
  });
}

test('the theme kind comes from the body classes VS Code sets', () => {
  const classes = (...names: string[]) => ({ contains: (n: string) => names.includes(n) });
  assert.equal(themeKindOf(classes('vscode-light')), 'light');
  assert.equal(themeKindOf(classes('vscode-high-contrast', 'vscode-high-contrast-light')), 'light');
  assert.equal(themeKindOf(classes('vscode-dark')), 'dark');
  assert.equal(themeKindOf(classes('vscode-high-contrast')), 'dark');
});
