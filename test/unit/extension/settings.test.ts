import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTING_NAMES, SettingsError, auditKey, parseSettings } from '../../../src/extension/logic/settings';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const contributed = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;

test('the settings module covers every contributed setting, with the same defaults as package.json', () => {
  assert.deepEqual(SETTING_NAMES.map((n) => `forgetlens.${n}`).sort(), Object.keys(contributed).sort());
  const defaults = parseSettings({});
  for (const name of SETTING_NAMES) assert.deepEqual(defaults[name], contributed[`forgetlens.${name}`].default, name);
});

test('numbers typed as strings are parsed: "0.97" is a threshold of 0.97, "7" a seed of 7', () => {
  const s = parseSettings({ similarityThreshold: '0.97', seed: '7', k: ' 16 ' });
  assert.equal(s.similarityThreshold, 0.97);
  assert.equal(s.seed, 7);
  assert.equal(s.k, 16);
  assert.equal(parseSettings({ similarityThreshold: 'auto' }).similarityThreshold, 'auto');
});

test('invalid settings are refused with a message naming each setting and its value', () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ similarityThreshold: 'high' }, /forgetlens\.similarityThreshold is "high": expected "auto" or a number in \(0, 1\]/],
    [{ similarityThreshold: 1.5 }, /forgetlens\.similarityThreshold is 1\.5: /],
    [{ similarityThreshold: '0' }, /forgetlens\.similarityThreshold is "0": /],
    [{ mode: 'quick' }, /forgetlens\.mode is "quick"/],
    [{ k: 1 }, /forgetlens\.k is 1/],
    [{ k: 2.5 }, /forgetlens\.k is 2\.5/],
    [{ backend: 'gpu' }, /forgetlens\.backend is "gpu"/],
    [{ annotateTopN: -1 }, /forgetlens\.annotateTopN is -1/],
    [{ problems: 'yes' }, /forgetlens\.problems is "yes"/],
    [{ queue: 'http://redis:6379' }, /forgetlens\.queue is "http:\/\/redis:6379": expected empty \(train here\) or redis:\/\/HOST:PORT/],
    [{ queue: 'https://:hunter2@redis:6379' }, /forgetlens\.queue is "https:\/\/:\*\*\*@redis:6379"/],
  ];
  for (const [raw, message] of cases) assert.throws(() => parseSettings(raw), (err: Error) => err instanceof SettingsError && message.test(err.message), JSON.stringify(raw));
  const both = (() => {
    try {
      parseSettings({ mode: 'x', seed: 'y' });
    } catch (err) {
      return err as SettingsError;
    }
  })();
  assert.equal(both?.problems.length, 2, 'every invalid setting is named, not only the first');
});

test('forgetlens.queue: empty trains here, a redis/rediss URL is kept; a workspace cannot set it; it is not part of the cache key', () => {
  assert.equal(parseSettings({}).queue, '');
  assert.equal(parseSettings({ queue: ' rediss://:pw@redis.internal:6380 ' }).queue, 'rediss://:pw@redis.internal:6380');
  assert.equal((contributed['forgetlens.queue'] as { scope?: string }).scope, 'machine');
  const local = parseSettings({ mode: 'thorough' });
  assert.deepEqual(auditKey(parseSettings({ mode: 'thorough', queue: 'redis://127.0.0.1:6379' }), undefined), auditKey(local, undefined), 'a queued run gives the same scores');
});

test('the cache key holds every setting that changes the result: backend always, k only in thorough mode', () => {
  const fast = parseSettings({ mode: 'fast', k: 8 });
  assert.deepEqual(auditKey(fast, undefined), auditKey(parseSettings({ mode: 'fast', k: 64 }), undefined), 'k does not change a fast audit');
  assert.notDeepEqual(auditKey(fast, undefined), auditKey(parseSettings({ mode: 'fast', backend: 'cpu' }), undefined));
  assert.notDeepEqual(auditKey(parseSettings({ mode: 'thorough', k: 8 }), undefined), auditKey(parseSettings({ mode: 'thorough', k: 64 }), undefined));
  assert.notDeepEqual(auditKey(fast, 'label'), auditKey(fast, 'target'));
  assert.notDeepEqual(auditKey(fast, undefined), auditKey(parseSettings({ similarityThreshold: '0.97' }), undefined));
  // Settings that only change what is shown are not in the key.
  assert.deepEqual(auditKey(fast, undefined), auditKey(parseSettings({ mode: 'fast', annotateTopN: 5, problems: true }), undefined));
});
