import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CarrierEvidence, carrierEvidence } from '../../../src/core/forget/carrierEvidence';
import { keepsLabel, losesLabel, seedSpread } from '../../../src/core/forget/seedSpread';
import { algorithmOutcome, decideVerdict } from '../../../src/core/forget/verdicts';

const candidate = { index: 7, similarity: 0.99, modelSimilarity: 0.98, foundIn: ['input', 'model'] as Array<'input' | 'model'> };

test('seed spread: a label is kept or lost only when the whole one-sided 95 % bound is on one side of 0.5', () => {
  assert.ok(keepsLabel([0.97, 0.99, 0.98]));
  assert.ok(!keepsLabel([0.9, 0.2, 0.95]), 'one seed disagrees: not clearly kept');
  assert.ok(!losesLabel([0, 0, 0.97]), 'one seed still predicts it: not clearly lost');
  assert.ok(losesLabel([0.02, 0.1, 0.05]));
  assert.deepEqual(seedSpread([0.4]), { mean: 0.4, halfWidth: 0 });
  const { mean, halfWidth } = seedSpread([0.2, 0.4, 0.6]);
  assert.ok(Math.abs(mean - 0.4) < 1e-12 && Math.abs(halfWidth - (2.92 * 0.2) / Math.sqrt(3)) < 1e-9);
});

test('carrier evidence: confirmed only when its own label is kept while trained on and lost once held out', () => {
  assert.equal(carrierEvidence(candidate, 'c', '3', [0.99, 0.98, 0.99], [0.01, 0.0, 0.02]).confirmed, true);
  const typical = carrierEvidence(candidate, 't', '3', [0.99, 0.99, 0.99], [0.97, 0.98, 0.99]);
  assert.equal(typical.confirmed, false);
  assert.match(typical.why, /typical of the class/);
  assert.match(carrierEvidence(candidate, 'u', '3', [0.3, 0.2, 0.4], [0.01, 0.0, 0.02]).why, /does not hold its own label/);
});

test('verdicts: ineffective-alone needs the retrains to keep the label and the retrains without carriers to lose it', () => {
  const carriers: CarrierEvidence[] = [carrierEvidence(candidate, 'c1', '3', [0.99, 0.99, 0.98], [0.01, 0.02, 0.0])];
  const kept = [0.99, 0.98, 0.99];
  const ineffective = decideVerdict({ pOriginal: 1, retrainSeeds: kept, withoutCarriersSeeds: [0.02, 0.01, 0.05], carriers, classStillLearnt: true, residual: { finetune: 0 } });
  assert.equal(ineffective.verdict, 'ineffective-alone');
  assert.match(ineffective.evidence, /should be deleted too: c1/);
  const typical = decideVerdict({ pOriginal: 1, retrainSeeds: kept, withoutCarriersSeeds: [0.97, 0.98, 0.96], carriers, classStillLearnt: true, residual: { finetune: 0 } });
  assert.equal(typical.verdict, 'forgettable');
  assert.match(typical.evidence, /a model that never saw it predicts its label anyway/);
  const undecided = decideVerdict({ pOriginal: 1, retrainSeeds: kept, withoutCarriersSeeds: [0, 0, 0.98], carriers, classStillLearnt: true, residual: { finetune: 0 } });
  assert.equal(undecided.verdict, 'forgettable');
  assert.match(undecided.evidence, /^undecided.*the seeds disagree \(p = 0\.00, 0\.00, 0\.98\)/);
  const depleted = decideVerdict({ pOriginal: 1, retrainSeeds: kept, withoutCarriersSeeds: [0.02, 0.01, 0.05], carriers, classStillLearnt: false, residual: { finetune: 0 } });
  assert.equal(depleted.verdict, 'forgettable', 'when the class itself is no longer learnt the counterfactual proves nothing');
  assert.match(depleted.evidence, /too much of the class was held out/);
  // Similar samples do not matter when the retrains already lose the label.
  const needsUnlearning = decideVerdict({ pOriginal: 1, retrainSeeds: [0.02, 0.05, 0.01], withoutCarriersSeeds: null, carriers, classStillLearnt: true, residual: { finetune: 0.9, salun: 0.05 } });
  assert.equal(needsUnlearning.verdict, 'hard');
  assert.match(needsUnlearning.evidence, /only salun reaches/);
});

test('over-forgetting is its own outcome, never counted as reaching the retrained level', () => {
  assert.equal(algorithmOutcome(-0.5), 'over-forgotten');
  assert.equal(algorithmOutcome(-0.05), 'reached');
  assert.equal(algorithmOutcome(0.5), 'not-reached');
  const v = decideVerdict({ pOriginal: 1, retrainSeeds: [0.6, 0.2, 0.1], withoutCarriersSeeds: null, carriers: [], classStillLearnt: true, residual: { finetune: -0.3, neggrad: 0.02 } });
  assert.equal(v.verdict, 'hard', 'fine-tuning over-forgets: it does not make the sample forgettable');
  assert.deepEqual(v.outcome, { finetune: 'over-forgotten', neggrad: 'reached' });
  assert.match(v.evidence, /finetune over-forgets it/);
});
