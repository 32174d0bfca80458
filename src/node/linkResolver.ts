import { resolvesInside } from './realPath';

/** Resolves a file's symbolic links against a folder: whether it stays inside (undefined: no such file). */
export type LinkResolver = (folderPath: string, filePath: string) => Promise<boolean | undefined>;

/** The editor's guard against a link that leads out of a source folder: realpath on the local disk. */
export const linkResolver: LinkResolver | undefined = resolvesInside;
