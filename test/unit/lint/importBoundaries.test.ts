import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

// The project's own ESLint config, on code placed (by file name only) where it would break a boundary.
const eslint = new ESLint({ cwd: path.join(__dirname, '..', '..', '..') });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('src/core may not import vscode, the webview or the extension', async () => {
  assert.match((await restrictedImports('src/core/data/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n")).join(), /must not import vscode/);
  assert.match((await restrictedImports('src/core/data/x.ts', "import type { SampleRow } from '../../../webview/table';\nexport type R = SampleRow;\n")).join(), /must not import the webview/);
  assert.match((await restrictedImports('src/core/forget/x.ts', "import { ResultsStore } from '../../extension/resultsStore';\nexport const s = ResultsStore;\n")).join(), /must not import the webview or the extension/);
  assert.deepEqual(await restrictedImports('src/core/data/x.ts', "import * as fs from 'node:fs';\nexport const f = fs;\n"), []);
});

test('webview/ may not import Node modules, vscode or host code; src/protocol is shared', async () => {
  assert.match((await restrictedImports('webview/x.ts', "import * as fs from 'node:fs';\nexport const f = fs;\n")).join(), /no Node modules/);
  assert.match((await restrictedImports('webview/x.ts', "import { join } from 'path';\nexport const j = join;\n")).join(), /no Node modules/);
  assert.match((await restrictedImports('webview/x.ts', "import { runAudit } from '../src/core/audit/runAudit';\nexport const r = runAudit;\n")).join(), /only src\/protocol/);
  assert.deepEqual(await restrictedImports('webview/x.ts', "import type { SampleRow } from '../src/protocol/webview';\nexport type R = SampleRow;\n"), []);
});
