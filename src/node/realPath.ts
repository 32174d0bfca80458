import { isInsideFolder } from '../core/files/sourcePath';
import * as path from 'node:path';

/** node:fs/promises, required on the first check rather than at activation (loading it costs a millisecond or two). */
function realpath(file: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs/promises') as typeof import('node:fs/promises');
  return fs.realpath(file);
}

/**
 * Whether a file resolves, after every symbolic link on its way, inside a folder (also resolved); undefined
 * when the file does not exist. For the editor's workspace reader on local files.
 */
export async function resolvesInside(folderPath: string, filePath: string): Promise<boolean | undefined> {
  let real: string;
  try {
    real = await realpath(filePath);
  } catch {
    return undefined;
  }
  const realFolder = await realpath(folderPath).catch(() => path.resolve(folderPath));
  return isInsideFolder(realFolder, real, path.sep);
}
