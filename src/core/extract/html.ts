import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { SourceKind } from '../catalog/catalogTypes';
import type { DocumentMetadata, ExtractOutcome } from './formats';

/*
 * Saved web pages: the article, not the site. @mozilla/readability (Firefox's Reader View) finds the article on
 * a light DOM (linkedom: no layout, no scripts, a few hundred KB, where jsdom is megabytes), after the chrome it
 * sometimes keeps inside an article (newsletter boxes, share bars, related stories, cookie banners) is removed
 * by name. The text keeps one paragraph per block, with entities decoded by the parser; the metadata is read
 * from the page before readability rewrites it, each field from the most trusted place that has it.
 */

/** The few DOM members used here (the project compiles without the DOM library). */
interface El {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<El>;
  readonly parentNode: El | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  remove(): void;
}

/** Elements that are never the article's words. */
const CHROME_ELEMENTS = 'script, style, noscript, template, iframe, svg, canvas, form, button, input, select, textarea, nav, footer, aside, dialog, [role="navigation"], [role="contentinfo"], [role="complementary"], [role="banner"], [role="dialog"], [role="alertdialog"], [aria-hidden="true"], [hidden]';

/** Class or id words of site chrome, matched as whole words of the attribute. */
const CHROME_NAMES = /(?:^|[\s_-])(?:cookies?|consent|gdpr|newsletter|subscribe|subscription|signup|sign-up|share|sharing|social|related|recommended|more-stories|read-more|promo|advert|advertisement|ads?|sponsor(?:ed)?|banner|paywall|popup|modal|breadcrumbs?|comments?|site-header|site-footer|masthead|menu|sidebar|toolbar|tags?)(?:$|[\s_-])/iu;

const BLOCKS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION', 'TABLE', 'TR', 'HR', 'ADDRESS']);

export function readHtml(html: string): ExtractOutcome {
  let document: El;
  try {
    document = (parseHTML(html) as unknown as { document: El }).document;
  } catch (error) {
    return { ok: false, code: 'corrupt', reason: `could not be parsed as HTML (${error instanceof Error ? error.message : String(error)})` };
  }
  const metadata = readMetadata(document);
  removeChrome(document);
  type Article = { content?: El | null; byline?: string | null };
  let article: Article | null;
  try {
    article = new Readability<El>(document as never, { serializer: (node: unknown) => node as El, charThreshold: 200 }).parse() as Article | null;
  } catch {
    article = null;
  }
  const root = article?.content ?? document.querySelector('article') ?? document.querySelector('main') ?? document.querySelector('body');
  const text = root ? blockText(root) : '';
  if (!metadata.author && article?.byline) {
    const byline = cleanAuthor(article.byline);
    if (byline) metadata.author = byline;
  }
  if (!text.trim()) return { ok: false, code: 'corrupt', reason: 'has no article text (an empty page, or one that needs scripts to show its text)' };
  return { ok: true, document: { text, metadata, language: 'plaintext' } };
}

function readMetadata(document: El): DocumentMetadata {
  const meta = (selector: string): string | undefined => clean(document.querySelector(selector)?.getAttribute('content'));
  const jsonLd = readJsonLd(document);
  const metadata: DocumentMetadata = {};
  const siteName = meta('meta[property="og:site_name"]') ?? jsonLdName(jsonLd?.publisher);
  if (siteName) metadata.publisher = siteName;
  const h1 = clean(document.querySelector('article h1')?.textContent ?? document.querySelector('h1')?.textContent);
  const title = meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]') ?? h1 ?? clean(jsonLd?.headline as string | undefined) ?? clean(document.querySelector('title')?.textContent);
  if (title) metadata.title = withoutSiteName(title, siteName);
  const author =
    meta('meta[name="author"]') ??
    clean(document.querySelector('a[rel~="author"]')?.textContent) ??
    jsonLdName(jsonLd?.author) ??
    clean(document.querySelector('[itemprop="author"] [itemprop="name"]')?.textContent ?? document.querySelector('[itemprop="author"]')?.textContent) ??
    clean(document.querySelector('.byline, [class*="byline"], .author, [rel="author"]')?.textContent);
  const authorName = author ? cleanAuthor(author) : undefined;
  if (authorName) metadata.author = authorName;
  const date =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="date"]') ??
    clean(document.querySelector('article time[datetime]')?.getAttribute('datetime') ?? document.querySelector('time[datetime]')?.getAttribute('datetime')) ??
    clean(jsonLd?.datePublished as string | undefined);
  if (date) metadata.date = isoDay(date);
  const url = clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ?? meta('meta[property="og:url"]');
  if (url && /^https?:\/\//iu.test(url)) metadata.url = url;
  const kind = kindOf(jsonLd?.['@type'], meta('meta[property="og:type"]'));
  if (kind) metadata.kind = kind;
  return metadata;
}

type JsonObject = Record<string, unknown>;

/** The first JSON-LD object that describes an article (or the first object at all). */
function readJsonLd(document: El): JsonObject | undefined {
  const objects: JsonObject[] = [];
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    try {
      collect(JSON.parse(scripts[i].textContent ?? ''), objects);
    } catch {
      // A broken JSON-LD block is ignored: the page's other metadata still counts.
    }
  }
  return objects.find((o) => /Article|Posting|Report/u.test(String(o['@type']))) ?? objects[0];
}

function collect(value: unknown, into: JsonObject[], depth = 0): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into, depth + 1);
    return;
  }
  const object = value as JsonObject;
  into.push(object);
  if (object['@graph']) collect(object['@graph'], into, depth + 1);
}

function jsonLdName(value: unknown): string | undefined {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map(jsonLdName).filter(Boolean).join(' and ') || undefined;
  if (value && typeof value === 'object') return clean((value as JsonObject).name as string | undefined);
  return undefined;
}

function kindOf(type: unknown, ogType: string | undefined): SourceKind | undefined {
  const types = (Array.isArray(type) ? type : [type]).map(String).join(' ');
  if (/Opinion/u.test(types)) return 'opinion piece';
  if (/BlogPosting/u.test(types)) return 'blog post';
  if (/NewsArticle|ReportageNewsArticle/u.test(types)) return 'news report';
  if (ogType === 'article') return 'news report';
  return undefined;
}

/** "Peak data, explained | The Ledger" without " | The Ledger" (or the last part after a separator, when short). */
export function withoutSiteName(title: string, siteName: string | undefined): string {
  const parts = title.split(/\s+[|–—·•-]\s+/u);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1];
  const first = parts[0];
  if (siteName && last.toLowerCase() === siteName.toLowerCase()) return parts.slice(0, -1).join(title.includes(' | ') ? ' | ' : ' – ');
  if (siteName && first.toLowerCase() === siteName.toLowerCase()) return parts.slice(1).join(' – ');
  // No site name to compare: a short last part after " | " is the site's.
  if (!siteName && / \| /u.test(title) && last.split(/\s+/u).length <= 4) return title.slice(0, title.lastIndexOf(' | ')).trim();
  return title;
}

/** "By Jane Doe, Technology Reporter" → "Jane Doe". */
function cleanAuthor(raw: string): string | undefined {
  let author = raw.replace(/\s+/gu, ' ').trim().replace(/^(?:by|von|par|por)\s+/iu, '');
  author = author.split(/\s*[,|•·]\s*|\s+(?:on|updated|published)\s+/iu)[0].trim();
  if (!author || author.length > 80 || /^https?:/iu.test(author) || !/\p{L}/u.test(author)) return undefined;
  return author;
}

/** "2024-11-17T08:30:00Z" → "2024-11-17"; any other form as written. */
function isoDay(date: string): string {
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/u.exec(date.trim());
  return iso ? iso[1] : date.trim();
}

function clean(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.replace(/\s+/gu, ' ').trim();
  return text.length > 0 ? text : undefined;
}

/** Removes what is never the article's words, before readability scores what is left. */
function removeChrome(document: El): void {
  const drop: El[] = [];
  // A class like "has-ads" or "story--share-enabled" on the article itself must not take the article away.
  const bodyLength = (document.querySelector('body')?.textContent ?? '').length;
  const isArticle = (element: El): boolean => element.querySelector('h1') !== null || (element.textContent ?? '').length > bodyLength / 2;
  const chrome = document.querySelectorAll(CHROME_ELEMENTS);
  for (let i = 0; i < chrome.length; i++) drop.push(chrome[i]);
  const named = document.querySelectorAll('[class], [id]');
  for (let i = 0; i < named.length; i++) {
    const element = named[i];
    if (element.nodeName === 'BODY' || element.nodeName === 'HTML' || element.nodeName === 'ARTICLE' || element.nodeName === 'MAIN') continue;
    const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    if (CHROME_NAMES.test(names) && !isArticle(element)) drop.push(element);
  }
  for (const element of drop) if (element.parentNode) element.remove();
}

/** The text of an element: one paragraph per block, runs of whitespace as one space, blank lines between. */
export function blockText(root: El): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const paragraph = current.replace(/\s+/gu, ' ').trim();
    if (paragraph) paragraphs.push(paragraph);
    current = '';
  };
  const walk = (node: El): void => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (name === 'SCRIPT' || name === 'STYLE' || name === 'NOSCRIPT' || name === 'TEMPLATE') return;
    if (name === 'BR') {
      flush();
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n') + '\n';
}
