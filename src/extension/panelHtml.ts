import * as crypto from 'node:crypto';

/** The panel's HTML shell: strict CSP with a nonce, no inline script or style, no data in it. */
export function renderPanelHtml(options: { cspSource: string; nonce: string; scriptUri: string; styleUri: string; elementsUri: string }): string {
  const { cspSource, nonce } = options;
  const csp = [
    "default-src 'none'",
    // default-src does not cover these: no <base> can redirect relative URLs, no form can post.
    "base-uri 'none'",
    "form-action 'none'",
    `img-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${options.styleUri}" nonce="${nonce}">
<title>ForgetLens</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="muted">Loading results…</p></main>
<script nonce="${nonce}" src="${options.elementsUri}" type="module"></script>
<script nonce="${nonce}" src="${options.scriptUri}"></script>
</body>
</html>`;
}

export function createNonce(): string {
  return crypto.randomBytes(18).toString('base64url');
}
