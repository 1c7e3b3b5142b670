import { keepsLabel } from './seedSpread';
import { ForgetReport } from './schema';

/** The plain-language opening a compliance reviewer can act on. */
export function summaryText(report: ForgetReport): string {
  const n = report.samples.length;
  const parts: string[] = [`Of ${n} requested ${n === 1 ? 'sample' : 'samples'}`];
  const gentle = report.algorithms.find((a) => a.name === 'finetune') ? 'fine-tuning on the remaining data' : 'a gentle method';
  const clauses: string[] = [];
  // Forgettable samples that no method needs to move are not "removed" by anything: say so, rather than credit fine-tuning.
  const tolerance = report.settings.forgottenTolerance;
  const forgettable = report.samples.filter((s) => s.verdict === 'forgettable');
  const predicted = forgettable.filter((s) => keepsLabel(s.pRetrainSeeds));
  const undecided = predicted.filter((s) => s.pRetrainWithoutCarriersSeeds.length > 0 && !keepsLabel(s.pRetrainWithoutCarriersSeeds)).length;
  const typical = predicted.length - undecided;
  const atLevel = forgettable.filter((s) => !keepsLabel(s.pRetrainSeeds) && s.pOriginal - s.pRetrain <= tolerance).length;
  const removed = forgettable.length - predicted.length - atLevel;
  if (removed) clauses.push(`${removed} ${are(removed)} removed by ${gentle}`);
  if (typical) clauses.push(`${typical} need${typical === 1 ? 's' : ''} nothing beyond deletion: a model that never saw ${typical === 1 ? 'it predicts it' : 'them predicts them'} anyway, as typical of ${typical === 1 ? 'its' : 'their'} class`);
  if (undecided) clauses.push(`${undecided} ${are(undecided)} undecided and counted as forgettable: without ${undecided === 1 ? 'its' : 'their'} most similar same-label samples the retrain seeds disagree whether the model still predicts ${undecided === 1 ? 'it' : 'them'}`);
  if (atLevel) clauses.push(`${atLevel} need${atLevel === 1 ? 's' : ''} nothing: the original model already gives ${atLevel === 1 ? 'it' : 'them'} no more confidence than a retrained one`);
  if (report.summary.hard) clauses.push(`${report.summary.hard} ${are(report.summary.hard)} hard: only aggressive unlearning methods (or a full retrain) remove them`);
  if (report.summary.ineffectiveAlone) {
    const ids = report.summary.alsoConsiderDeleting;
    const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? ` and ${ids.length - 10} more` : '');
    const n = report.summary.ineffectiveAlone;
    const carried = ids.length
      ? `${ids.length} remaining ${ids.length === 1 ? 'sample' : 'samples'} with the same label ${ids.length === 1 ? 'carries' : 'carry'} their pattern (also delete: ${shown})`
      : 'no single remaining sample shows its own evidence of carrying them';
    clauses.push(`${n} cannot be removed by deleting ${n === 1 ? 'it' : 'them'} alone: a model retrained without ${n === 1 ? 'it still predicts its label' : 'them still predicts their labels'}, one retrained also without ${n === 1 ? 'its' : 'their'} most similar same-label samples does not; ${carried}`);
  }
  if (report.summary.overForgotten) {
    const k = report.summary.overForgotten;
    clauses.push(`${k} ${are(k)} over-forgotten by at least one method (pushed below what a retrained model gives, which a membership attack can detect)`);
  }
  const best = [...report.algorithms].sort((a, b) => b.tow - a.tow)[0];
  const method = best ? ` The method closest to retraining is ${best.name} (ToW ${best.tow.toFixed(2)}, ${best.relativeTime.toFixed(2)}× the time of a retrain).` : '';
  const missing = report.forget.missing.length ? ` ${report.forget.missing.length} requested ids were not in the dataset and were skipped.` : '';
  return `${parts[0]}, ${clauses.join('; ')}.${method}${missing}`;
}

function are(count: number): string {
  return count === 1 ? 'is' : 'are';
}
