import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_TEMPLATE_TOKENS } from '../../src/core/format/formatQuote';
import { CONFIG_KEYS, DEFAULT_CONFIG, RESOURCE_SETTINGS, SourcebookConfig, UNTRUSTED_SETTINGS } from '../../src/host/configKeys';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const EMOJI = /\p{Extended_Pictographic}/u;

interface SettingSchema {
  readonly default?: unknown;
  readonly scope?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
}

function properties(): Record<string, SettingSchema> {
  return contributes.configuration.properties as Record<string, SettingSchema>;
}

/** The README's settings table: each row's setting, its default (as written, JSON) and its description. */
function readmeSettings(): Map<string, { default: string; description: string }> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const rows = new Map<string, { default: string; description: string }>();
  for (const line of readme.split('\n')) {
    const row = /^\| `(sourcebook\.[\w.]+)` \| `([^`]*)` \| (.*) \|$/u.exec(line);
    if (row) rows.set(row[1], { default: row[2], description: row[3] });
  }
  return rows;
}

/** The conventions users notice, checked on the manifest so they cannot drift. */
describe('package.json manifest', () => {
  it('pins engines.vscode to the @types/vscode version', () => {
    const types = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')).version;
    assert.equal(pkg.engines.vscode, `^${types}`);
    assert.equal(pkg.devDependencies['@types/vscode'], types);
  });

  it('gives every command the Sourcebook category and no emoji', () => {
    for (const command of contributes.commands) {
      assert.equal(command.category, 'Sourcebook', command.command);
      assert.doesNotMatch(command.title, EMOJI, command.command);
    }
  });

  it('makes the README’s Insert Quote the only command whose title starts with its name', () => {
    const starting = contributes.commands.filter((c: { title: string }) => c.title.toLowerCase().startsWith('insert quote'));
    assert.deepEqual(starting.map((c: { command: string }) => c.command), ['sourcebook.insertQuote']);
  });

  it('lists exactly the template tokens the formatter accepts in the setting’s description and the README', () => {
    const description: string = contributes.configuration.properties['sourcebook.insert.templates'].markdownDescription;
    const tokensIn = (text: string): string[] => [...new Set([...text.matchAll(/\$\{(\w+)\}/gu)].map((m) => m[1]))].sort();
    // The description's example template uses some tokens again: what matters is that none is missing or unknown.
    assert.deepEqual(tokensIn(description), [...ALL_TEMPLATE_TOKENS].sort());
    assert.deepEqual(tokensIn(readmeSettings().get('sourcebook.insert.templates')?.description ?? ''), [...ALL_TEMPLATE_TOKENS].sort());
  });

  it('registers every command once, in the feature folder the README’s layout lists it under', () => {
    const featuresDir = path.join(ROOT, 'src', 'features');
    const files = readdirSync(featuresDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => ({ file: f, text: readFileSync(path.join(featuresDir, f), 'utf8') }));
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const constants = new Map<string, string>();
    for (const { text } of files) for (const m of text.matchAll(/export const (\w+_COMMAND) = '([\w.]+)'/gu)) constants.set(m[1], m[2]);
    const registered = new Map<string, string[]>();
    for (const { file, text } of files) {
      for (const m of text.matchAll(/registerCommand\((?:'([\w.]+)'|(\w+_COMMAND))/gu)) {
        const id = m[1] ?? constants.get(m[2]) ?? m[2];
        registered.set(id, [...(registered.get(id) ?? []), file]);
      }
    }
    for (const { command } of contributes.commands as { command: string }[]) {
      const where = registered.get(command) ?? [];
      assert.equal(where.length, 1, `${command}: registered in ${where.join(', ') || 'no feature'}`);
      const folder = where[0].split(path.sep)[0];
      assert.ok(!folder.endsWith('.ts'), `${command} is registered in src/features/${folder}, outside a feature folder`);
      assert.match(readme, new RegExp(`^ {4}${folder}/ `, 'mu'), `README layout lacks features/${folder}/`);
    }
  });

  it('gives every view and the container an icon that exists', () => {
    for (const container of contributes.viewsContainers.activitybar) assert.ok(existsSync(path.join(ROOT, container.icon)), container.icon);
    for (const view of contributes.views.sourcebook) {
      assert.ok(view.icon, `${view.id} has no icon`);
      assert.ok(existsSync(path.join(ROOT, view.icon)), view.icon);
    }
  });

  it('has at most three inline actions per tree item context', () => {
    const inline = contributes.menus['view/item/context'].filter((m: { group?: string }) => m.group?.startsWith('inline'));
    const byWhen = new Map<string, number>();
    for (const m of inline) byWhen.set(m.when, (byWhen.get(m.when) ?? 0) + 1);
    for (const [when, count] of byWhen) assert.ok(count <= 3, `${when}: ${count} inline actions`);
  });

  it('restricts in an untrusted workspace exactly the settings it leaves unread there, and says so', () => {
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), UNTRUSTED_SETTINGS.map((field) => `sourcebook.${CONFIG_KEYS[field]}`).sort());
    for (const field of UNTRUSTED_SETTINGS) assert.ok(untrusted.description.includes(`sourcebook.${CONFIG_KEYS[field]}`), field);
    // Virtual file systems are read through workspace.fs, so they are served, maybe without watching.
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  });

  it('activates lazily, never on startup', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.ok(!pkg.activationEvents.includes('onStartupFinished'));
  });

  it('describes every setting with a default, and the typed config reads exactly these settings', () => {
    for (const [key, setting] of Object.entries(properties())) {
      assert.ok('default' in setting, `${key} has no default`);
      assert.ok(setting.description ?? setting.markdownDescription, `${key} has no description`);
    }
    const typedKeys = Object.values(CONFIG_KEYS).map((k) => `sourcebook.${k}`).sort();
    assert.deepEqual(typedKeys, Object.keys(properties()).sort());
    for (const [field, key] of Object.entries(CONFIG_KEYS)) {
      assert.deepEqual(properties()[`sourcebook.${key}`].default, DEFAULT_CONFIG[field as keyof SourcebookConfig], key);
    }
  });

  it('declares scope "resource" for exactly the settings read per document or folder', () => {
    const declared = Object.entries(properties()).filter(([, setting]) => setting.scope === 'resource').map(([key]) => key).sort();
    assert.deepEqual(declared, RESOURCE_SETTINGS.map((field) => `sourcebook.${CONFIG_KEYS[field]}`).sort());
    for (const [key, setting] of Object.entries(properties())) assert.ok(setting.scope === undefined || setting.scope === 'resource', `${key}: scope ${setting.scope}`);
  });

  it('has a README settings row for every setting, with its default', () => {
    const rows = readmeSettings();
    assert.deepEqual([...rows.keys()].sort(), Object.keys(properties()).sort());
    for (const [key, row] of rows) assert.deepEqual(JSON.parse(row.default), properties()[key].default, key);
  });

  it('gives Ctrl+Alt+Q to Insert Quote in a draft and to Quote Selection in a source view, never both at once', () => {
    const bindings = contributes.keybindings as { command: string; key: string; mac?: string; when: string }[];
    const clauses = (when: string): string[] => when.split('&&').map((c) => c.trim());
    const insert = bindings.find((k) => k.command === 'sourcebook.insertQuote');
    const quoteSelection = bindings.find((k) => k.command === 'sourcebook.quoteSelection');
    assert.ok(insert && quoteSelection);
    for (const binding of [insert, quoteSelection]) assert.deepEqual([binding.key, binding.mac], ['ctrl+alt+q', 'cmd+alt+q'], binding.command);
    // A source view (scheme sourcebook) is read-only: the one binding needs a writable editor, the other a source view.
    assert.ok(clauses(insert.when).includes('!editorReadonly'), insert.when);
    assert.ok(clauses(quoteSelection.when).includes('resourceScheme == sourcebook'), quoteSelection.when);
    assert.ok(clauses(quoteSelection.when).includes('editorHasSelection'), quoteSelection.when);
    // No other command of ours takes the same keys.
    assert.deepEqual(bindings.filter((k) => k.key === 'ctrl+alt+q').map((k) => k.command).sort(), ['sourcebook.insertQuote', 'sourcebook.quoteSelection']);
  });
});
