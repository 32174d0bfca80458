import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { formatQuote } from '../../src/core/format/formatQuote';
import type { Quote, Source, Speaker, Term } from '../../src/core/kb/model';
import { CARD_TEXT_BUDGET, HOVER_COMMANDS, hoverCardMarkdown, shortenAtWordBoundary } from '../../src/features/hover/hoverCard';
import { seedCorpus } from './helpers/seedCorpus';

const HOSTILE = 'Click [here](command:workbench.action.quit) or <img src=x onerror="alert(1)"> and **this** `code` ![i](https://evil.invalid/x.png) https://evil.invalid <https://evil.invalid>';

/** Markdown link/image/HTML/autolink syntax that is not escaped by a backslash. */
const ACTIVE_MARKUP = /(?<!\\)\]\((?!command:sourcebook\.)|(?<!\\)<(?!\/?\w+:)|(?<![\\\w])(?:https?|command):/u;

describe('hover card markdown', () => {
  it('renders hostile source text inert: no link, image, HTML or autolink forms', () => {
    const speaker: Speaker = { id: 'x', name: 'Mallory <b>', kind: 'person', aliases: [] };
    const source = { id: 's', title: 'Evil [t](command:x)', date: '<script>', kind: 'notes' } as unknown as Source;
    const term: Term = { id: 't', label: 'peak [data](command:evil)', variants: [], definition: HOSTILE, themes: [] };
    const quote = { id: 'q', text: HOSTILE, speaker, about: [], attribution: 'direct', source, themes: [], terms: [term] } as unknown as Quote;
    assert.match(HOSTILE, ACTIVE_MARKUP, 'the detector must catch the raw text');
    const markdown = hoverCardMarkdown(term, [quote], 1);
    const withoutOurLinks = markdown.replace(/\]\(command:sourcebook\.[a-zA-Z]+\?[^)\s]*(?: "[^"]*")?\)/gu, '');
    assert.doesNotMatch(withoutOurLinks, ACTIVE_MARKUP, withoutOurLinks);
    const commands = [...markdown.matchAll(/\]\(command:([\w.]+)/gu)].map((m) => m[1]);
    assert.ok(commands.length > 0);
    for (const command of commands) assert.ok((HOVER_COMMANDS as readonly string[]).includes(command), command);
  });

  it('shows the defining quote first, with attribution, and marks reported views', async () => {
    const corpus = await seedCorpus();
    const term = corpus.kb.term('pre-training')!;
    const markdown = hoverCardMarkdown(term, corpus.kb.quotesForTerm(term.id).slice(0, 3), corpus.kb.quotesForTerm(term.id).length);
    const firstQuote = markdown.split('\n').find((line) => line.startsWith('> '))!;
    assert.match(firstQuote, /^> Pre\\-training as we know it will undoubtedly come to an end$/u);
    const karpathyTerm = corpus.kb.term('cognitive-self-knowledge')!;
    const reported = hoverCardMarkdown(karpathyTerm, corpus.kb.quotesForTerm(karpathyTerm.id), 1);
    assert.match(reported, /reporting Andrej Karpathy’s view/u);
    assert.match(reported, /\*A writer’s account, not their own words\.\*/u);
  });
});

/** What a reader sees of a card: markdown-it's rendering without tags, entities decoded, runs of space as one. */
function visibleText(markdown: string): string {
  const html = new MarkdownIt('commonmark', { html: false }).render(markdown);
  const text = html.replace(/<[^>]*>/gu, '').replace(/&quot;/gu, '"').replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&amp;/gu, '&');
  return text.replace(/\s+/gu, ' ').trim();
}

/** The visible text above the card's last line (the "n more quotes…" and "All quotes" links). */
function visibleBeforeFooter(markdown: string): string {
  return visibleText(markdown.slice(0, markdown.lastIndexOf('\n\n')));
}

function longQuote(id: string, text: string, title = 'A source'): Quote {
  const speaker: Speaker = { id: 'sp', name: 'Some Speaker', kind: 'person', aliases: [] };
  const source = { id: `s-${id}`, title, kind: 'notes' } as unknown as Source;
  return { id, text, speaker, about: [], attribution: 'direct', source, themes: [], terms: [] } as unknown as Quote;
}

const LONG_WORDS = 'the end of pre-training as we know it, because we have but one internet and data does not grow, ';

describe('hover card length', () => {
  it(`keeps every seed card within ${CARD_TEXT_BUDGET} visible characters before its links, even with 10 quotes`, async () => {
    const corpus = await seedCorpus();
    for (const term of corpus.kb.terms) {
      const quotes = corpus.kb.quotesForTerm(term.id);
      const markdown = hoverCardMarkdown(term, quotes.slice(0, 10), quotes.length);
      const visible = visibleBeforeFooter(markdown);
      assert.ok(visible.length <= CARD_TEXT_BUDGET, `${term.id}: ${visible.length} characters\n${visible}`);
      if (quotes.length > 0) assert.match(markdown, /^> /mu, `${term.id} shows no quote`);
    }
  });

  it('shortens a long quote, definition and title at a word boundary, in the card only, and stays inert', () => {
    const term: Term = { id: 't', label: 'peak data', variants: [], definition: `${HOSTILE} ${LONG_WORDS.repeat(20)}`, themes: [] };
    const quotes = [longQuote('q1', `${HOSTILE} ${LONG_WORDS.repeat(30)}`, `${LONG_WORDS.repeat(8)}[t](command:x)`), longQuote('q2', LONG_WORDS.repeat(30))];
    const markdown = hoverCardMarkdown(term, quotes, 2);
    const visible = visibleBeforeFooter(markdown);
    assert.ok(visible.length <= CARD_TEXT_BUDGET, `${visible.length}: ${visible}`);
    const firstQuote = markdown.split('\n').find((line) => line.startsWith('> '))!;
    assert.match(firstQuote, /[^\s,]…$/u, 'shortened with an ellipsis after a whole word');
    const lastWord = visibleText(firstQuote).match(/(\S+)…$/u)![1];
    assert.ok(LONG_WORDS.split(/[\s,]+/u).includes(lastWord), `cut between words, not inside "${lastWord}"`);
    const withoutOurLinks = markdown.replace(/\]\(command:sourcebook\.[a-zA-Z]+\?[^)\s]*(?: "[^"]*")?\)/gu, '');
    assert.doesNotMatch(withoutOurLinks, ACTIVE_MARKUP, withoutOurLinks);
    // The full quote stays one click away: the card's actions name the quote, and the sidebar lists them all.
    assert.ok(markdown.includes(`command:sourcebook.openQuote?${encodeURIComponent(JSON.stringify(['q1']))}`));
    assert.match(markdown, /\[1 more quote…\]\(command:sourcebook\.showQuotesForTerm\?/u);
  });

  it('leaves insertions whole: the quote itself is never shortened', () => {
    const quote = longQuote('q1', LONG_WORDS.repeat(30));
    hoverCardMarkdown({ id: 't', label: 'x', variants: [], definition: 'd', themes: [] }, [quote], 1);
    assert.equal(quote.text, LONG_WORDS.repeat(30));
    assert.ok(formatQuote(quote, 'plaintext').includes(LONG_WORDS.repeat(30).trim()));
  });

  it('says how many quotes it left out, and always links to all of them', () => {
    const term: Term = { id: 't', label: 'peak data', variants: [], definition: 'Short.', themes: [] };
    const short = [longQuote('a', 'One.'), longQuote('b', 'Two.')];
    const all = hoverCardMarkdown(term, short, 2);
    assert.doesNotMatch(all, /more quote/u);
    assert.match(all, /\[All quotes for “peak data” \\\(2\\\)\]\(command:sourcebook\.showQuotesForTerm\?/u);
    const some = hoverCardMarkdown(term, short, 5);
    assert.match(visibleText(some), /3 more quotes… · All quotes for “peak data” \(5\)$/u);
  });
});

describe('shortenAtWordBoundary', () => {
  it('keeps short text, cuts long text after a word with an ellipsis, within the limit', () => {
    assert.equal(shortenAtWordBoundary('peak data', 20), 'peak data');
    const cut = shortenAtWordBoundary('We have reached peak data, and there is no more data', 30);
    assert.equal(cut, 'We have reached peak data…');
    assert.ok(cut.length <= 30);
  });

  it('cuts a long word only when there is no space in the second half, never inside a surrogate pair', () => {
    assert.equal(shortenAtWordBoundary('a'.repeat(50), 10), `${'a'.repeat(9)}…`);
    const emoji = shortenAtWordBoundary(`${'😀'.repeat(20)}`, 10);
    assert.doesNotMatch(emoji, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u);
    assert.ok(emoji.length <= 10);
  });
});
