import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../../src/log/merkle/checkpoint.ts';
import {
  formatCheckpointBody,
  parseCheckpoint,
  parseCheckpointBody,
  signCheckpoint,
  verifyCheckpoint,
} from '../../../src/log/merkle/checkpoint.ts';
import { importPrivateKeySeed } from '../../../src/log/merkle/keys.ts';
import {
  computeKeyId,
  encodeVerifierKey,
  parseVerifierKey,
  signNote,
} from '../../../src/log/merkle/note.ts';
import { CT_ROOTS, RFC8032_TEST1, SITEDS_CHECKPOINT } from './vectors.ts';

const { keyName } = SITEDS_CHECKPOINT;
const fixedKey = importPrivateKeySeed(RFC8032_TEST1.seed);
const head: Checkpoint = {
  origin: keyName,
  size: 8,
  rootHash: CT_ROOTS[8]!,
  timestamp: SITEDS_CHECKPOINT.timestamp,
};

describe('the checkpoint key ID (c2sp.org/signed-note, Ed25519)', () => {
  it('is SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], checked against Python hashlib', () => {
    // Independent recomputation of the formula, then the value from the vector (computed with
    // Python, see vectors.ts): the first four digest bytes read big-endian.
    const digest = createHash('sha256')
      .update(Buffer.concat([Buffer.from(keyName), Buffer.of(0x0a, 0x01), RFC8032_TEST1.publicKey]))
      .digest('hex');
    expect(digest).toBe(SITEDS_CHECKPOINT.keyIdDigest);
    expect(computeKeyId(keyName, RFC8032_TEST1.publicKey)).toBe(SITEDS_CHECKPOINT.keyId);
    expect(encodeVerifierKey(keyName, fixedKey)).toBe(SITEDS_CHECKPOINT.verifierKey);
  });
});

describe('signCheckpoint / parseCheckpoint / verifyCheckpoint', () => {
  it('reproduces the independently computed signed checkpoint byte for byte', () => {
    expect(signCheckpoint(head, fixedKey, keyName)).toBe(SITEDS_CHECKPOINT.note);
    const vkey = parseVerifierKey(SITEDS_CHECKPOINT.verifierKey)!;
    expect(verifyCheckpoint(SITEDS_CHECKPOINT.note, vkey.publicKey, keyName)).toEqual({
      ok: true,
      checkpoint: head,
    });
  });

  it('round-trips with a fresh key, and parses without verifying', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const fresh: Checkpoint = { ...head, size: 0, rootHash: CT_ROOTS[0]!, timestamp: 0 };
    const note = signCheckpoint(fresh, privateKey, 'siteds.example/log');
    expect(
      note.startsWith(`siteds.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n`),
    ).toBe(true);
    expect(verifyCheckpoint(note, publicKey, 'siteds.example/log')).toEqual({
      ok: true,
      checkpoint: fresh,
    });
    const parsed = parseCheckpoint(note);
    expect(parsed.ok && parsed.checkpoint).toEqual(fresh);
    expect(parsed.ok && parsed.signatures[0]?.keyName).toBe('siteds.example/log');
  });

  it('fails on a changed size, root, origin, timestamp or signature byte', () => {
    const vkey = parseVerifierKey(SITEDS_CHECKPOINT.verifierKey)!;
    const note = SITEDS_CHECKPOINT.note;
    const sigAt = note.lastIndexOf(' ') + 1;
    const sig = Buffer.from(note.slice(sigAt, -1), 'base64');
    sig[10] = (sig[10] ?? 0) ^ 0x01;
    const tampered = {
      size: note.replace('\n8\n', '\n9\n'),
      root: note.replace('\nXcna', '\nYcna'),
      origin: note.replace('siteds.example/log\n', 'siteds.example/log2\n'),
      timestamp: note.replace('1767225600000', '1767225600001'),
      signature: `${note.slice(0, sigAt)}${sig.toString('base64')}\n`,
    };
    for (const [what, text] of Object.entries(tampered)) {
      expect(text, what).not.toBe(note);
      expect(parseCheckpoint(text).ok, what).toBe(true);
      expect(verifyCheckpoint(text, vkey.publicKey, keyName), what).toMatchObject({
        ok: false,
        code: 'invalid-signature',
      });
    }
  });

  it('fails for a wrong key name or another key', () => {
    const vkey = parseVerifierKey(SITEDS_CHECKPOINT.verifierKey)!;
    const other = generateKeyPairSync('ed25519').publicKey;
    for (const [key, name] of [
      [vkey.publicKey, 'siteds.example/other'],
      [other, keyName],
    ] as const) {
      expect(verifyCheckpoint(SITEDS_CHECKPOINT.note, key, name)).toMatchObject({
        ok: false,
        code: 'unknown-key',
      });
    }
  });

  it('ignores a witness cosignature from another key, but not a bad line from ours', () => {
    const vkey = parseVerifierKey(SITEDS_CHECKPOINT.verifierKey)!;
    const witness = generateKeyPairSync('ed25519').privateKey;
    const body = formatCheckpointBody(head);
    const witnessLine = signNote(body, witness, 'witness.example').slice(body.length + 1);
    const cosigned = SITEDS_CHECKPOINT.note + witnessLine;
    expect(verifyCheckpoint(cosigned, vkey.publicKey, keyName).ok).toBe(true);
    const ourLine = SITEDS_CHECKPOINT.note.slice(body.length + 1);
    const sigAt = ourLine.lastIndexOf(' ') + 1;
    const sig = Buffer.from(ourLine.slice(sigAt, -1), 'base64');
    sig[30] = (sig[30] ?? 0) ^ 0x80; // key ID (bytes 0-3) kept, signature broken
    const badOurs = `${ourLine.slice(0, sigAt)}${sig.toString('base64')}\n`;
    expect(verifyCheckpoint(cosigned + badOurs, vkey.publicKey, keyName)).toMatchObject({
      code: 'invalid-signature',
    });
  });

  it('rejects a well-signed note whose text is not exactly a checkpoint', () => {
    const vkey = parseVerifierKey(SITEDS_CHECKPOINT.verifierKey)!;
    const root = Buffer.from(CT_ROOTS[8]!).toString('base64');
    const bodies = [
      `${keyName}\n08\n${root}\ntimestamp 1\n`, // leading zero
      `${keyName}\n8\n${root}\n`, // no timestamp line
      `${keyName}\n8\n${root}\ntimestamp 1\nextra\n`, // unknown extension line
      `${keyName}\n8\n${root.slice(4)}\ntimestamp 1\n`, // root not 32 bytes
      `${keyName}\n-8\n${root}\ntimestamp 1\n`,
      `${keyName}\n8\n${root}\ntime 1\n`,
      `${keyName}\n9007199254740993\n${root}\ntimestamp 1\n`, // past 2^53
      `\n8\n${root}\ntimestamp 1\n`, // empty origin
    ];
    for (const body of bodies) {
      expect(parseCheckpointBody(body), body).toBeUndefined();
      const note = signNote(body, fixedKey, keyName);
      expect(verifyCheckpoint(note, vkey.publicKey, keyName), body).toMatchObject({
        code: 'malformed-checkpoint',
      });
      expect(parseCheckpoint(note)).toMatchObject({ code: 'malformed-checkpoint' });
    }
    expect(parseCheckpoint('not a note')).toMatchObject({ code: 'malformed-note' });
  });

  it('refuses to sign fields it cannot encode', () => {
    const bad: Checkpoint[] = [
      { ...head, origin: '' },
      { ...head, origin: 'a\nb' },
      { ...head, size: -1 },
      { ...head, size: 1.5 },
      { ...head, rootHash: new Uint8Array(31) },
      { ...head, timestamp: Number.NaN },
    ];
    for (const checkpoint of bad) {
      expect(() => signCheckpoint(checkpoint, fixedKey, keyName)).toThrow(TypeError);
    }
  });
});
