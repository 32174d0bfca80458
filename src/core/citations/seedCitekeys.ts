/**
 * Curated citation keys of the embedded sources, by source id. The seeds (seeds/catalog.json) are kept byte for
 * byte as they were collected, so their keys live here rather than in a `citekey` field of the catalog.
 */
export const SEED_CITEKEYS: Readonly<Record<string, string>> = {
  'pretraining-ending-or-evolving': 'codingchronicles-pretraining',
  'shift-from-scaling-to-research': 'shift-scaling-research',
  'sutskever-neurips-2024': 'sutskever2024neurips',
  'ai-race-shifts-focus': 'airace2024scale',
  'fruits-of-scale': 'pesut-fruits-of-scale',
};
