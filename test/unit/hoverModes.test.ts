import * as assert from 'node:assert/strict';
import { knownQuoteAt, normalizeForMatch } from '../../src/features/hover/attributed';
import { fromSourceMarkdown, MUTE_COMMAND, muteLinkMarkdown } from '../../src/features/hover/hoverCard';
import { sectionAt, sectionStarts } from '../../src/features/hover/sections';
import { seedCorpus } from './helpers/seedCorpus';

describe('hover sections (firstOccurrence)', () => {
  it('splits Markdown at ATX headings, not inside fenced code, and not at #hashtags', () => {
    const text = ['Intro peak data.', '# One', 'peak data', '```', '# not a heading', '```', '#hashtag', '## Two', 'peak data'].join('\n');
    const starts = sectionStarts(text, 'markdown');
    assert.deepEqual(starts.map((s) => text.slice(s).split('\n')[0]), ['Intro peak data.', '# One', '## Two']);
    const second = text.indexOf('peak data', text.indexOf('# One'));
    assert.deepEqual(sectionAt(text, 'markdown', second), { start: text.indexOf('# One'), end: text.indexOf('## Two') });
  });

  it('splits LaTeX at sectioning commands, starred too, not in comments', () => {
    const text = ['\\documentclass{article}', '\\section{Data}', 'peak data', '% \\section{commented}', '\\subsection*{More} peak data', '\\chapter[short]{Long}'].join('\n');
    const starts = sectionStarts(text, 'latex');
    assert.deepEqual(starts.map((s) => text.slice(s, s + 10)), ['\\documentc', '\\section{D', '\\subsectio', '\\chapter[s']);
    assert.deepEqual(sectionStarts(text, 'tex'), starts);
  });

  it('reads plain text, and text before the first heading, as one section', () => {
    assert.deepEqual(sectionStarts('# not markdown here\npeak data', 'plaintext'), [0]);
    assert.deepEqual(sectionStarts('# Title\ntext', 'markdown'), [0]);
    assert.deepEqual(sectionAt('abc', 'plaintext', 2), { start: 0, end: 3 });
  });
});

describe('hover over an already quoted known quote', () => {
  it('finds the known quote whose words a quotation gives, ignoring typography, case, omissions and [insertions]', async () => {
    const corpus = await seedCorpus();
    const quotes = corpus.kb.quotes;
    const exact = 'As Sutskever put it, “We’ve reached peak data, and there’s no more data to come.”';
    const found = knownQuoteAt(exact, 'markdown', exact.indexOf('peak data'), quotes);
    assert.equal(found?.speaker.name, 'Ilya Sutskever');
    const omitted = 'He said: "We\'ve reached peak data … no more data to come."';
    assert.equal(knownQuoteAt(omitted, 'markdown', omitted.indexOf('peak'), quotes)?.id, found?.id);
    const latex = "He said ``we've reached [the point of] peak data, and there's no more data to come.''";
    assert.equal(knownQuoteAt(latex, 'latex', latex.indexOf('peak'), quotes)?.id, found?.id);
  });

  it('gives nothing for an altered quotation, a short one, or a term outside any quotation', async () => {
    const quotes = (await seedCorpus()).kb.quotes;
    const altered = '"We have reached peak data and there will be no more data to come," said Ilya Sutskever.';
    assert.equal(knownQuoteAt(altered, 'markdown', altered.indexOf('peak'), quotes), undefined);
    const short = 'The "peak data" idea.';
    assert.equal(knownQuoteAt(short, 'markdown', short.indexOf('peak'), quotes), undefined);
    const outside = 'We reached peak data. "We\'ve reached peak data, and there\'s no more data to come."';
    assert.equal(knownQuoteAt(outside, 'markdown', outside.indexOf('peak'), quotes), undefined);
    assert.equal(normalizeForMatch('We’ve  Reached—PEAK data!'), 'weve reached peak data');
  });

  it('renders the one-line card with its source, escaped, and a link to open it', async () => {
    const corpus = await seedCorpus();
    const quote = corpus.kb.quotes.find((q) => q.text.startsWith("We've reached peak data"))!;
    const markdown = fromSourceMarkdown(quote);
    assert.doesNotMatch(markdown, /\n/u);
    assert.match(markdown, /^from \*Ilya Sutskever Blows Up at NeurIPS/u);
    assert.match(markdown, /\]\(command:sourcebook\.openQuote\?/u);
  });
});

describe('muting a term from its card', () => {
  it('links to the mute command with the term id, and says where to undo it', () => {
    const markdown = muteLinkMarkdown({ id: 'peak-data', label: 'peak "data"', variants: [], definition: '', themes: [] });
    assert.equal(MUTE_COMMAND, 'sourcebook.muteTerm');
    assert.match(markdown, /^\[Don’t show for this term\]\(command:sourcebook\.muteTerm\?%5B%22peak-data%22%5D "[^"]*sourcebook\.hover\.mutedTerms"\)$/u);
  });
});
