import * as assert from 'node:assert/strict';
import type { Quote, Source, Speaker, Term } from '../../src/core/kb/model';
import { HOVER_COMMANDS, hoverCardMarkdown } from '../../src/features/hover/hoverCard';
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
    assert.match(reported, /\*reported: a writer’s account, not their own words\*/u);
  });
});
