/**
 * External test vectors for the Merkle tree, proofs and signed notes. Every constant names the
 * file (repository, path, commit) or the document it was copied from.
 */

/** Decodes hex (test vectors are written in hex, as in their sources). */
export function hex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/**
 * The 8 leaf inputs of the well-known CT test tree.
 * Source: github.com/transparency-dev/merkle, testonly/constants.go, `LeafInputs()`
 * (commit 582a6ad190b6848f1d26f8bf08ddef29955d9db1); the same data is in
 * google/certificate-transparency and Trillian's merkle tests.
 */
export const CT_LEAF_INPUTS: readonly Uint8Array[] = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hex);

/**
 * Hashes of every complete subtree of that tree, by level (0 = leaf hashes) and position.
 * Source: transparency-dev/merkle testonly/constants.go, `NodeHashes()` (commit above).
 */
export const CT_NODE_HASHES: readonly (readonly Uint8Array[])[] = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ].map(hex),
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ].map(hex),
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ].map(hex),
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'].map(hex),
];

/**
 * Root hashes of the trees of the first 0..8 leaves (index = tree size).
 * Source: transparency-dev/merkle testonly/constants.go, `RootHashes()` and `EmptyRootHash()`
 * (commit above).
 */
export const CT_ROOTS: readonly Uint8Array[] = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);

const nh = (level: number, index: number): Uint8Array => {
  const node = CT_NODE_HASHES[level]?.[index];
  if (node === undefined) {
    throw new Error(`no node ${level}/${index}`);
  }
  return node;
};

/**
 * Compact ranges (perfect subtree roots, largest first) for tree sizes 0..8.
 * Source: transparency-dev/merkle testonly/constants.go, `CompactTrees()` (commit above).
 */
export const CT_COMPACT_RANGES: readonly (readonly Uint8Array[])[] = [
  [],
  [nh(0, 0)],
  [nh(1, 0)],
  [nh(1, 0), nh(0, 2)],
  [nh(2, 0)],
  [nh(2, 0), nh(0, 4)],
  [nh(2, 0), nh(1, 2)],
  [nh(2, 0), nh(1, 2), nh(0, 6)],
  [nh(3, 0)],
];

/** A known proof: for inclusion `first` is the leaf index, for consistency the old size. */
export interface ProofVector {
  readonly first: number;
  readonly size: number;
  readonly proof: readonly Uint8Array[];
}

/**
 * Inclusion proofs in the 8-leaf tree. Source: transparency-dev/merkle proof/verify_test.go,
 * `inclusionProofs` (commit 02194e9afb6c1d95b5381350007963aa70fff472). That file counts leaves
 * from 1 (`{1, 8, …}` is leaf index 0); here `first` is the 0-based index.
 */
export const CT_INCLUSION_PROOFS: readonly ProofVector[] = [
  { first: 0, size: 1, proof: [] },
  {
    first: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ].map(hex),
  },
  {
    first: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ].map(hex),
  },
  {
    first: 2,
    size: 3,
    proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'].map(hex),
  },
  {
    first: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ].map(hex),
  },
];

/**
 * Consistency proofs in the 8-leaf tree. Source: transparency-dev/merkle
 * proof/verify_test.go, `consistencyProofs` (commit above); sizes as written there.
 */
export const CT_CONSISTENCY_PROOFS: readonly ProofVector[] = [
  { first: 1, size: 1, proof: [] },
  {
    first: 1,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ].map(hex),
  },
  {
    first: 6,
    size: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ].map(hex),
  },
  {
    first: 2,
    size: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ].map(hex),
  },
  {
    first: 6,
    size: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ].map(hex),
  },
];

/**
 * Signed-note keys and notes of Go's reference implementation. Source: github.com/golang/mod,
 * sumdb/note/note_test.go (commit 02c991387e35f9e4c0a9b7ce137717055f8d716d): `TestSign`,
 * `TestOpen`. The private key is `PRIVATE+KEY+<name>+<key ID>+base64(0x01 ‖ 32-byte seed)`.
 */
export const GO_NOTE = {
  peterPrivateKey: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
  peterVerifierKey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
  enochVerifierKey: 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop',
  text:
    'If you think cryptography is the answer to your problem,\n' +
    "then you don't know what your problem is.\n",
  peterSignatureLine:
    '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n',
  enochSignatureLine:
    '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n',
} as const;

/**
 * RFC 8032 §7.1, "TEST 1": an Ed25519 secret key (seed), its public key, and the signature of
 * the empty message.
 */
export const RFC8032_TEST1 = {
  seed: hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
  publicKey: hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
  emptyMessageSignature: hex(
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ),
} as const;

/**
 * Our own checkpoint vector, computed outside this code base with Python 3 `hashlib` and
 * `cryptography` 48.0.0 (Ed25519PrivateKey.from_private_bytes(RFC8032_TEST1.seed)):
 *
 * - key ID = SHA-256(b"siteds.example/log" + b"\n" + b"\x01" + RFC8032_TEST1.publicKey)
 *          = cac1e055be6977f0…, so the key ID is 0xcac1e055;
 * - the note signs the 8-leaf CT tree root (CT_ROOTS[8]) at Unix ms 1767225600000
 *   (2026-01-01T00:00:00Z); Ed25519 is deterministic, so the signature is fixed.
 */
export const SITEDS_CHECKPOINT = {
  keyName: 'siteds.example/log',
  keyIdDigest: 'cac1e055be6977f0a56adfb9524bbb4c0950f127be8a22a0ed8415e06fd7fe76',
  keyId: 0xcac1e055,
  verifierKey: 'siteds.example/log+cac1e055+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea',
  timestamp: 1767225600000,
  note:
    'siteds.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\ntimestamp 1767225600000\n' +
    '\n\u2014 siteds.example/log ysHgVXUTWxaJtcxD6SIfKZvKLYmzQVsi2RLa+8rbEXdhRNWocXbik/rKEp5qiCL1cL24QqLUGu5TQPZRAJZnkxAmMwc=\n',
} as const;
