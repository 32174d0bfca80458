// The sidebar through the real API in the extension host: the three views' trees, their labels and counts,
// tooltips, the open command, the filter, Show Quotes for Term, and grouping of very long levels.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Corpus } from '../../src/core/corpus';
import { escapeMarkdownStrict } from '../../src/core/format/escape';
import { KnowledgeBase } from '../../src/core/kb/knowledgeBase';
import type { Quote, Source, Speaker, Term, Theme } from '../../src/core/kb/model';
import type { SourcebookApi } from '../../src/extension';
import type { SidebarApi, SidebarNode } from '../../src/features/sidebar';
import { closeAllEditors, EXTENSION_ID, setSetting, sourcebook } from './helpers';

type ViewKind = 'themes' | 'speakers' | 'sources';

interface CatalogFile {
  sources: { id: string; title: string }[];
  speakers: { id: string; name: string; role?: string }[];
  themes: { id: string }[];
  quotes: { id: string; source: string; attribution: string }[];
}

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');
const ws = (text: string): string => text.replace(/\s+/gu, ' ').trim();

async function children(sidebar: SidebarApi, view: ViewKind, node?: SidebarNode): Promise<SidebarNode[]> {
  return (await sidebar.providers[view].getChildren(node)) ?? [];
}

function item(sidebar: SidebarApi, view: ViewKind, node: SidebarNode): vscode.TreeItem {
  return sidebar.providers[view].getTreeItem(node) as vscode.TreeItem;
}

async function tooltip(sidebar: SidebarApi, view: ViewKind, node: SidebarNode): Promise<vscode.MarkdownString> {
  const provider = sidebar.providers[view];
  const resolved = await provider.resolveTreeItem(item(sidebar, view, node), node);
  const tip = resolved?.tooltip;
  assert.ok(tip instanceof vscode.MarkdownString, 'a quote tooltip is a MarkdownString');
  return tip;
}

/** Every node of a view, depth first (the seeds are small). */
async function walk(sidebar: SidebarApi, view: ViewKind, node?: SidebarNode): Promise<SidebarNode[]> {
  const out: SidebarNode[] = [];
  for (const child of await children(sidebar, view, node)) {
    out.push(child, ...(await walk(sidebar, view, child)));
  }
  return out;
}

describe('sidebar', function () {
  this.timeout(60_000);
  let api: SourcebookApi;
  let sidebar: SidebarApi;
  let catalog: CatalogFile;

  before(async () => {
    api = await sourcebook();
    sidebar = api.sidebar;
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    catalog = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'seeds', 'catalog.json'), 'utf8')) as CatalogFile;
  });

  afterEach(async () => {
    await sidebar.setFilter(undefined);
    sidebar.clearTerm();
    sidebar.useCorpusForTesting(undefined);
  });

  after(async () => {
    await closeAllEditors();
  });

  it('lists the five seed sources with their titles, kind, date and quote counts', async () => {
    const roots = await children(sidebar, 'sources');
    assert.equal(roots.length, 5);
    const items = roots.map((n) => item(sidebar, 'sources', n));
    assert.deepEqual(items.map(labelOf), catalog.sources.map((s) => s.title));
    for (const [i, source] of catalog.sources.entries()) {
      const count = catalog.quotes.filter((q) => q.source === source.id).length;
      assert.match(String(items[i].description), new RegExp(`^${count} quotes · `), `${source.title}: ${items[i].description}`);
      assert.equal(items[i].collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      assert.ok(items[i].accessibilityInformation?.label.startsWith('Source: '));
    }
    const talk = items.find((i) => labelOf(i).startsWith('Ilya Sutskever Blows Up'));
    assert.match(String(talk?.description), /talk transcript · NeurIPS 2024/u);
  });

  it('lists a source’s quotes in document order', async () => {
    const talk = (await children(sidebar, 'sources')).find((n) => n.kind === 'source' && n.source.id === 'sutskever-neurips-2024');
    assert.ok(talk);
    const quotes = await children(sidebar, 'sources', talk);
    assert.equal(quotes.length, catalog.quotes.filter((q) => q.source === 'sutskever-neurips-2024').length);
    const starts = quotes.map((n) => (n.kind === 'quote' ? n.quote.bodyRange.start : -1));
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });

  it('lists speakers, people and organisations told apart, with roles', async () => {
    const roots = await children(sidebar, 'speakers');
    assert.equal(roots.length, catalog.speakers.length);
    const ilya = roots.find((n) => n.kind === 'speaker' && n.speaker.id === 'ilya-sutskever');
    assert.ok(ilya);
    const ilyaItem = item(sidebar, 'speakers', ilya);
    assert.equal(labelOf(ilyaItem), 'Ilya Sutskever');
    assert.match(String(ilyaItem.description), /^\d+ quotes(?:, \d+ reports?)? · Former chief scientist and co-founder of OpenAI/u);
    assert.equal((ilyaItem.iconPath as vscode.ThemeIcon).id, 'person');
    assert.match(ilyaItem.accessibilityInformation?.label ?? '', /^Person: Ilya Sutskever, Former chief scientist/u);
    const openai = roots.find((n) => n.kind === 'speaker' && n.speaker.id === 'openai');
    assert.ok(openai);
    assert.equal((item(sidebar, 'speakers', openai).iconPath as vscode.ThemeIcon).id, 'organization');
    // People first, then organisations, then unsigned writers.
    const kinds = roots.map((n) => (n.kind === 'speaker' ? n.speaker.kind : ''));
    assert.deepEqual(kinds, [...kinds].sort((a, b) => ['person', 'organisation', 'unsigned'].indexOf(a) - ['person', 'organisation', 'unsigned'].indexOf(b)));
  });

  it('marks reported views apart from direct words, in the row and for screen readers', async () => {
    const ilya = (await children(sidebar, 'speakers')).find((n) => n.kind === 'speaker' && n.speaker.id === 'ilya-sutskever');
    assert.ok(ilya);
    const quotes = await children(sidebar, 'speakers', ilya);
    const own = quotes.find((n) => n.kind === 'quote' && n.quote.attribution === 'direct' && n.quote.speaker.id === 'ilya-sutskever');
    const reported = quotes.find((n) => n.kind === 'quote' && n.quote.attribution === 'reported' && n.quote.speaker.id !== 'ilya-sutskever');
    assert.ok(own && reported, 'Ilya has both his own words and reports of his view');
    const ownItem = item(sidebar, 'speakers', own);
    const reportedItem = item(sidebar, 'speakers', reported);
    assert.match(String(ownItem.description), /^own words · /u);
    assert.match(String(reportedItem.description), /^reported by /u);
    assert.equal((ownItem.iconPath as vscode.ThemeIcon).id, 'quote');
    assert.equal((reportedItem.iconPath as vscode.ThemeIcon).id, 'comment-discussion');
    assert.match(ownItem.accessibilityInformation?.label ?? '', /^Direct quote, Ilya Sutskever: /u);
    assert.match(reportedItem.accessibilityInformation?.label ?? '', /^Reported view, .*reporting .*Ilya Sutskever’s view/u);
    // In the Themes view, a reported quote's description names the writer and whose view it reports.
    for (const theme of await children(sidebar, 'themes')) {
      for (const node of await children(sidebar, 'themes', theme)) {
        if (node.kind !== 'quote' || node.quote.attribution !== 'reported') continue;
        assert.match(String(item(sidebar, 'themes', node).description), /, reporting /u);
      }
    }
  });

  it('lists at least eight themes with counts; quote rows are short, attributed and open their source', async () => {
    const roots = await children(sidebar, 'themes');
    assert.ok(roots.length >= 8, `${roots.length} themes`);
    for (const theme of roots) {
      assert.equal(theme.kind, 'theme');
      const themeItem = item(sidebar, 'themes', theme);
      const quotes = await children(sidebar, 'themes', theme);
      assert.equal(themeItem.description, quotes.length === 1 ? '1 quote' : `${quotes.length} quotes`);
      for (const node of quotes) {
        assert.equal(node.kind, 'quote');
        if (node.kind !== 'quote') continue;
        const row = item(sidebar, 'themes', node);
        const label = labelOf(row);
        assert.ok(label.length <= 61, `label too long: ${label}`);
        assert.ok(!label.includes('\n'));
        if (node.quote.text.length > 60) assert.ok(label.endsWith('…'), label);
        else assert.equal(label, node.quote.text);
        assert.ok(ws(node.quote.text).startsWith(label.replace(/…$/u, '')), `label is not the start of the quote: ${label}`);
        assert.equal(row.contextValue, 'quote');
        assert.equal(node.quoteId, node.quote.id);
        assert.equal(row.command?.command, 'sourcebook.openQuote');
        assert.deepEqual(row.command?.arguments, [node.quote.id]);
        assert.equal(row.tooltip, undefined, 'tooltips are resolved lazily');
        assert.ok(String(row.description).length > 0);
      }
    }
  });

  it('gives every row an id that is unique in its view', async () => {
    for (const view of ['themes', 'speakers', 'sources'] as const) {
      const ids = (await walk(sidebar, view)).map((n) => item(sidebar, view, n).id);
      assert.ok(ids.every((id) => typeof id === 'string' && id.length > 0));
      assert.equal(new Set(ids).size, ids.length, `${view}: duplicate ids`);
    }
  });

  it('keeps ids across a reload of the sources, so expansion is kept', async () => {
    const before = (await walk(sidebar, 'speakers')).map((n) => item(sidebar, 'speakers', n).id);
    let fired = false;
    const subscription = sidebar.providers.speakers.onDidChangeTreeData(() => {
      fired = true;
    });
    try {
      await api.reload();
    } finally {
      subscription.dispose();
    }
    assert.ok(fired, 'the view refreshes when the corpus changes');
    const after = (await walk(sidebar, 'speakers')).map((n) => item(sidebar, 'speakers', n).id);
    assert.deepEqual(after, before);
  });

  it('resolves a quote tooltip: full quote as a blockquote, attribution, source and date, escaped and untrusted', async () => {
    const talk = (await children(sidebar, 'sources')).find((n) => n.kind === 'source' && n.source.id === 'sutskever-neurips-2024');
    assert.ok(talk);
    for (const node of (await children(sidebar, 'sources', talk)).slice(0, 10)) {
      if (node.kind !== 'quote') continue;
      const tip = await tooltip(sidebar, 'sources', node);
      assert.equal(tip.isTrusted, false);
      assert.ok(!tip.supportHtml);
      assert.ok(tip.value.startsWith(`> ${escapeMarkdownStrict(node.quote.text)}`), tip.value);
      assert.ok(tip.value.includes(escapeMarkdownStrict(node.quote.source.title)));
      assert.ok(tip.value.includes(escapeMarkdownStrict('NeurIPS 2024')));
    }
  });

  it('opens a quote as a read-only sourcebook: document with exactly the quote selected, creating no file', async () => {
    const filesBefore = (await vscode.workspace.findFiles('**/*')).map((u) => u.toString()).sort();
    const theme = (await children(sidebar, 'themes'))[0];
    const nodes = (await children(sidebar, 'themes', theme)).slice(0, 3);
    assert.ok(nodes.length > 0);
    for (const node of nodes) {
      assert.equal(node.kind, 'quote');
      if (node.kind !== 'quote') continue;
      const row = item(sidebar, 'themes', node);
      // As a click does: the row's command with its arguments.
      await vscode.commands.executeCommand(row.command!.command, ...(row.command!.arguments ?? []));
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor, 'an editor opened');
      assert.equal(editor.document.uri.scheme, 'sourcebook');
      assert.equal(ws(editor.document.getText(editor.selection)), ws(node.quote.text));
      assert.equal(editor.document.isDirty, false);
      // Read-only: typing into the focused editor, as a user would, changes nothing.
      const text = editor.document.getText();
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await vscode.commands.executeCommand('type', { text: 'typed into a source' });
      assert.equal(editor.document.getText(), text, 'the source document took typing');
      assert.equal(editor.document.isDirty, false);
    }
    // The inline action gets the tree node itself.
    const node = nodes[nodes.length - 1];
    await vscode.commands.executeCommand('sourcebook.openQuote', node);
    assert.equal(vscode.window.activeTextEditor?.document.uri.scheme, 'sourcebook');
    const filesAfter = (await vscode.workspace.findFiles('**/*')).map((u) => u.toString()).sort();
    assert.deepEqual(filesAfter, filesBefore);
    // Control: the same typing does change an ordinary document, so the check above means something.
    const control = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: '', language: 'plaintext' }));
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('type', { text: 'typed' });
    assert.equal(control.document.getText(), 'typed');
    await closeAllEditors();
  });

  it('filters all three views by typed words, case- and accent-insensitively, and clears', async () => {
    const full = {
      themes: (await children(sidebar, 'themes')).length,
      speakers: (await children(sidebar, 'speakers')).length,
      sources: (await children(sidebar, 'sources')).length,
    };
    await sidebar.setFilter('  PEAK ');
    assert.equal(sidebar.filter, 'PEAK');
    for (const view of ['themes', 'speakers', 'sources'] as const) {
      assert.equal(sidebar.views[view].description, 'filter: PEAK');
      const roots = await children(sidebar, view);
      assert.ok(roots.length > 0 && roots.length <= full[view], `${view}: ${roots.length}`);
      for (const root of roots) {
        const quotes = await children(sidebar, view, root);
        assert.ok(quotes.length > 0);
        for (const q of quotes) {
          assert.ok(q.kind === 'quote');
          const words = [q.quote.text, q.quote.speaker.name, q.quote.source.title, ...q.quote.themes.map((t) => t.label), ...q.quote.terms.flatMap((t) => [t.label, ...t.variants])].join(' ');
          assert.match(words, /peak/iu);
        }
      }
    }
    const speakers = (await children(sidebar, 'speakers')).length;
    assert.ok(speakers < full.speakers, 'the filter narrows the speakers');
    // The filter shows "n of m" in the parent's count.
    const narrowed = (await children(sidebar, 'sources')).map((n) => String(item(sidebar, 'sources', n).description));
    assert.ok(narrowed.some((d) => /^\d+ of \d+ quotes · /u.test(d)), narrowed.join('\n'));

    await sidebar.setFilter('pesut');
    const pesut = await children(sidebar, 'speakers');
    assert.ok(pesut.some((n) => n.kind === 'speaker' && n.speaker.name === 'Lovre Pešut'), 'accent-insensitive');

    await sidebar.setFilter('zzqx nothing matches this');
    for (const view of ['themes', 'speakers', 'sources'] as const) {
      assert.equal((await children(sidebar, view)).length, 0);
      assert.match(sidebar.views[view].message ?? '', /No quotes match/u);
    }

    await vscode.commands.executeCommand('sourcebook.clearFilter');
    assert.equal(sidebar.filter, undefined);
    for (const view of ['themes', 'speakers', 'sources'] as const) {
      assert.equal((await children(sidebar, view)).length, full[view]);
      assert.equal(sidebar.views[view].message, undefined);
      assert.ok(!String(sidebar.views[view].description ?? '').includes('filter'));
    }
  });

  it('shows quotes for a term at the top of the Themes view', async () => {
    const corpus = api.corpus();
    const term = corpus.kb.terms.find((t) => corpus.kb.quotesForTerm(t.id).length >= 2);
    assert.ok(term);
    await vscode.commands.executeCommand('sourcebook.showQuotesForTerm', term.id);
    assert.equal(sidebar.term, term.id);
    const roots = await children(sidebar, 'themes');
    const root = roots[0];
    assert.equal(root.kind, 'term');
    const rootItem = item(sidebar, 'themes', root);
    assert.equal(labelOf(rootItem), `Term: ${term.label}`);
    assert.equal(rootItem.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(rootItem.contextValue, 'term');
    const quotes = await children(sidebar, 'themes', root);
    assert.deepEqual(quotes.map((n) => (n.kind === 'quote' ? n.quote.id : '')), corpus.kb.quotesForTerm(term.id).map((q) => q.id));
    // Ids stay unique with the term's quotes also listed under their themes.
    const ids = (await walk(sidebar, 'themes')).map((n) => item(sidebar, 'themes', n).id);
    assert.equal(new Set(ids).size, ids.length);
    // The filter does not hide the term the user asked for; hiding it removes it.
    await sidebar.setFilter('zzqx nothing');
    assert.equal((await children(sidebar, 'themes'))[0]?.kind, 'term');
    await vscode.commands.executeCommand('sourcebook.hideTermQuotes');
    assert.equal(sidebar.term, undefined);
    assert.equal((await children(sidebar, 'themes')).length, 0);
    assert.equal(await sidebar.revealTerm('no-such-term'), false);
  });

  it('says in the Sources view how many files were skipped', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const dir = vscode.Uri.joinPath(folder.uri, 'sidebar-skip');
    await vscode.workspace.fs.createDirectory(dir);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'notes.md'), Buffer.from('# Notes\n\nSome words about peak data.\n'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02, 0x00, 0x41]));
    try {
      await setSetting('sources', ['sidebar-skip']);
      await api.reload();
      assert.match(String(sidebar.views.sources.description), /^1 file skipped — see log$/u);
      await sidebar.setFilter('peak');
      assert.match(String(sidebar.views.sources.description), /^filter: peak · 1 file skipped — see log$/u);
    } finally {
      await setSetting('sources', undefined);
      await vscode.workspace.fs.delete(dir, { recursive: true });
      await api.reload();
    }
    await sidebar.setFilter(undefined);
    assert.equal(sidebar.views.sources.description, undefined);
  });

  it('escapes tooltips of hostile source text', async () => {
    const corpus = syntheticCorpus(1, '[click](command:workbench.action.quit) <img src=x onerror=alert(1)> *bold* `code` # 54% $x$');
    sidebar.useCorpusForTesting(corpus);
    const theme = (await children(sidebar, 'themes'))[0];
    const node = (await children(sidebar, 'themes', theme))[0];
    assert.ok(node.kind === 'quote');
    const tip = await tooltip(sidebar, 'themes', node);
    assert.equal(tip.isTrusted, false);
    assert.ok(!tip.value.includes('](command:'), tip.value);
    assert.ok(tip.value.startsWith('> '), 'a blockquote');
    assert.doesNotMatch(tip.value.slice(2), /(^|[^\\])[<>]/u, 'an unescaped angle bracket');
    assert.ok(tip.value.includes('\\[click\\]\\(command\\:workbench\\.action\\.quit\\)'), tip.value);
  });

  // How long expanding and filtering take is measured by the bench (bench/sections/sidebar.ts), not here.
  it('groups a level of 30,000 quotes into pages of 200, and filters them', async () => {
    const corpus = syntheticCorpus(30_000);
    sidebar.useCorpusForTesting(corpus);
    for (const view of ['themes', 'speakers', 'sources'] as const) {
      const [owner] = await children(sidebar, view);
      assert.match(String(item(sidebar, view, owner).description), /^30,000 quotes/u);
      const groups = await children(sidebar, view, owner);
      assert.equal(groups.length, 150);
      const first = item(sidebar, view, groups[0]);
      assert.equal(labelOf(first), 'Quotes 1–200');
      assert.equal(labelOf(item(sidebar, view, groups[149])), 'Quotes 29,801–30,000');
      const page = await children(sidebar, view, groups[149]);
      assert.equal(page.length, 200);
      assert.ok(page[0].kind === 'quote' && page[0].quote.id === 'q29800');
      assert.equal(sidebar.providers[view].getParent?.(page[0]), groups[149]);
    }
    // The views are told to refresh once every quote's verdict is worked out, in slices; asked before, they work
    // out what they show at once. Either way the same quotes.
    const refreshed = new Promise<void>((resolve) => {
      const listening = sidebar.providers.themes.onDidChangeTreeData(() => {
        listening.dispose();
        resolve();
      });
    });
    const applied = sidebar.setFilter('quote number 2999');
    const [owner] = await children(sidebar, 'themes');
    assert.equal((await children(sidebar, 'themes', owner)).length, 13); // 2999, 12999, 22999 and 29990–29999
    await applied;
    await refreshed;
    const [after] = await children(sidebar, 'themes');
    assert.equal((await children(sidebar, 'themes', after)).length, 13);
  });

  it('nests groups when even the pages are too many (45,000 quotes)', async () => {
    sidebar.useCorpusForTesting(syntheticCorpus(45_000));
    const [owner] = await children(sidebar, 'sources');
    const groups = await children(sidebar, 'sources', owner);
    assert.deepEqual(groups.map((g) => labelOf(item(sidebar, 'sources', g))), ['Quotes 1–40,000', 'Quotes 40,001–45,000']);
    const inner = await children(sidebar, 'sources', groups[1]);
    assert.equal(inner.length, 25);
    assert.equal(labelOf(item(sidebar, 'sources', inner[0])), 'Quotes 40,001–40,200');
    assert.equal((await children(sidebar, 'sources', inner[0])).length, 200);
  });
});

/** One theme, speaker and source with `count` quotes (built straight from the model types). */
function syntheticCorpus(count: number, text?: string): Corpus {
  const speaker: Speaker = { id: 'synthetic-speaker', name: 'Synthetic Speaker', kind: 'person', aliases: [], role: 'Test fixture' };
  const theme: Theme = { id: 'synthetic-theme', label: 'Synthetic theme', description: 'Many quotes' };
  const term: Term = { id: 'synthetic-term', label: 'synthetic', variants: [], definition: 'A test term', themes: [theme] };
  const body = Array.from({ length: count }, (_, i) => text ?? `Quote number ${i} of the synthetic corpus.`).join('\n');
  const source = {
    id: 'synthetic-source', title: 'Synthetic source', kind: 'notes', origin: 'workspace', uri: 'untitled:synthetic', displayPath: 'synthetic.md',
    raw: body, date: '2026', repair: { text: body, repaired: 0, unrecoverable: 0 }, body: { text: body },
  } as unknown as Source;
  const quotes: Quote[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const words = text ?? `Quote number ${i} of the synthetic corpus.`;
    quotes.push({
      id: `q${i}`, text: words, source, speaker, attribution: 'direct', about: [], themes: [theme], terms: [term],
      bodyRange: { start: offset, end: offset + words.length }, rawRange: { start: offset, end: offset + words.length },
    });
    offset += words.length + 1;
  }
  return new Corpus(new KnowledgeBase([source], [speaker], [theme], [term], quotes));
}
