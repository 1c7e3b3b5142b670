import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import { describeCommandFailure } from '../../../src/extension/logic/commandErrors';
import { finalOutcome } from '../../../src/extension/logic/jobOutcome';
import { renderPanelHtml } from '../../../src/extension/panelHtml';
import { parseWebviewMessage } from '../../../src/protocol/webviewSchema';
import { parseWorkerEvent } from '../../../src/protocol/workerSchema';

test('a job whose done arrived before the cancel reports done; otherwise a cancel is a cancel', () => {
  const exit = { code: 0, signal: null };
  assert.deepEqual(finalOutcome({ kind: 'done', files: ['/ws/a.json'] }, true, exit), { kind: 'done', files: ['/ws/a.json'] });
  assert.deepEqual(finalOutcome(undefined, true, { code: null, signal: 'SIGKILL' }), { kind: 'cancelled' });
  assert.deepEqual(finalOutcome({ kind: 'failed', message: 'x', badInput: true }, true, exit), { kind: 'cancelled' });
  assert.deepEqual(finalOutcome({ kind: 'failed', message: 'x', badInput: true }, false, exit), { kind: 'failed', message: 'x', badInput: true });
});

test('a worker that dies without a word is a failure that says how it died', () => {
  const oom = finalOutcome(undefined, false, { code: 134, signal: null });
  assert.equal(oom.kind, 'failed');
  assert.match((oom as { message: string }).message, /stopped unexpectedly \(exit code 134: probably out of memory\)/);
  assert.match((finalOutcome(undefined, false, { code: null, signal: 'SIGSEGV' }) as { message: string }).message, /signal SIGSEGV\)$/);
});

test('worker messages are checked: good ones pass unchanged, others are named as unexpected', () => {
  const progress = { type: 'progress', event: { phase: 'training', fraction: 0.5 } };
  assert.deepEqual(parseWorkerEvent(progress), progress);
  assert.deepEqual(parseWorkerEvent({ type: 'done', files: ['a'] }), { type: 'done', files: ['a'] });
  for (const bad of [{ type: 'done' }, { type: 'progress', event: { phase: 'dreaming', fraction: 0.5 } }, { type: 'progress', event: { phase: 'training', fraction: 2 } }, 'done', null]) {
    const parsed = parseWorkerEvent(bad);
    assert.ok('invalid' in parsed, JSON.stringify(bad));
    assert.match(parsed.invalid, /^the worker sent an unexpected message/);
  }
});

test('webview messages are checked: a reveal without an id or an unknown type is refused', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'reveal', id: 'd1' }), { type: 'reveal', id: 'd1' });
  assert.deepEqual(parseWebviewMessage({ type: 'exportChart', format: 'svg', name: 'ranks', data: '<svg></svg>' }), { type: 'exportChart', format: 'svg', name: 'ranks', data: '<svg></svg>' });
  for (const bad of [{ type: 'reveal' }, { type: 'reveal', id: 7 }, { type: 'openFile', path: '/etc/passwd' }, { type: 'exportChart', format: 'exe', name: 'x', data: '' }, undefined]) {
    const parsed = parseWebviewMessage(bad);
    assert.ok('invalid' in parsed, JSON.stringify(bad));
    assert.match(parsed.invalid, /^the panel sent an unexpected message/);
  }
});

test('a failing command names itself and the problem; the stack goes to the log only for bugs', () => {
  const input = describeCommandFailure('Audit Dataset…', new InputError('an image dataset needs at least two class folders', '/ws'));
  assert.equal(input.message, 'ForgetLens: Audit Dataset… failed: /ws: an image dataset needs at least two class folders');
  assert.ok(input.userError);
  assert.doesNotMatch(input.detail, /\n\s+at /);
  const bug = describeCommandFailure('Export Report…', new TypeError("Cannot read properties of undefined (reading 'dir')"));
  assert.equal(bug.message, "ForgetLens: Export Report… failed: Cannot read properties of undefined (reading 'dir')");
  assert.ok(!bug.userError);
  assert.match(bug.detail, /\n\s+at /);
});

test("the panel's CSP also forbids <base> and form posts, which default-src does not cover", () => {
  const html = renderPanelHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'n0nce', scriptUri: 's.js', styleUri: 's.css', elementsUri: 'e.js' });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
  assert.equal(directives.get('default-src'), "'none'");
  assert.equal(directives.get('base-uri'), "'none'");
  assert.equal(directives.get('form-action'), "'none'");
  assert.equal(directives.get('script-src'), "'nonce-n0nce'");
});
