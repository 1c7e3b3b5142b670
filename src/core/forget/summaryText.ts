import { ForgetReport } from './schema';

/** The plain-language opening a compliance reviewer can act on. */
export function summaryText(report: ForgetReport): string {
  const n = report.samples.length;
  const parts: string[] = [`Of ${n} requested ${n === 1 ? 'sample' : 'samples'}`];
  const gentle = report.algorithms.find((a) => a.name === 'finetune') ? 'fine-tuning on the remaining data' : 'a gentle method';
  const clauses: string[] = [];
  // Forgettable samples the original already predicts no better than a model that never saw them
  // are not "removed" by anything: say so, rather than credit fine-tuning.
  const tolerance = report.settings.forgottenTolerance;
  const alreadyThere = report.samples.filter((s) => s.verdict === 'forgettable' && s.pOriginal - s.pRetrain <= tolerance).length;
  const removed = report.summary.forgettable - alreadyThere;
  if (removed) clauses.push(`${removed} ${are(removed)} removed by ${gentle}`);
  if (alreadyThere) clauses.push(`${alreadyThere} need${alreadyThere === 1 ? 's' : ''} nothing: a model retrained without ${alreadyThere === 1 ? 'it' : 'them'} predicts ${alreadyThere === 1 ? 'it' : 'them'} as the original does`);
  if (report.summary.hard) clauses.push(`${report.summary.hard} ${are(report.summary.hard)} hard: only aggressive unlearning methods (or a full retrain) remove them`);
  if (report.summary.ineffectiveAlone) {
    const ids = report.summary.alsoConsiderDeleting;
    const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? ` and ${ids.length - 10} more` : '');
    clauses.push(
      `${report.summary.ineffectiveAlone} cannot be removed by deleting them alone: ${ids.length} similar ${ids.length === 1 ? 'sample remains' : 'samples remain'} in the data and keep${ids.length === 1 ? 's' : ''} their influence (also consider deleting: ${shown})`,
    );
  }
  const best = [...report.algorithms].sort((a, b) => b.tow - a.tow)[0];
  const method = best ? ` The method closest to retraining is ${best.name} (ToW ${best.tow.toFixed(2)}, ${best.relativeTime.toFixed(2)}× the time of a retrain).` : '';
  const missing = report.forget.missing.length ? ` ${report.forget.missing.length} requested ids were not in the dataset and were skipped.` : '';
  return `${parts[0]}, ${clauses.join('; ')}.${method}${missing}`;
}

function are(count: number): string {
  return count === 1 ? 'is' : 'are';
}
