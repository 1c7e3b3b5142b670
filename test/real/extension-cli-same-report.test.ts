import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditRequest } from '../../src/extension/logic/auditRequest';
import { parseSettings } from '../../src/extension/logic/settings';
import { WorkerJob } from '../../src/extension/workerClient';
import { runCli } from '../helpers/cli';
import { writeIrisCsv } from '../helpers/iris';
import { tempDir } from '../helpers/tempFiles';

const ROOT = path.join(__dirname, '..', '..');

/** The report's text with only the moment it was made and the phase timings blanked. */
function withoutClock(file: string): string {
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  assert.equal(typeof report.createdAt, 'string');
  const timings = report.timings as Record<string, number>;
  return JSON.stringify({ ...report, createdAt: '', timings: Object.fromEntries(Object.keys(timings).map((k) => [k, 0])) }, null, 1);
}

test('"Audit Dataset…" with default settings (the built worker) writes the same report as the CLI with no flags', async () => {
  const dir = tempDir();
  const dataset = writeIrisCsv(dir);
  const cli = runCli(['audit', dataset, '--out', path.join(dir, 'cli'), '--top', '0'], dir);
  assert.equal(cli.status, 0, cli.stderr);
  const outFile = path.join(dir, 'extension', 'audit.json');
  const outcome = await new WorkerJob(ROOT, auditRequest(parseSettings({}), dataset, outFile), () => undefined, () => undefined).done;
  assert.deepEqual(outcome, { kind: 'done', files: [outFile] });
  const fromCli = withoutClock(path.join(dir, 'cli', 'audit.json'));
  assert.ok(fromCli.includes('"rows": 150'), 'the CLI audited all of iris');
  assert.equal(withoutClock(outFile), fromCli);
});
