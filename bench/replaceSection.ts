/**
 * `doc` with the level-2 section that starts like `section` replaced by it (up to the next "## "
 * heading), or with `section` inserted before the heading `before` when the doc has none yet.
 */
export function replaceSection(doc: string, section: string, before: string): string {
  const heading = section.slice(0, section.indexOf('\n'));
  const start = doc.indexOf(heading);
  if (start >= 0) {
    const next = doc.indexOf('\n## ', start + heading.length);
    return doc.slice(0, start) + section.trimEnd() + (next >= 0 ? '\n\n' + doc.slice(next + 1) : '\n');
  }
  const at = doc.indexOf(before);
  return at >= 0 ? doc.slice(0, at) + section.trimEnd() + '\n\n' + doc.slice(at) : doc.trimEnd() + '\n\n' + section.trimEnd() + '\n';
}
