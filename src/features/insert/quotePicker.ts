import * as vscode from 'vscode';
import type { Corpus } from '../../core/corpus';
import type { Quote } from '../../core/kb/model';
import { CancelledError } from '../../core/util/cancellation';
import { originLabel } from '../../core/format/originLabel';
import { escapeLabelIcons, escapeSeparatorIcons } from '../../core/format/escape';
import { sourceDate } from '../../core/format/dates';
import { alsoQuotedIn, occasionOf, speakerPhrase } from '../../core/format/formatQuote';
import { widen } from '../../core/passages/quoteText';

export const PICKER_PLACEHOLDER = 'Type a few words of the quote (typos are fine) · @name for a speaker · #theme for a theme';
/** Items shown at once; search ranks the whole corpus, the list shows the best of it. */
const MAX_ITEMS = 50;
/** When nothing is typed: a few quotes from each source, so the list teaches what is there. */
const DEFAULT_PER_SOURCE = 6;

const openSourceButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Open source at this quote' };
const copyButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy formatted quote' };
const widenBackButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('arrow-up'), tooltip: 'Include the previous sentence' };
const widenOnButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('arrow-down'), tooltip: 'Include the next sentence' };

export interface QuoteItem extends vscode.QuickPickItem {
  readonly quote?: Quote;
}

export interface PickOptions {
  readonly title: string;
  readonly initialValue?: string;
  readonly onOpen: (quote: Quote) => void;
  readonly onCopy: (quote: Quote) => void;
}

/**
 * A quick pick ranked by our own search on every keystroke. VS Code's filter and sort are switched off
 * (alwaysShow, sortByLabel) so that typo-tolerant matches stay visible and in our order; a search started
 * for an older keystroke never replaces the results of a newer one.
 */
export function pickQuote(corpus: () => Corpus, options: PickOptions): Promise<Quote | undefined> {
  const picker = vscode.window.createQuickPick<QuoteItem>();
  picker.title = options.title;
  picker.placeholder = PICKER_PLACEHOLDER;
  picker.matchOnDescription = false;
  picker.matchOnDetail = false;
  // Not in the typed API, but honoured by the extension host: keep our ranking instead of re-sorting by label.
  (picker as unknown as { sortByLabel: boolean }).sortByLabel = false;
  const disposables: vscode.Disposable[] = [picker];
  let generation = 0;

  const update = (value: string): void => {
    const current = ++generation;
    picker.busy = true;
    try {
      const items = itemsFor(corpus(), value, () => current !== generation);
      if (current !== generation) return; // a newer keystroke has already answered
      picker.items = items;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
    } finally {
      if (current === generation) picker.busy = false;
    }
  };

  return new Promise<Quote | undefined>((resolve) => {
    disposables.push(
      picker.onDidChangeValue(update),
      picker.onDidAccept(() => {
        const quote = picker.selectedItems[0]?.quote ?? picker.activeItems[0]?.quote;
        if (!quote) return; // an explanatory row: nothing to accept
        resolve(quote);
        picker.hide();
      }),
      picker.onDidTriggerItemButton(({ item, button }) => {
        if (!item.quote) return;
        if (button === openSourceButton) options.onOpen(item.quote);
        else if (button === copyButton) options.onCopy(item.quote);
        else if (button === widenBackButton || button === widenOnButton) widenRow(picker, item, button === widenOnButton ? 'next' : 'previous', corpus(), options.title);
      }),
      picker.onDidHide(() => {
        resolve(undefined);
        for (const d of disposables) d.dispose();
      }),
    );
    picker.value = options.initialValue ?? '';
    update(picker.value);
    picker.show();
  });
}

/** The rows for a query: ranked hits, the default list for an empty query, or a row that explains. */
export function itemsFor(corpus: Corpus, value: string, isStale: () => boolean = () => false): QuoteItem[] {
  if (corpus.kb.quotes.length === 0) {
    return [{ label: '$(info) No quotes are loaded', detail: 'Check the Sourcebook log (Sourcebook: Show Log) and the settings sourcebook.includeSeeds and sourcebook.sources.', alwaysShow: true }];
  }
  if (!value.trim()) return defaultItems(corpus);
  const hits = corpus.index.search(value, { limit: MAX_ITEMS, token: { get isCancellationRequested() { return isStale(); } } });
  if (hits.length === 0) {
    return [{ label: `$(search-stop) No quote matches “${escapeLabelIcons(value.trim())}”`, detail: 'Try fewer or different words, a speaker with @name (e.g. @sutskever) or a theme with #theme (e.g. #synthetic).', alwaysShow: true }];
  }
  return hits.map((hit) => quoteItem(hit.quote));
}

/** Grouped by source, in document order: a useful list before anything is typed. */
function defaultItems(corpus: Corpus): QuoteItem[] {
  const items: QuoteItem[] = [];
  for (const source of corpus.kb.sources) {
    const quotes = corpus.kb.quotesForSource(source.id).slice(0, DEFAULT_PER_SOURCE);
    if (quotes.length === 0) continue;
    items.push({ label: escapeSeparatorIcons(source.title), kind: vscode.QuickPickItemKind.Separator });
    items.push(...quotes.map(quoteItem));
  }
  return items;
}

/**
 * Replaces a passage's row by the passage with its neighbouring sentence, focused, ready to insert; says in the
 * title why when it cannot (no neighbour, or someone else's words).
 */
function widenRow(picker: vscode.QuickPick<QuoteItem>, item: QuoteItem, direction: 'next' | 'previous', corpus: Corpus, title: string): void {
  const widened = widen(item.quote as Quote, direction, corpus.passages);
  if (!widened.ok) {
    picker.title = `${title} — cannot widen: ${widened.reason}`;
    return;
  }
  picker.title = title;
  const row = quoteItem(widened.quote);
  picker.items = picker.items.map((i) => (i === item ? row : i));
  picker.activeItems = [row];
}

/**
 * A row for a quote. What identifies it comes first and survives the row buttons and a narrow window: the
 * quote's words in the label, who said them first in the detail line, then where and when. Every text
 * in it comes from a source or catalog, so `$(name)` in it is shown, not drawn as an icon.
 */
function quoteItem(quote: Quote): QuoteItem {
  const { source, quotedIn } = occasionOf(quote);
  const passage = quote.kind === 'passage';
  const page = quote.page === undefined ? [] : [`p. ${quote.page}`];
  const where = [...(passage ? ['sentence'] : []), `${quotedIn ? 'quoted in ' : ''}${source.title}`, ...page, sourceDate(source), ...originLabel(source)];
  const also = alsoQuotedIn(quote);
  const themes = quote.themes.map((t) => t.label);
  return {
    label: escapeLabelIcons(quote.text),
    // Who said it opens the detail line: after a long label, a description would be cut off the row.
    detail: escapeLabelIcons([speakerPhrase(quote), ...where, ...(also ? [also] : []), ...themes].join(' · ')),
    alwaysShow: true,
    // A passage can grow by a sentence either way before it is inserted; Copy stays in Copy Quote….
    buttons: passage ? [openSourceButton, widenBackButton, widenOnButton] : [openSourceButton, copyButton],
    quote,
  };
}
