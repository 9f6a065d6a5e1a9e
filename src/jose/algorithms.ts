/** Signature algorithms the broker accepts and uses (RFC 7518, RFC 8037). Anything else, `none` included, is refused. */
export const SIGNATURE_ALGORITHMS = ['ES256', 'EdDSA', 'PS256'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

export function isAllowedAlgorithm(alg: unknown): alg is SignatureAlgorithm {
  return SIGNATURE_ALGORITHMS.some((a) => a === alg);
}
