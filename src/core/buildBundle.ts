/*
 * dist/build.js: building a corpus from files on the extension host, loaded on demand (src/host/lazyBundles.ts) where
 * no source worker builds it (files of a remote workspace; the seeds when their snapshot is missing): decoding,
 * encoding repair, source bodies, catalogs and the knowledge base builder, so that the main bundle does not carry
 * them. The corpus it builds is made of the extension's own classes (BUILD_MAKERS).
 */
export { buildCorpusSteps } from './buildCorpus';
export { loadCatalogCollection, loadSourceFolders, parseTrustedCatalog } from './kb/loadCollection';
