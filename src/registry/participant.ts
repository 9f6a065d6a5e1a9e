import type { ParticipantKey } from '../jose/participant-keys.ts';

/** `renetsa`: a member of the national HTA network, who publishes and moderates HTA reports. */
export const PARTICIPANT_KINDS = [
  'ipress',
  'iafas',
  'auditor',
  'admin',
  'broker',
  'renetsa',
] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export const WIRE_FORMATS = ['fhir', 'siteds', 'hl7v2'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

/** How the broker reaches an insurer. */
export interface InsurerEndpoint {
  /**
   * Where the insurer listens, by format: a FHIR base URL (`https://…/fhir`, the broker posts to
   * `{url}/CoverageEligibilityRequest/$submit`), a SITEDS SOAP service URL (`https://…`), or an
   * HL7 v2 endpoint (`mllps://host:port` for MLLP over TLS, or `https://…`).
   */
  readonly url: string;
  readonly format: WireFormat;
  /** Time the insurer has to answer, in milliseconds (504 after it). */
  readonly deadlineMs: number;
}

/** One entry of the participant registry. */
export interface Participant {
  /** 8-digit RENIPRESS code (IPRESS), 5-digit SUSALUD code (IAFAS), or a lowercase name. */
  readonly code: string;
  readonly kind: ParticipantKind;
  readonly name: string;
  readonly status: 'active' | 'suspended';
  /** SPKI SHA-256 pins (base64) of the certificates this participant may present. */
  readonly spkiPins: readonly string[];
  readonly endpoint: InsurerEndpoint | undefined;
  /** Public signing keys (JWKS), several during rotation. */
  readonly signingKeys: readonly ParticipantKey[];
  /** For an IAFAS: the profiles its requests and its answers are validated against (canonical URLs). */
  readonly profiles?: { readonly request: readonly string[]; readonly response: readonly string[] };
  /** SUNAT RUC (11 digits): how SITEDS messages name an IPRESS (NM1*PR in a 270). */
  readonly ruc?: string;
  /** Whether this participant's messages must carry a JWS (`required`, the default) or may. */
  readonly signaturePolicy: 'required' | 'optional';
}

/** The loaded registry: immutable, indexed by code and by certificate pin. */
export interface Registry {
  readonly participants: readonly Participant[];
  findByCode(code: string): Participant | undefined;
  findByPin(pin: string): Participant | undefined;
  /** The key with this `kid`, and whose it is. */
  findKey(kid: string): { owner: Participant; key: ParticipantKey } | undefined;
}

/** Builds the lookup indexes over a list of participants. */
export function createRegistry(participants: readonly Participant[]): Registry {
  const byCode = new Map(participants.map((p) => [p.code, p]));
  const byPin = new Map(participants.flatMap((p) => p.spkiPins.map((pin) => [pin, p] as const)));
  const byKid = new Map(
    participants.flatMap((p) => p.signingKeys.map((key) => [key.kid, { owner: p, key }] as const)),
  );
  return {
    participants,
    findByCode: (code) => byCode.get(code),
    findByPin: (pin) => byPin.get(pin),
    findKey: (kid) => byKid.get(kid),
  };
}
