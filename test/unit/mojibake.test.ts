import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { WINDOWS_1252_HIGH } from '../../src/core/text/codePages';
import { repairMojibake } from '../../src/core/text/mojibake';
import { SEEDS_DIR } from './helpers/seedCorpus';

const seed = (name: string): string => readFileSync(path.join(SEEDS_DIR, name), 'utf8');

/**
 * Mojibake as a Windows-1252 decoder makes it (undefined bytes passed through as C1 controls, or, with
 * ISO-8859-1, every 0x80–0x9F byte), built from real UTF-8 so the tests cover the mechanism, not a sample.
 */
function garble(text: string, decoder: 'windows-1252' | 'iso-8859-1'): string {
  return Array.from(new TextEncoder().encode(text), (byte) => {
    if (byte < 0x80) return String.fromCharCode(byte);
    const mapped = decoder === 'windows-1252' ? WINDOWS_1252_HIGH[byte - 0x80] : 0;
    return String.fromCharCode(mapped || byte);
  }).join('');
}

describe('repairMojibake', () => {
  it('restores the double-encoded punctuation and emoji of seed 000', () => {
    const { text, repaired } = repairMojibake(seed('000_6e0cdbcd03f689d6.txt'));
    assert.ok(repaired >= 20, `repaired ${repaired}`);
    assert.match(text, /Is the AI Era of Pretraining Truly Ending, or Just Evolving\? 🤔/u);
    assert.match(text, /Planning for “embodied” agents \(think robots and beyond\) 🤖/u);
    assert.match(text, /✅ Visual reasoning/u);
    assert.match(text, /⚠️ The internet isn’t an infinite data source 🌐/u);
    assert.match(text, /DeepMind’s “world models” or Sutskever’s emphasis/u);
    assert.match(text, /So, Are We Looking at the “End” of Pretraining\?/u);
    assert.match(text, /🔹 Synthetic data generation 🧪/u);
  });

  it('leaves no mojibake sequence in seed 000', () => {
    const { text } = repairMojibake(seed('000_6e0cdbcd03f689d6.txt'));
    assert.doesNotMatch(text, /ā€|šŸ|āœ|āš|ļø/u);
  });

  it('marks sequences whose lost byte cannot be known with one U+FFFD instead of guessing', () => {
    const { text, unrecoverable } = repairMojibake(seed('000_6e0cdbcd03f689d6.txt'));
    // 🏙️ and 🏃 each lost a byte; several emoji fit each gap, so neither is invented.
    assert.equal(unrecoverable, 2);
    assert.match(text, /real-world simulation �\n/u);
    assert.match(text, /Self-governing AI agents �\n/u);
  });

  for (const file of ['001_9cbed9e1bbc8623f.txt', '002_b4870444e8853a54.txt', '003_8b30feb0397d1dff.txt', '004_fe3023e6ff311390.txt']) {
    it(`leaves text that is already right unchanged (${file})`, () => {
      const original = seed(file);
      const result = repairMojibake(original);
      assert.equal(result.text, original);
      assert.equal(result.repaired, 0);
    });
  }

  it('keeps Lovre Pešut and curly quotes as they are', () => {
    for (const text of ['Lovre Pešut', '“bigger is better”', 'Pešut’s “GPT”', 'café Ž š']) {
      assert.equal(repairMojibake(text).text, text);
    }
  });

  it('repairs plain Windows-1252 mojibake too, generically', () => {
    const original = 'He said “peak data” — it’s over… 🤔 naïve café';
    const garbled = garble(original, 'windows-1252');
    assert.notEqual(garbled, original);
    assert.equal(repairMojibake(garbled).text, original);
  });

  it('repairs ISO-8859-1 mojibake (C1 control characters) as well', () => {
    const original = '“Pre-training as we know it will end” — 🤔';
    assert.equal(repairMojibake(garble(original, 'iso-8859-1')).text, original);
  });

  it('maps repaired offsets back to the raw text', () => {
    const raw = 'A ā€œquoteā€ here';
    const { text, map } = repairMojibake(raw);
    assert.equal(text, 'A “quote” here');
    const start = text.indexOf('quote');
    const rawStart = map.toOriginal(start);
    assert.equal(raw.slice(rawStart, rawStart + 5), 'quote');
    const after = text.indexOf(' here');
    assert.equal(raw.slice(map.toOriginal(after)), ' here');
    // A range covering the repaired “ covers all three raw characters.
    assert.equal(raw.slice(map.toOriginal(2, 'start'), map.toOriginal(3, 'end')), 'ā€œ');
  });

  it('restores a closing quote whose last byte was lost, because an opening quote is pending', () => {
    assert.equal(repairMojibake('the ā€œEndā€ of it').text, 'the “End” of it');
  });

  it('does not touch a lone accented capital that only looks like a lead byte', () => {
    for (const text of ['Ã', 'Â price', 'São Paulo', 'Zürich']) assert.equal(repairMojibake(text).text, text);
  });
});
