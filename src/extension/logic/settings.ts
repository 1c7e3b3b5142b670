import { z } from 'zod';
import { parseQueueUrl, redactQueueUrl } from '../../core/queue/connection';

/**
 * The extension's settings (package.json "contributes.configuration"), typed and checked in one
 * place. Values typed by hand in settings.json can be strings ("0.97"); numbers given as strings
 * are parsed, anything else is refused with a message naming the setting, before any work starts.
 */
const numberFromText = (schema: z.ZodNumber) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v), schema);

const SettingsSchema = z.object({
  mode: z.enum(['fast', 'thorough']).default('fast'),
  k: numberFromText(z.number().int().min(2)).default(32),
  seed: numberFromText(z.number().int()).default(0),
  similarityThreshold: z
    .union([z.literal('auto'), numberFromText(z.number().gt(0, 'must be above 0').max(1, 'must be at most 1'))])
    .default('auto'),
  annotateTopN: numberFromText(z.number().int().min(0)).default(100),
  problems: z.boolean().default(false),
  backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto'),
  // Empty: train locally. Machine-scoped in package.json, so a workspace cannot point it at its own Redis.
  queue: z
    .string()
    .trim()
    .refine((v) => v === '' || isQueueUrl(v), 'expected empty (train here) or redis://HOST:PORT or rediss://HOST:PORT')
    .default(''),
});

function isQueueUrl(v: string): boolean {
  try {
    parseQueueUrl(v);
    return true;
  } catch {
    return false;
  }
}

export type Settings = z.infer<typeof SettingsSchema>;
export type SettingName = keyof Settings;
export const SETTING_NAMES = Object.keys(SettingsSchema.shape) as SettingName[];

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid settings: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

/** `raw` holds what the configuration returned per name (undefined when unset). */
export function parseSettings(raw: Partial<Record<SettingName, unknown>>): Settings {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== null));
  const parsed = SettingsSchema.safeParse(defined);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    const shown = name === 'queue' && typeof defined[name] === 'string' ? redactQueueUrl(defined[name]) : defined[name];
    return `forgetlens.${name} is ${JSON.stringify(shown)}: ${describe(name, issue.message)}`;
  });
  throw new SettingsError([...new Set(problems)]);
}

function describe(name: string, zodMessage: string): string {
  if (name === 'similarityThreshold') return 'expected "auto" or a number in (0, 1]';
  return zodMessage;
}

/** Settings that change an audit's result, and so are part of its cache key. */
export interface AuditKey {
  mode: 'fast' | 'thorough';
  seed: number;
  similarity: number | 'auto';
  backend: Settings['backend'];
  label?: string;
  /** Only in thorough mode: fast mode trains no subsample models. */
  k?: number;
}

export function auditKey(settings: Settings, label: string | undefined): AuditKey {
  return {
    mode: settings.mode,
    seed: settings.seed,
    similarity: settings.similarityThreshold,
    backend: settings.backend,
    ...(label ? { label } : {}),
    ...(settings.mode === 'thorough' ? { k: settings.k } : {}),
  };
}
