import { latexRegions } from './latex';
import { MarkdownBlockParser, MarkdownExclusionIndex } from './markdown';
import { urlRegions } from './plainText';
import { ExclusionIndex, SyntaxRegion, sortedRegionIndex } from './regions';

/** How a language's documents are read for excluded regions. */
export type SyntaxFamily = 'markdown' | 'latex' | 'plaintext';

export function syntaxFamily(languageId: string): SyntaxFamily {
  if (languageId === 'markdown') return 'markdown';
  if (languageId === 'latex' || languageId === 'tex') return 'latex';
  return 'plaintext';
}

/**
 * The excluded regions of a document in a language, sorted by start and never overlapping: code, comments, math,
 * URLs, link targets, citation keys and the like, where a glossary term is not prose. Markdown needs a parser
 * (see markdownIt.ts); without one only its bare URLs are found.
 */
export function excludedRegions(text: string, languageId: string, markdown?: MarkdownBlockParser): readonly SyntaxRegion[] {
  return exclusionIndex(text, languageId, markdown).regions();
}

/**
 * The same regions behind a question ("does this range touch one?"). For Markdown the inline content of a block
 * is parsed only when a question reaches it, so one hover costs a block parse and one paragraph.
 */
export function exclusionIndex(text: string, languageId: string, markdown?: MarkdownBlockParser): ExclusionIndex {
  switch (syntaxFamily(languageId)) {
    case 'markdown':
      return markdown ? new MarkdownExclusionIndex(text, markdown) : sortedRegionIndex(urlRegions(text));
    case 'latex':
      return sortedRegionIndex([...latexRegions(text), ...urlRegions(text)]);
    case 'plaintext':
      return sortedRegionIndex(urlRegions(text));
  }
}
