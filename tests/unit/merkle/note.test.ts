import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  exportRawPublicKey,
  importPrivateKeySeed,
  importRawPublicKey,
} from '../../../src/log/merkle/keys.ts';
import {
  computeKeyId,
  decodeBase64Strict,
  encodeVerifierKey,
  isValidKeyName,
  parseNote,
  parseVerifierKey,
  signNote,
  verifyNote,
} from '../../../src/log/merkle/note.ts';
import { GO_NOTE, RFC8032_TEST1 } from './vectors.ts';

/** Go's private key text is `PRIVATE+KEY+<name>+<id>+base64(0x01 ‖ seed)`. */
const peterSeed = Buffer.from(GO_NOTE.peterPrivateKey.split('+').slice(4).join('+'), 'base64');
const peterPrivate = importPrivateKeySeed(peterSeed.subarray(1));

function publicKeyOf(vkey: string): ReturnType<typeof importRawPublicKey> {
  const parsed = parseVerifierKey(vkey);
  if (parsed === undefined) {
    throw new Error(`bad vkey ${vkey}`);
  }
  return parsed.publicKey;
}

describe('Ed25519 raw keys (RFC 8032 §7.1 TEST 1)', () => {
  it('derives the published public key and signature from the seed', () => {
    const key = importPrivateKeySeed(RFC8032_TEST1.seed);
    expect(exportRawPublicKey(key)).toEqual(RFC8032_TEST1.publicKey);
    expect(new Uint8Array(sign(null, new Uint8Array(0), key))).toEqual(
      RFC8032_TEST1.emptyMessageSignature,
    );
    expect(exportRawPublicKey(importRawPublicKey(RFC8032_TEST1.publicKey))).toEqual(
      RFC8032_TEST1.publicKey,
    );
  });

  it('refuses keys of the wrong length', () => {
    expect(() => importRawPublicKey(new Uint8Array(31))).toThrow(RangeError);
    expect(() => importPrivateKeySeed(new Uint8Array(33))).toThrow(RangeError);
  });
});

describe('signed notes against golang.org/x/mod/sumdb/note', () => {
  it('computes the key ID and verifier key Go computes', () => {
    expect(prefixHex(peterSeed, 1)).toBe('01');
    expect(computeKeyId('PeterNeumann', exportRawPublicKey(peterPrivate))).toBe(0xc74f20a3);
    expect(encodeVerifierKey('PeterNeumann', peterPrivate)).toBe(GO_NOTE.peterVerifierKey);
  });

  it('signs byte for byte as Go does (Ed25519 is deterministic)', () => {
    expect(signNote(GO_NOTE.text, peterPrivate, 'PeterNeumann')).toBe(
      `${GO_NOTE.text}\n${GO_NOTE.peterSignatureLine}`,
    );
  });

  it('verifies each known key of a two-signature note and ignores the other', () => {
    const note = `${GO_NOTE.text}\n${GO_NOTE.peterSignatureLine}${GO_NOTE.enochSignatureLine}`;
    const peter = verifyNote(note, publicKeyOf(GO_NOTE.peterVerifierKey), 'PeterNeumann');
    const enoch = verifyNote(note, publicKeyOf(GO_NOTE.enochVerifierKey), 'EnochRoot');
    expect(peter).toEqual({ ok: true, text: GO_NOTE.text });
    expect(enoch).toEqual({ ok: true, text: GO_NOTE.text });
    expect(parseNote(note)?.signatures.map((s) => [s.keyName, s.keyId])).toEqual([
      ['PeterNeumann', 0xc74f20a3],
      ['EnochRoot', 0xaf0cfe78],
    ]);
  });

  it('reports a note without our key as unknown-key, a bad one as invalid-signature', () => {
    const peterKey = publicKeyOf(GO_NOTE.peterVerifierKey);
    const onlyEnoch = `${GO_NOTE.text}\n${GO_NOTE.enochSignatureLine}`;
    expect(verifyNote(onlyEnoch, peterKey, 'PeterNeumann')).toMatchObject({ code: 'unknown-key' });
    // Go's TestOpen corrupts the line by inserting "ABCD" at character 60.
    const line = GO_NOTE.peterSignatureLine;
    const corrupt = `${GO_NOTE.text}\n${line.slice(0, 60)}ABCD${line.slice(60)}`;
    expect(verifyNote(corrupt, peterKey, 'PeterNeumann')).toMatchObject({
      ok: false,
      code: 'invalid-signature',
    });
    const good = `${GO_NOTE.text}\n${line}`;
    expect(verifyNote(good, peterKey, 'Peter')).toMatchObject({ code: 'unknown-key' });
  });

  it('rejects the malformed notes of Go TestOpen', () => {
    const { text, peterSignatureLine: sig } = GO_NOTE;
    const bad = [
      text,
      `${text}\n`,
      `${text}\n${sig.slice(0, -1)}`,
      `\u0001${text}\n${sig}`,
      `${text}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${text}\n${sig}Unexpected line.\n`,
      `${text}\n${sig.repeat(101)}`,
      `${text}\n${sig.replace('=\n', '\n')}`, // unpadded base64
    ];
    for (const note of bad) {
      expect(parseNote(note), JSON.stringify(note)).toBeUndefined();
      expect(verifyNote(note, publicKeyOf(GO_NOTE.peterVerifierKey), 'PeterNeumann')).toMatchObject(
        { code: 'malformed-note' },
      );
    }
  });
});

describe('verifier keys and key names', () => {
  it('parses a verifier key and rejects every mangling of it', () => {
    const vkey = GO_NOTE.peterVerifierKey;
    expect(parseVerifierKey(vkey)).toMatchObject({ keyName: 'PeterNeumann', keyId: 0xc74f20a3 });
    for (let i = 0; i < vkey.length; i++) {
      for (let j = i + 1; j <= vkey.length; j++) {
        if (i !== 0 || j !== vkey.length) {
          expect(parseVerifierKey(vkey.slice(i, j)), vkey.slice(i, j)).toBeUndefined();
        }
      }
      const bumped =
        vkey.slice(0, i) + String.fromCharCode(vkey.charCodeAt(i) + 1) + vkey.slice(i + 1);
      expect(parseVerifierKey(bumped), bumped).toBeUndefined();
    }
  });

  it('allows only non-empty key names without spaces or "+"', () => {
    expect(isValidKeyName('siteds.example/log')).toBe(true);
    for (const bad of ['', 'a b', 'a+b', 'a\u00a0b', 'a\tb', 'a\nb']) {
      expect(isValidKeyName(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(() => signNote('x\n', peterPrivate, 'a b')).toThrow(TypeError);
    expect(() => signNote('no newline', peterPrivate, 'ok')).toThrow(TypeError);
    expect(() => encodeVerifierKey('a+b', peterPrivate)).toThrow(TypeError);
  });

  it('decodes only canonical padded base64', () => {
    expect(decodeBase64Strict('AAE=')).toEqual(Uint8Array.of(0, 1));
    for (const bad of ['AAE', 'AAF=', 'A AE=', 'AA-_', '====']) {
      expect(decodeBase64Strict(bad), bad).toBeUndefined();
    }
  });
});

function prefixHex(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.subarray(0, length)).toString('hex');
}
