/**
 * Class colours for the charts, one set per theme kind. Every colour stands out from the editor
 * background of its kind (WCAG contrast ≥ 3:1 against the Modern and high-contrast backgrounds,
 * checked by test/unit/extension/palette.test.ts), so no class fades into the page.
 */
export type ThemeKind = 'dark' | 'light';

const PALETTES: Record<ThemeKind, readonly string[]> = {
  dark: ['#4fc1ff', '#ff9f43', '#ff6b6b', '#4edfc4', '#8be36b', '#ffe066', '#d49bff', '#ff8ad8', '#c8a27a', '#e0e0e0'],
  light: ['#1f5fbf', '#c25400', '#c62828', '#00796b', '#2e7d32', '#8a6d00', '#7b1fa2', '#c2185b', '#6d4c41', '#455a64'],
};

export function classPalette(kind: ThemeKind): readonly string[] {
  return PALETTES[kind];
}

/** The theme kind from the classes VS Code puts on the webview's body. */
export function themeKindOf(bodyClasses: { contains(name: string): boolean }): ThemeKind {
  return bodyClasses.contains('vscode-light') || bodyClasses.contains('vscode-high-contrast-light') ? 'light' : 'dark';
}
