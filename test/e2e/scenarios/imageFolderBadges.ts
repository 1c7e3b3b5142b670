// Issue 5, scenario 3: an image-folder dataset (root/<class>/<file>.png) audited from the
// explorer's context menu: the planted mislabelled and duplicated images get explorer badges and
// are listed in the "Hard to forget" view; an easy image gets no badge.
import * as path from 'node:path';
import { drawnFileBadges, openFromExplorer } from '../explorer';
import { Scenario } from '../scenario';
import { latestAudit } from '../workspace/results';
import { check, explorerBadge, explorerContextMenu, expandedPane, followProgress, panelFrame, panelSampleCount, poll, statusBarShows, waitForActiveTab } from '../workbench';

export const imageFolderBadges: Scenario = {
  name: 'image-folder-badges',
  timeoutMs: 240_000,
  async run({ page, workspace, csp, screenshot }) {
    const { root, mislabelled, duplicates, images } = workspace.clothes;
    const folder = path.basename(root);
    await explorerContextMenu(page, folder, 'Audit Dataset…');
    const progress = await followProgress(page, `ForgetLens: auditing ${folder}`, 20_000, 200_000);
    check(progress.finished, `the audit of the image folder finishes (${progress.messages.at(-1) ?? 'no progress notification'})`);
    check(await statusBarShows(page, /ForgetLens: \d+ hard/, 10_000), 'the status bar gives the result');

    const panel = await panelFrame(page, 30_000);
    await csp.watch(panel);
    const shown = await poll(page, async () => {
      const c = await panelSampleCount(panel);
      return c.total === images ? c : undefined;
    }, 15_000);
    check(shown !== undefined && shown.shown === images, `the panel lists the ${images} images (${(await panelSampleCount(panel)).text})`);

    const report = latestAudit(workspace.dir, root);
    const difficulty = new Map(report.samples.map((s) => [s.id, s.difficulty]));
    for (const id of [...mislabelled, ...duplicates]) {
      check((difficulty.get(id) ?? 0) >= 0.5, `the planted ${id} is flagged hard to forget (difficulty ${difficulty.get(id)?.toFixed(2)})`);
    }

    // The "Hard to forget" view lists the flagged images, hardest first.
    const pane = await expandedPane(page, 'Hard to forget');
    const labels = await poll(page, async () => {
      const texts = await pane.locator('.monaco-list-row .label-name').allInnerTexts();
      return texts.length > 0 ? texts : undefined;
    }, 10_000);
    check(labels !== undefined, 'the "Hard to forget" view lists samples');
    const hardest = report.samples.filter((s) => s.difficulty >= 0.5).map((s) => `${s.difficulty.toFixed(2)}  ${s.id}`);
    check(labels.every((l, i) => l.trim() === hardest[i]), `the view lists the hard samples in rank order (view: ${labels.join(' | ')}; audit: ${hardest.slice(0, labels.length).join(' | ')})`);
    for (const id of mislabelled) check(labels.some((l) => l.endsWith(id)), `the view lists the planted mislabelled ${id}`);

    // Choosing one in the view opens the image; the explorer shows it with its badge.
    await pane.locator('.monaco-list-row', { hasText: mislabelled[0] }).first().click();
    await waitForActiveTab(page, path.basename(mislabelled[0]));
    const selected = await poll(page, async () => (await panel.getAttribute('table.samples tbody tr.selected', 'data-id', { timeout: 500 })) === mislabelled[0] || undefined, 10_000);
    check(selected === true, `the panel selects ${mislabelled[0]} too`);
    // Each planted image, opened from the explorer, has its badge and tooltip there.
    for (const id of [...mislabelled, ...duplicates]) {
      await openFromExplorer(page, `${folder}/${id}`);
      const badge = await poll(page, async () => {
        const b = await explorerBadge(page, path.basename(id));
        return b.badge ? b : undefined;
      }, 10_000);
      check(badge !== undefined && badge.badge === 'H', `${id} has the "H" badge in the explorer (got "${badge?.badge ?? ''}")`);
      check(badge.tooltip.includes(`ForgetLens: difficulty ${difficulty.get(id)!.toFixed(2)}`), `its tooltip gives the difficulty: "${badge.tooltip}"`);
    }
    await screenshot('explorer');

    // The easiest image, and every image drawn around it and around a planted one, have the badge
    // their difficulty calls for: "H" from 0.5, "h" from 0.3, none below.
    const easiest = report.samples[report.samples.length - 1];
    check(easiest.difficulty < 0.3, `the easiest image is easy (${easiest.difficulty})`);
    const expected = (id: string) => {
      const d = difficulty.get(id) ?? NaN;
      return d >= 0.5 ? 'H' : d >= 0.3 ? 'h' : '';
    };
    for (const id of [easiest.id, mislabelled[1]]) {
      await openFromExplorer(page, `${folder}/${id}`);
      const classFolder = path.dirname(id);
      // Only this class folder is expanded, so the drawn rows at depth 3 are its files.
      const compare = async () => (await drawnFileBadges(page, 3)).map((r) => ({ ...r, id: `${classFolder}/${r.name}`, want: expected(`${classFolder}/${r.name}`) }));
      const settled = await poll(page, async () => {
        const rows = await compare();
        return rows.some((r) => r.id === id) && rows.every((r) => r.badge === r.want) ? rows : undefined;
      }, 10_000);
      const rows = settled ?? (await compare());
      const wrong = rows.filter((r) => r.badge !== r.want).map((r) => `${r.id} "${r.badge}" (difficulty ${difficulty.get(r.id)?.toFixed(2)}, expected "${r.want}")`);
      check(settled !== undefined, `the images drawn around ${id} in the explorer have the badges their difficulties call for: ${wrong.join('; ') || `${id} is not drawn`}`);
      check(rows.some((r) => r.want === '') && (id === easiest.id || rows.some((r) => r.want !== '')), `around ${id} the explorer draws easy images${id === easiest.id ? '' : ' and badged ones'} (${rows.map((r) => `${r.name}:${r.badge || '-'}`).join(' ')})`);
      console.log(`  badges drawn around ${id}: ${rows.length} images, ${rows.filter((r) => r.badge).length} badged`);
    }
    // The badged planted image stays in view for the final screenshot.
  },
};
