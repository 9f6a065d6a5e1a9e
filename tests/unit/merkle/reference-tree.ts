/**
 * A deliberately naive Merkle tree, written straight from the recursive definitions of
 * RFC 9162 §2.1.1 (MTH), §2.1.3.1 (PATH) and §2.1.4.1 (PROOF/SUBPROOF). It shares no code with
 * src/log/merkle: own SHA-256 calls, own split point (via Math.log2), list slicing, no
 * caching. Slow on purpose; only for comparing against the real implementation.
 */
import { createHash } from 'node:crypto';

function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const part of parts) {
    h.update(part);
  }
  return new Uint8Array(h.digest());
}

/** k: the largest power of two smaller than n (n > 1). */
function largestPowerOfTwoBelow(n: number): number {
  return 2 ** Math.floor(Math.log2(n - 1));
}

/** MTH(D[n]) of RFC 9162 §2.1.1, over the entries themselves (not their leaf hashes). */
export function referenceRoot(entries: readonly Uint8Array[]): Uint8Array {
  const n = entries.length;
  if (n === 0) {
    return sha256();
  }
  if (n === 1) {
    return sha256(Uint8Array.of(0x00), entries[0]!);
  }
  const k = largestPowerOfTwoBelow(n);
  return sha256(
    Uint8Array.of(0x01),
    referenceRoot(entries.slice(0, k)),
    referenceRoot(entries.slice(k)),
  );
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1. */
export function referencePath(m: number, entries: readonly Uint8Array[]): Uint8Array[] {
  const n = entries.length;
  if (n === 1) {
    return [];
  }
  const k = largestPowerOfTwoBelow(n);
  if (m < k) {
    return [...referencePath(m, entries.slice(0, k)), referenceRoot(entries.slice(k))];
  }
  return [...referencePath(m - k, entries.slice(k)), referenceRoot(entries.slice(0, k))];
}

/** SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1. */
function referenceSubproof(m: number, entries: readonly Uint8Array[], b: boolean): Uint8Array[] {
  const n = entries.length;
  if (m === n) {
    return b ? [] : [referenceRoot(entries)];
  }
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) {
    return [...referenceSubproof(m, entries.slice(0, k), b), referenceRoot(entries.slice(k))];
  }
  return [...referenceSubproof(m - k, entries.slice(k), false), referenceRoot(entries.slice(0, k))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1, for 0 < m ≤ n. */
export function referenceProof(m: number, entries: readonly Uint8Array[]): Uint8Array[] {
  return referenceSubproof(m, entries, true);
}

/** n distinct sample entries: the UTF-8 bytes of `entry 0`, `entry 1`, … */
export function sampleEntries(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => new Uint8Array(Buffer.from(`entry ${i}`)));
}

/** A copy of `bytes` with bit `bit` of byte `byte` flipped. */
export function flipBit(bytes: Uint8Array, byte = 0, bit = 0): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[byte] = (copy[byte] ?? 0) ^ (1 << bit);
  return copy;
}
