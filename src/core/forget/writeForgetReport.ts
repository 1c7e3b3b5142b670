import * as path from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite';
import { forgetReportHtml } from './reportHtml';
import { forgetReportMarkdown } from './reportMarkdown';
import { ForgetReport } from './schema';

/** forget-audit.json, .md and .html, each written atomically; all rendered before any is written. */
export function writeForgetReport(report: ForgetReport, dir: string): string[] {
  const files: Array<[string, string]> = [
    ['forget-audit.json', JSON.stringify(report, null, 1) + '\n'],
    ['forget-audit.md', forgetReportMarkdown(report)],
    ['forget-audit.html', forgetReportHtml(report)],
  ];
  return files.map(([name, content]) => {
    const target = path.join(dir, name);
    writeFileAtomic(target, content);
    return target;
  });
}
