/** The broker's configuration: validated once by `loadConfig`, then frozen. */
export interface Config {
  /** Project root; relative paths in data files resolve against it. */
  readonly rootDir: string;
  readonly host: string;
  readonly port: number;
  /** HTA repository HTTPS port (client certificates optional: reads are public). */
  readonly htaPort: number;
  /**
   * The HTA repository's public base as the broker links to it in eligibility answers
   * (`SITEDS_HTA_PUBLIC_URL`, e.g. `https://hta.example.pe/hta`); unset: this host's HTA port.
   */
  readonly htaPublicUrl: string | undefined;
  /** HL7 v2 MLLP over TLS port (client certificates required), `SITEDS_MLLP_PORT`. */
  readonly mllpPort: number;
  /** PGlite data directory, used when `databaseUrl` is not set. */
  readonly dataDir: string;
  /** PostgreSQL connection string (production); unset means embedded PGlite. */
  readonly databaseUrl: string | undefined;
  /** Folder holding the dev PKI (`ca.crt`, `<code>.crt`, `<code>.key`). */
  readonly certsDir: string;
  readonly tls: {
    /** CA bundle that client certificates must chain to. */
    readonly caFile: string;
    readonly certFile: string;
    readonly keyFile: string;
    /** Optional PEM CRL; revoked client certificates fail the handshake. */
    readonly crlFile: string | undefined;
  };
  readonly registryFile: string;
  readonly populationFile: string;
  readonly conformanceDir: string;
  /** Largest request body accepted, in bytes (413 above it). */
  readonly bodyLimitBytes: number;
  /** SITEDS SOAP: largest envelope (bytes) and deepest XML nesting read; refused above. */
  readonly soapLimits: { readonly maxBytes: number; readonly maxDepth: number };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Start the in-process demo insurers with the broker. */
  readonly demo: boolean;
  /** The broker's participant code: the `aud` of every message sent to it. */
  readonly brokerCode: string;
  /** The broker's JWS signing key (PKCS#8 PEM). */
  readonly signingKeyFile: string;
  /** How far a signature's `iat` may be from now, in seconds (replay window). */
  readonly signatureWindowSeconds: number;
  /** The message log's Ed25519 checkpoint key (PKCS#8 PEM). */
  readonly logKeyFile: string;
  /** The log's origin line in checkpoints (also its key name). */
  readonly logOrigin: string;
  /** How often the sequencer integrates new entries, in milliseconds. */
  readonly sequencerIntervalMs: number;
  /** Generate the dev PKI when it is missing (never in production). */
  readonly devPki: boolean;
}

export type ConfigOverrides = { -readonly [K in keyof Config]?: Config[K] };
