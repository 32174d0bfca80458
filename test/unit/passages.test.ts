import * as assert from 'node:assert/strict';
import { checkDocument } from '../../src/core/check/checkDocument';
import { Corpus } from '../../src/core/corpus';
import type { CollectionInput } from '../../src/core/kb/buildKnowledgeBase';
import type { Quote } from '../../src/core/kb/model';
import { quoteSelection, widen } from '../../src/core/passages/quoteText';
import { sentenceRanges } from '../../src/core/passages/sentences';
import { AUDIENCE_MEMBER, findTurns, speakerLabelResolver } from '../../src/core/passages/turns';
import { loadCorpusFromDisk } from '../../src/node/loadCorpus';
import { SEEDS_DIR, seedCorpus } from './helpers/seedCorpus';
import { buildCorpus } from '../../src/core/buildCorpus';

const sentences = (text: string): string[] => sentenceRanges(text).map((r) => text.slice(r.start, r.end));

describe('passages: every sentence of every source', function () {
  this.timeout(20_000);
  let corpus: Corpus;
  let passage: (re: RegExp) => Quote;
  before(async () => {
    corpus = await seedCorpus();
    passage = (re) => {
      const found = corpus.passages.find((p) => re.test(p.text));
      assert.ok(found, `no passage matches ${re}`);
      return found;
    };
  });

  describe('sentences', () => {
    it('splits at sentence ends and line breaks, not after a title or an initial', () => {
      assert.deepEqual(sentences('Dr. Smith went to J. R. Hartley. He said so.\nA heading\nLast one!'), [
        'Dr. Smith went to J. R. Hartley.',
        'He said so.',
        'A heading',
        'Last one!',
      ]);
    });
  });

  describe('speaker turns', () => {
    const ilya = { id: 'ilya', name: 'Ilya Sutskever', kind: 'person' as const, aliases: ['Ilya'] };
    const resolve = speakerLabelResolver([ilya]);

    it('reads labels at a line start and after a sentence inside a line, and names only the certain', () => {
      const text = 'Q: Why now?\nIlya:I think so. Q: And then?\nA: Perhaps.\nNote: the writer says this.\nHe told me: yes. Unknown: no.';
      const turns = findTurns(text, resolve).map((t) => [text.slice(t.range.start, t.range.end), t.speaker?.name]);
      assert.deepEqual(turns, [
        ['Why now?', AUDIENCE_MEMBER.name],
        ['I think so.', 'Ilya Sutskever'],
        ['And then?', AUDIENCE_MEMBER.name],
        ['Perhaps.', undefined],
      ]);
    });

    it('reads bold interview labels', () => {
      const text = '**Ilya Sutskever:** Data is finite.\n**Q:** Is it?';
      assert.deepEqual(findTurns(text, resolve).map((t) => [text.slice(t.range.start, t.range.end), t.speaker?.name]), [
        ['Data is finite.', 'Ilya Sutskever'],
        ['Is it?', AUDIENCE_MEMBER.name],
      ]);
    });
  });

  describe('the seeds', () => {
    it('gives the talk transcript to Sutskever, from the catalog’s turn region', () => {
      const lstm = passage(/ancient history that many of you have probably never seen before/u);
      assert.equal(lstm.kind, 'passage');
      assert.equal(lstm.speaker.name, 'Ilya Sutskever');
      assert.equal(lstm.attribution, 'direct');
    });

    it('gives a Q&A question to the audience member and the answer to Sutskever', () => {
      assert.equal(passage(/^I'd like to ask a question about autocorrect\.$/u).speaker, AUDIENCE_MEMBER);
      assert.equal(passage(/calling it "autocorrect" is actually a bit of an understatement/u).speaker.name, 'Ilya Sutskever');
    });

    it('leaves the publisher’s asides inside the talk to nobody, and the write-up to the publisher', () => {
      assert.ok(!corpus.passages.some((p) => p.text.includes('Time Check Award')));
      assert.equal(passage(/^He compares the unpredictability/u).speaker.name, 'Chief AI Sharing Circle');
    });

    it('serves every passage verbatim from its body, none inside a quote, none boilerplate', () => {
      for (const p of corpus.passages) {
        assert.equal(p.source.body.text.slice(p.bodyRange.start, p.bodyRange.end).replace(/\s+/gu, ' ').trim(), p.text, p.id);
        const inside = corpus.kb.quotesForSource(p.source.id).some((q) => q.bodyRange.start <= p.bodyRange.start && p.bodyRange.end <= q.bodyRange.end);
        assert.ok(!inside, `${p.id} lies inside a quote`);
        assert.ok(!/^(Blog ENG|AI Personal Learning)/u.test(p.text), p.text);
      }
      assert.ok(corpus.passages.length > 100, `${corpus.passages.length} passages`);
    });

    it('keeps passage ids while the source text is unchanged', async () => {
      const again = await loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [], seedsDir: SEEDS_DIR });
      assert.deepEqual(again.passages.map((p) => p.id), corpus.passages.map((p) => p.id));
      assert.equal(corpus.quote(corpus.passages[5].id), corpus.passages[5]);
    });
  });

  describe('search and checks', () => {
    it('finds a passage from a typo-tolerant query, and ranks a quote first when it matches as well', () => {
      const [top] = corpus.index.search('ancint history LSTM');
      assert.match(top.quote.text, /ancient history/u);
      const quote = corpus.kb.quotes.find((q) => q.id === 'sutskever-peak-data') ?? corpus.kb.quotes[0];
      assert.equal(corpus.index.search(quote.text)[0].quote, quote);
    });

    it('flags an altered passage and a passage given to the wrong person, not a verbatim fragment', () => {
      const altered = checkDocument('Sutskever said: "Now I am going to show you some old history that many of you have probably never seen before, and it is called the LSTM."', 'markdown', corpus.checkable);
      assert.deepEqual(altered.map((f) => f.kind), ['differs']);
      assert.match(altered[0].replacement.text, /ancient history/u);
      const wrong = checkDocument("Yann LeCun said: \"Now I'm going to show you some ancient history that many of you have probably never seen before, and it's called the LSTM.\"", 'markdown', corpus.checkable);
      assert.deepEqual(wrong.map((f) => [f.kind, f.replacement.text]), [['wrong-speaker', 'Ilya Sutskever']]);
      assert.deepEqual(checkDocument('The talk showed "some ancient history that many of you have probably never seen before".', 'markdown', corpus.checkable), []);
    });

    it('finds nothing in 5,000 lines of prose that only shares common words with the sources', () => {
      const lines = [
        'The data from our garden shows that the tomatoes grew well this year, and we will plant more next spring.',
        'She said that "the meeting will start at nine and there is no more coffee to come" before she left the room.',
        'Scaling the recipe for twelve people means more flour, more eggs and a bigger oven than we have.',
        'He told me, "I would like to thank the organizers for the lovely evening," and we went home.',
      ];
      const draft = Array.from({ length: 5000 }, (_, i) => lines[i % lines.length]).join('\n\n');
      assert.deepEqual(checkDocument(draft, 'markdown', corpus.checkable).map((f) => f.message), []);
    });
  });

  describe('quoting a selection, widening a passage', () => {
    it('quotes a selected quote as its speaker’s, and refuses a selection that takes in the writer’s “Sutskever said”', () => {
      const quote = corpus.kb.quote('sutskever-peak-data')!;
      const source = quote.source;
      const exact = quoteSelection(source, quote.bodyRange, corpus.searchable, corpus.writerOf(source), corpus.kb.speakers);
      assert.ok(exact.ok);
      assert.deepEqual([exact.quote.text, exact.quote.speaker.name], [quote.text, 'Ilya Sutskever']);
      const lineEnd = source.body.text.indexOf('\n', quote.bodyRange.end);
      const wider = quoteSelection(source, { start: quote.bodyRange.start, end: lineEnd }, corpus.searchable, corpus.writerOf(source), corpus.kb.speakers);
      assert.ok(!wider.ok);
      assert.match(wider.reason, /spans the words of Ilya Sutskever and Chief AI Sharing Circle/u);
    });

    it('quotes any words of the talk as Sutskever’s, a short line included', () => {
      const lstm = passage(/ancient history that many of you/u);
      const body = lstm.source.body.text;
      const start = body.lastIndexOf('\n', lstm.bodyRange.start) + 1;
      const stretch = quoteSelection(lstm.source, { start, end: lstm.bodyRange.end }, corpus.searchable, corpus.writerOf(lstm.source), corpus.kb.speakers);
      assert.ok(stretch.ok, stretch.ok ? '' : stretch.reason);
      assert.equal(stretch.quote.speaker.name, 'Ilya Sutskever');
      assert.equal(stretch.quote.text, body.slice(start, lstm.bodyRange.end).replace(/\s+/gu, ' ').trim());
    });

    it('widens a passage by the next sentence of the same speaker, and not across a turn', () => {
      const question = passage(/^I'd like to ask a question about autocorrect\.$/u);
      const before = widen(question, 'previous', corpus.passages);
      assert.ok(!before.ok);
      assert.match(before.reason, /Ilya Sutskever’s, not Audience member’s|not next to this one/u);
      const answer = passage(/calling it "autocorrect" is actually a bit of an understatement/u);
      const wider = widen(answer, 'next', corpus.passages);
      assert.ok(wider.ok, wider.ok ? '' : wider.reason);
      assert.ok(wider.quote.text.startsWith(answer.text) && wider.quote.text.length > answer.text.length);
      assert.equal(wider.quote.speaker.name, 'Ilya Sutskever');
    });
  });

  describe('sentences around quotes', () => {
    it('makes no passage of a quote and its attribution, but keeps a sentence that says more', () => {
      const text = '"Data is the fossil fuel of the field," Pat Lee said.\n\nThe panel moved on after "data is the fossil fuel" came up, and nobody asked what the fuel would be replaced by.\n';
      const collection: CollectionInput = {
        origin: 'workspace',
        catalogFile: 'sourcebook.json',
        catalog: {
          version: 1,
          sources: [{ id: 's', file: 'a.md', title: 'Notes', kind: 'notes' }],
          speakers: [{ id: 'p', name: 'Pat Lee', kind: 'person' }],
          quotes: [{ id: 'q', source: 's', text: 'Data is the fossil fuel of the field,', speaker: 'p', attribution: 'direct' }],
        },
        files: [{ name: 'a.md', uri: 'file:///a.md', displayPath: 'a.md', bytes: new TextEncoder().encode(text) }],
      };
      const built = buildCorpus([collection]);
      assert.deepEqual(built.passages.map((p) => p.text), ['The panel moved on after "data is the fossil fuel" came up, and nobody asked what the fuel would be replaced by.']);
    });
  });

  describe('turn regions in a catalog', () => {
    it('reports an anchor that is not in the body and leaves the region out', () => {
      const text = 'Intro by the editor.\n\nI speak now about data. It is finite.\n';
      const collection: CollectionInput = {
        origin: 'workspace',
        catalogFile: 'sourcebook.json',
        catalog: {
          version: 1,
          sources: [{ id: 's', file: 'a.md', title: 'A talk', kind: 'talk transcript', turns: [{ speaker: 'p', from: 'I speak now about', to: 'not in the text at all' }] }],
          speakers: [{ id: 'p', name: 'Pat Lee', kind: 'person' }],
          quotes: [],
        },
        files: [{ name: 'a.md', uri: 'file:///a.md', displayPath: 'a.md', bytes: new TextEncoder().encode(text) }],
      };
      const built = buildCorpus([collection]);
      assert.ok(built.kb.problems.some((p) => /turn anchor “not in the text at all” is not in the body/u.test(p.message)));
      assert.ok(built.passages.every((p) => p.speaker.name !== 'Pat Lee'));
    });
  });
});
