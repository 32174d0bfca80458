import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractCatalog } from '../../src/core/extract/extractCatalog';
import { readHtml, withoutSiteName } from '../../src/core/extract/html';

const PAGE = readFileSync(path.join(__dirname, '..', 'fixtures', 'formats', 'saved-news-page.html'), 'utf8');

function read(html: string) {
  const result = readHtml(html);
  assert.ok(result.ok, 'read');
  return result.document;
}

describe('saved web pages (issue 17)', () => {
  it('keeps the article and drops every piece of site chrome', () => {
    const { text } = read(PAGE);
    assert.match(text, /Synthetic data is a loan against the quality of the model that wrote it/u);
    assert.match(text, /We generate a billion tokens for every million we keep/u);
    for (const chrome of ['cookies', 'Accept all', 'Newsletters', 'Subscribe', 'Sign up', 'Share on', 'Related stories', 'After the data wall', 'Comments (42)', 'Most read', 'All rights reserved', 'Privacy policy', 'dataLayer', 'font-family', 'Georgia', 'schema.org']) {
      assert.ok(!text.includes(chrome), `no "${chrome}" in the text`);
    }
  });

  it('decodes entities and keeps curly quotes, one paragraph per block', () => {
    const { text } = read(PAGE);
    assert.match(text, /industry’s answer to the “data wall”/u);
    assert.match(text, /benchmarks & in real use/u);
    assert.ok(!/&[a-z]+;/u.test(text), 'no entity left');
    assert.ok(text.split('\n\n').length >= 5);
  });

  it('reads the metadata in order of trust: og:title, author, published time, site name, canonical URL', () => {
    assert.deepEqual(read(PAGE).metadata, {
      title: 'Synthetic data is not a free lunch, researchers warn',
      author: 'Priya Raman',
      date: '2025-05-06',
      publisher: 'The Lattice Review',
      url: 'https://lattice-review.example/2025/05/synthetic-data-free-lunch',
      kind: 'news report',
    });
  });

  it('falls back to h1, <title> minus the site name, rel=author, <time datetime> and JSON-LD', () => {
    const page = (head: string, body: string): string => `<html><head>${head}</head><body><article>${body}<p>${'Words of the article itself, long enough for a reader to keep. '.repeat(12)}</p></article></body></html>`;
    assert.equal(read(page('<title>Peak data, explained | The Ledger</title>', '<p>x</p>')).metadata.title, 'Peak data, explained');
    assert.equal(read(page('<title>Peak data, explained - The Ledger</title><meta property="og:site_name" content="The Ledger">', '')).metadata.title, 'Peak data, explained');
    assert.equal(read(page('<title>t</title>', '<h1>The real headline</h1>')).metadata.title, 'The real headline');
    assert.equal(read(page('', '<p class="meta">By <a rel="author" href="/a">Ada Byron</a></p>')).metadata.author, 'Ada Byron');
    assert.equal(read(page('', '<time datetime="2024-11-17">17 November</time>')).metadata.date, '2024-11-17');
    const ld = '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"BlogPosting","author":{"name":"Lin Chen"},"datePublished":"2023-02-01T10:00:00+01:00"}]}</script>';
    const fromLd = read(page(ld, '')).metadata;
    assert.equal(fromLd.author, 'Lin Chen');
    assert.equal(fromLd.date, '2023-02-01');
    assert.equal(fromLd.kind, 'blog post');
    assert.equal(withoutSiteName('A title | Site', 'Site'), 'A title');
    assert.equal(withoutSiteName('Well-known - and disputed', undefined), 'Well-known - and disputed');
  });

  it('is extracted like Markdown: named speakers get their quotes, the page’s own prose is the author’s', () => {
    const document = read(PAGE);
    const { catalog } = extractCatalog([{ relativePath: 'page.html', text: document.text, metadata: document.metadata, language: document.language }], []);
    const source = catalog.sources[0];
    assert.equal(source.title, 'Synthetic data is not a free lunch, researchers warn');
    assert.equal(source.kind, 'news report');
    const speakers = new Map((catalog.speakers ?? []).map((s) => [s.id, s]));
    assert.equal(speakers.get(source.author!)?.name, 'Priya Raman');
    assert.equal(speakers.get(source.publisher!)?.name, 'The Lattice Review');
    assert.equal(speakers.get(source.publisher!)?.kind, 'organisation');
    const by = (text: string) => speakers.get(catalog.quotes!.find((q) => q.text.startsWith(text))!.speaker)?.name;
    assert.equal(by('Synthetic data is a loan'), 'Hana Okafor');
    assert.equal(by('The only synthetic data I trust'), 'Jonas Feld');
    assert.ok(!catalog.quotes!.some((q) => /cookie|newsletter/iu.test(q.text)));
  });

  it('says why an empty page is skipped', () => {
    const result = readHtml('<html><head><title>x</title></head><body><nav>Home</nav><script>app()</script></body></html>');
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, 'corrupt');
  });
});
