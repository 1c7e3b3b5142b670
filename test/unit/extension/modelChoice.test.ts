import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha256File } from '../../../src/core/data/hash';
import { auditRequest } from '../../../src/extension/logic/auditRequest';
import { MODEL_FILTERS, modelFileKind, userModelKey } from '../../../src/extension/logic/modelChoice';
import { resultDirFor } from '../../../src/extension/logic/resultPaths';
import { auditKey, parseSettings } from '../../../src/extension/logic/settings';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

test('the model picker takes .onnx and model.json, and refuses other files by name', () => {
  assert.deepEqual(Object.values(MODEL_FILTERS).flat().sort(), ['json', 'onnx']);
  assert.deepEqual(modelFileKind('/m/digits.ONNX'), { kind: 'onnx' });
  assert.deepEqual(modelFileKind('/m/model.json'), { kind: 'tfjs' });
  const refused = modelFileKind('/m/weights.pt');
  assert.ok('problem' in refused && /weights\.pt is not a model.*\.onnx/.test(refused.problem));
});

test("the user's files reach the worker request and key the result folder by their content", async () => {
  const s = parseSettings({});
  const model = writeFile(dir, 'model.onnx', 'first export');
  const probs = writeFile(dir, 'probs.npy', 'probabilities');
  const request = auditRequest(s, '/d/data.parquet', '/d/out/audit.json', 'y', { modelPath: model, predProbsPath: probs });
  assert.equal(request.options.modelPath, model);
  assert.equal(request.options.predProbsPath, probs);
  assert.equal(request.options.embeddingsPath, undefined);
  assert.equal(auditRequest(s, '/d/data.parquet', '/d/out/audit.json').options.modelPath, undefined);

  assert.equal(await userModelKey({}, sha256File), undefined);
  const dirOf = async (choice: Parameters<typeof userModelKey>[0]) => resultDirFor('/w', '/w/data.csv', 'abc', auditKey(s, undefined, await userModelKey(choice, sha256File)));
  const own = await dirOf({});
  const first = await dirOf({ modelPath: model });
  assert.notEqual(first, own, "an audit with the user's model is not the own-MLP result");
  assert.equal(await dirOf({ modelPath: model }), first, 'the same model reuses its result');
  fs.writeFileSync(model, 're-exported');
  assert.notEqual(await dirOf({ modelPath: model }), first, 'a re-exported model at the same path is audited again');
  assert.notEqual(await dirOf({ predProbsPath: probs }), await dirOf({ embeddingsPath: probs }), 'the same file as probabilities or as embeddings');
});

test('Audit with Your Model is offered wherever Audit Dataset is, in the explorer, and its title does not match "Audit Dataset"', () => {
  // The palette filters by words: a title with "Dataset" in it would also match "ForgetLens: Audit Dataset" typed there.
  const title = manifest.contributes.commands.find((c: { command: string }) => c.command === 'forgetlens.auditDatasetWithModel').title;
  assert.doesNotMatch(title, /dataset/i);
  const menu = manifest.contributes.menus['explorer/context'];
  const when = (command: string) => menu.find((m: { command: string }) => m.command === command)?.when;
  assert.ok(when('forgetlens.auditDatasetWithModel'));
  assert.equal(when('forgetlens.auditDatasetWithModel'), when('forgetlens.auditDataset'));
});
