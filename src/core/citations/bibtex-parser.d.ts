// @retorquere/bibtex-parser ships its types under package.json "exports", which this project's module resolution
// does not read: the part of its API that parseBibtex.ts uses, as dist/types/index.d.ts declares it.
declare module '@retorquere/bibtex-parser' {
  export interface Creator {
    name?: string;
    lastName?: string;
    firstName?: string;
    prefix?: string;
    suffix?: string;
  }
  export interface Entry {
    type: string;
    key: string;
    fields: Record<string, unknown> & { author?: Creator[]; editor?: Creator[] };
    input: string;
  }
  export interface ParseError {
    error: string;
    input?: string;
  }
  export interface Library {
    errors: ParseError[];
    entries: Entry[];
    comments: string[];
    strings: Record<string, string>;
  }
  export interface Options {
    english?: string[] | boolean;
    sentenceCase?: false | Record<string, boolean>;
    unsupported?: 'ignore' | ((node: unknown, tex: string, entry: Entry) => string);
    raw?: boolean;
    strings?: Record<string, string> | string;
  }
  export function parse(input: string, options?: Options): Library;
}
