import type { LinkResolver } from './linkResolver';

/**
 * linkResolver.ts for the browser build (esbuild.js swaps this file in): a web extension host has no local disk to
 * resolve links on, and the file systems it reads through (vscode-vfs, the browser's own) answer for their files
 * themselves. Folders are still kept to their own files by workspaceFolderReader's path check.
 */
export const linkResolver: LinkResolver | undefined = undefined;
