import { drawBreakdown } from './charts';
import { el } from './dom';
import { data, persisted } from './state';
import { thumbnail } from './table';

/** The selected sample: thumbnail (images), reasons in words, factor breakdown chart, its near-duplicates and label conflicts. */
export function detailSection(select: (id: string, reveal: boolean) => void): HTMLElement {
  const section = el('section', { className: 'detail', attrs: { 'aria-label': 'Selected sample' } });
  const detail = data.detail;
  if (!detail || detail.id !== persisted.selected) {
    section.appendChild(el('p', { className: 'muted', text: 'Select a sample (click, or Enter on a row) to see why it is hard to forget.' }));
    return section;
  }
  const row = data.rows.find((r) => r.id === detail.id);
  section.appendChild(el('h2', { text: `${detail.id} (label ${detail.label}) · difficulty ${detail.difficulty.toFixed(2)}` }));
  if (detail.predictions) {
    const p = detail.predictions;
    section.appendChild(el('p', { className: 'predictions', text: `unlearning risk ${p.residualRisk.toFixed(2)} · persistence ${p.persistence.toFixed(2)}` }));
  }
  if (row?.verdict) section.appendChild(el('p', { className: `verdict ${row.verdict}`, text: `In the forget set: ${row.verdict}` }));
  if (data.meta?.thumbnailRoot && row) section.append(thumbnail(data.meta.thumbnailRoot, row, 'large') ?? '');
  section.appendChild(el('ul', { className: 'reasons' }, detail.reasons.map((r) => el('li', { text: r }))));
  if (detail.memorization) section.appendChild(el('p', { className: 'memorization', text: detail.memorization }));
  const chart = el('div', { className: 'chart' });
  section.appendChild(chart);
  void drawBreakdown(chart, detail);
  if (detail.similar.length) {
    section.appendChild(el('h3', { text: 'Near-duplicates that would remain' }));
    section.appendChild(el('ul', { className: 'similar' }, detail.similar.map((s) => el('li', {}, [sampleLink(`${s.id} (cosine ${s.similarity.toFixed(3)})`, s.id, select)]))));
  }
  if (detail.labelConflicts?.length) {
    section.appendChild(el('h3', { text: 'Near-copies with another label' }));
    section.appendChild(el('ul', { className: 'label-conflicts' }, detail.labelConflicts.map((c) => el('li', {}, [labelConflictItem(c, select)]))));
  }
  return section;
}

/** A label conflict: its id as a link, then the words (the text starts with the id). */
export function labelConflictItem(c: { id: string; text: string }, select: (id: string, reveal: boolean) => void): HTMLElement {
  const words = c.text.startsWith(c.id) ? c.text.slice(c.id.length) : `: ${c.text}`;
  return el('span', {}, [sampleLink(c.id, c.id, select), el('span', { text: words })]);
}

/** A link-styled button that selects a sample and reveals it in its file. */
export function sampleLink(text: string, id: string, select: (id: string, reveal: boolean) => void): HTMLElement {
  const link = el('a', { text, attrs: { href: '#', role: 'button' } });
  link.addEventListener('click', (e) => {
    e.preventDefault();
    select(id, true);
  });
  return link;
}
