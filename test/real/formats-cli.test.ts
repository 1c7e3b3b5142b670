import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { validateAuditReport } from '../../src/core/report/auditSchema';
import { runCli } from '../helpers/cli';
import { bostonTable, toDelimited, wineTable } from '../helpers/sklearnTables';
import { tempDir, writeFile } from '../helpers/tempFiles';

const dir = tempDir();

test('audit of a gzipped semicolon CSV with decimal commas: the report says how it was read', () => {
  writeFile(dir, 'wine-eu.csv.gz', zlib.gzipSync(toDelimited(wineTable(), ';', ',')));
  const run = runCli(['audit', 'wine-eu.csv.gz', '--out', 'eu', '--top', '0', '--no-progress', '--epochs', '5'], dir);
  assert.equal(run.status, 0, run.stderr);
  const report = validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, 'eu', 'audit.json'), 'utf8')));
  assert.equal(report.dataset.features, 13);
  assert.deepEqual(
    { ...report.dataset.reading, notes: undefined },
    { compression: 'gzip', encoding: 'utf-8', delimiter: ';', delimiterSource: 'sniffed', decimalMark: ',', infiniteValues: 0, notes: undefined },
  );
});

test('bad input exits 2 with a message naming the file and column: a continuous label, a bad --delimiter', () => {
  writeFile(dir, 'boston.csv', toDelimited(bostonTable()));
  const continuous = runCli(['audit', 'boston.csv', '--out', 'b', '--no-progress'], dir);
  assert.equal(continuous.status, 2, continuous.stderr);
  assert.match(continuous.stderr, /boston\.csv \(column "MEDV"\): label column "MEDV" looks continuous.*--label <column>.*--bins N/);
  const delimiter = runCli(['audit', 'boston.csv', '--delimiter', 'x', '--out', 'b'], dir);
  assert.equal(delimiter.status, 2);
  assert.match(delimiter.stderr, /--delimiter.*expected one of , ; tab \|/);
  const bins = runCli(['audit', 'boston.csv', '--bins', '1', '--out', 'b'], dir);
  assert.equal(bins.status, 2);
  assert.match(bins.stderr, /--bins.*at least 2/);
});
