import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  emptyRoot,
  equalBytes,
  HASH_SIZE,
  hashChildren,
  hashLeaf,
  hashLeafText,
  hashLeafTextBase64,
  isHash,
} from '../../../src/log/merkle/hash.ts';
import { CT_LEAF_INPUTS, CT_NODE_HASHES, hex } from './vectors.ts';

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('hashLeaf / hashChildren / emptyRoot (RFC 9162 §2.1.1)', () => {
  it('hashes the 8 CT test leaves to the published leaf hashes', () => {
    const level0 = CT_NODE_HASHES[0]!;
    expect(CT_LEAF_INPUTS.map((d) => toHex(hashLeaf(d)))).toEqual(level0.map(toHex));
  });

  it('hashes pairs of leaf hashes to the published level-1 nodes', () => {
    const [level0, level1] = [CT_NODE_HASHES[0]!, CT_NODE_HASHES[1]!];
    for (let i = 0; i < level1.length; i++) {
      expect(toHex(hashChildren(level0[2 * i]!, level0[2 * i + 1]!))).toBe(toHex(level1[i]!));
    }
  });

  it('is SHA-256 with a 0x00 prefix for leaves and 0x01 for nodes', () => {
    const data = new Uint8Array(Buffer.from('siteds'));
    const sha = (...parts: Uint8Array[]): string =>
      createHash('sha256').update(Buffer.concat(parts)).digest('hex');
    expect(toHex(hashLeaf(data))).toBe(sha(Uint8Array.of(0), data));
    const [l, r] = [hashLeaf(Uint8Array.of(1)), hashLeaf(Uint8Array.of(2))];
    expect(toHex(hashChildren(l, r))).toBe(sha(Uint8Array.of(1), l, r));
    expect(toHex(hashChildren(r, l))).not.toBe(toHex(hashChildren(l, r)));
  });

  it('hashes a leaf given as text as it hashes the text’s UTF-8 bytes', () => {
    for (const text of ['', '[1,"42","ñandú ✓"]', 'lone \ud800 surrogate', '\u0000 nul']) {
      expect(toHex(hashLeafText(text)), text).toBe(toHex(hashLeaf(Buffer.from(text, 'utf8'))));
      expect(hashLeafTextBase64(text), text).toBe(
        Buffer.from(hashLeaf(Buffer.from(text, 'utf8'))).toString('base64'),
      );
    }
  });

  it('gives the empty tree the SHA-256 of the empty string', () => {
    expect(emptyRoot()).toEqual(
      hex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
    );
  });

  it('returns fresh 32-byte values (the scratch input is never shared)', () => {
    const a = hashChildren(hashLeaf(Uint8Array.of(1)), hashLeaf(Uint8Array.of(2)));
    const copy = new Uint8Array(a);
    hashChildren(hashLeaf(Uint8Array.of(3)), hashLeaf(Uint8Array.of(4)));
    expect(a).toEqual(copy);
    expect(a.length).toBe(HASH_SIZE);
  });

  it('rejects children that are not 32-byte hashes', () => {
    const good = hashLeaf(new Uint8Array(0));
    expect(() => hashChildren(good, new Uint8Array(31))).toThrow(RangeError);
    expect(() => hashChildren(new Uint8Array(33), good)).toThrow(RangeError);
  });

  it('compares bytes and recognises hashes', () => {
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(false);
    expect(isHash(new Uint8Array(32))).toBe(true);
    expect(isHash(new Uint8Array(31))).toBe(false);
    expect(isHash('x'.repeat(32))).toBe(false);
  });
});
