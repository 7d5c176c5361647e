import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { policyFromPreset, PRESET_NAMES } from '../domain/policy/presets.js';
import { parsePolicy, PolicyError, type Policy } from '../domain/policy/schema.js';

/**
 * The tenant's policy: a preset by name, or a JSON/YAML file (whose `preset` field, if any, is the
 * base it overrides). Fails at boot with the file name and every bad field.
 */
export function loadPolicy(options: { preset: string; file?: string }): Policy {
  if (!options.file) return presetOrExplain(options.preset);
  let raw: unknown;
  try {
    const text = readFileSync(options.file, 'utf8');
    raw = /\.ya?ml$/i.test(options.file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Could not read the policy file ${options.file}: ${error instanceof Error ? error.message : String(error)}. Check the path in POLICY_FILE.`,
    );
  }
  const base =
    typeof raw === 'object' && raw !== null && typeof (raw as { preset?: unknown }).preset === 'string'
      ? (raw as { preset: string }).preset
      : options.preset;
  try {
    return policyFromPreset(asPreset(base), raw as never);
  } catch (error) {
    if (error instanceof PolicyError) throw new PolicyError(error.issues.map((i) => `${options.file}: ${i}`));
    throw error;
  }
}

function asPreset(name: string): (typeof PRESET_NAMES)[number] {
  const preset = PRESET_NAMES.find((p) => p === name);
  if (!preset) throw new Error(`Unknown policy preset "${name}". Choose one of: ${PRESET_NAMES.join(', ')}.`);
  return preset;
}

function presetOrExplain(name: string): Policy {
  return parsePolicy(policyFromPreset(asPreset(name)));
}
