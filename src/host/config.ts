import * as vscode from 'vscode';

import { CITATIONS_STYLES, CONFIG_KEYS, DEFAULT_CONFIG, HOVER_MODES, SourcebookConfig } from './configKeys';

export { CONFIG_KEYS, DEFAULT_CONFIG, HOVER_MODES };
export type { CitationsStyle, HoverMode, SourcebookConfig, Severity } from './configKeys';

/** Settings whose value is one of a few strings: any other string falls back to the default. */
const ONE_OF: { readonly [K in keyof SourcebookConfig]?: readonly string[] } = {
  hoverMode: HOVER_MODES,
  citationsStyle: CITATIONS_STYLES,
  checkSeverity: ['error', 'warning', 'information', 'hint'],
};

/** Reads the settings now, for a resource's scope when given. Values of the wrong type fall back to defaults. */
export function readConfig(scope?: vscode.ConfigurationScope): SourcebookConfig {
  const section = vscode.workspace.getConfiguration('sourcebook', scope);
  const read = <K extends keyof SourcebookConfig>(key: K): SourcebookConfig[K] => {
    const value = section.get<unknown>(CONFIG_KEYS[key]);
    const fallback = DEFAULT_CONFIG[key];
    const allowed = ONE_OF[key];
    const valid = sameShape(value, fallback) && (!allowed || allowed.includes(value as string));
    return (valid ? value : fallback) as SourcebookConfig[K];
  };
  const config = Object.fromEntries((Object.keys(DEFAULT_CONFIG) as (keyof SourcebookConfig)[]).map((k) => [k, read(k)]));
  return config as unknown as SourcebookConfig;
}

function sameShape(value: unknown, fallback: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(fallback)) return Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (typeof fallback === 'object') return typeof value === 'object' && !Array.isArray(value);
  return typeof value === typeof fallback;
}

/** Calls back when any of the given settings changes. */
export function onConfigChange(keys: readonly (keyof SourcebookConfig)[], callback: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (keys.some((key) => event.affectsConfiguration(`sourcebook.${CONFIG_KEYS[key]}`))) callback();
  });
}
