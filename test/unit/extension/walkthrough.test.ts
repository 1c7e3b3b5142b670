import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
const views = new Set<string>(Object.values(manifest.contributes.views as Record<string, Array<{ id: string }>>).flat().map((v) => v.id));
const registered = fs.readFileSync(path.join(root, 'src', 'extension', 'commands.ts'), 'utf8');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}
const steps: Step[] = manifest.contributes.walkthroughs.flatMap((w: { steps: Step[] }) => w.steps);

test('every command a walkthrough step runs or waits for is contributed and registered', () => {
  assert.ok(steps.length >= 5, `${steps.length} steps`);
  const referenced = new Set<string>();
  for (const step of steps) {
    const buttons = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.ok(buttons.length > 0, `step ${step.id} has no button`);
    for (const event of step.completionEvents ?? []) {
      const [kind, target] = event.split(/:(.*)/s);
      if (kind === 'onCommand') referenced.add(target);
      else if (kind === 'onView') assert.ok(views.has(target), `step ${step.id}: ${event} names no contributed view`);
      else assert.fail(`step ${step.id}: unexpected completion event ${event}`);
    }
    assert.ok(step.completionEvents?.some((e) => e === `onCommand:${buttons[0]}`), `step ${step.id} is not completed by its own button`);
    buttons.forEach((b) => referenced.add(b));
  }
  for (const command of referenced) {
    assert.ok(contributed.has(command), `${command} is not in contributes.commands`);
    assert.ok(registered.includes(`'${command}':`), `${command} is not in the COMMANDS table of src/extension/commands.ts`);
  }
});

test('every walkthrough media file exists, is shipped, and names only contributed commands', () => {
  const shipped = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
  assert.match(shipped, /^!media\/\*\*$/m, 'media/ is not in the VSIX allow-list');
  for (const step of steps) {
    const file = step.media.markdown ?? step.media.image;
    assert.ok(file, `step ${step.id} has no media`);
    assert.ok(file.startsWith('media/'), `${file} is outside media/`);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    assert.match(text, /^# /, `${file} has no heading`);
    for (const title of text.matchAll(/\*\*ForgetLens: ([^*]+)\*\*/g)) {
      assert.ok(manifest.contributes.commands.some((c: { title: string }) => c.title === title[1]), `${file} names "${title[1]}", which is no command's title`);
    }
  }
});
