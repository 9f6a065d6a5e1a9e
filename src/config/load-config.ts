import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Config } from './config.ts';

/** Raised when the environment describes an unusable configuration; lists every problem. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The package root, two levels above this file (`src/config/`). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Reads the environment once, validates every setting, and returns a frozen `Config`.
 * All problems are reported together. Only `src/config/` reads `process.env`.
 */
export function loadConfig(env: Env = process.env, rootDir = PROJECT_ROOT): Config {
  const problems: string[] = [];
  const at = (p: string): string => path.resolve(rootDir, p);
  const certsDir = at(env.SITEDS_CERTS_DIR ?? 'certs/dev');
  const config: Config = {
    rootDir,
    host: env.SITEDS_HOST ?? '0.0.0.0',
    port: readInt(env, 'SITEDS_PORT', 8443, problems, 0, 65535),
    htaPort: readInt(env, 'SITEDS_HTA_PORT', 8444, problems, 0, 65535),
    htaPublicUrl: readHttpsUrl(env, 'SITEDS_HTA_PUBLIC_URL', problems),
    mllpPort: readInt(env, 'SITEDS_MLLP_PORT', 2575, problems, 0, 65535),
    dataDir: at(env.SITEDS_DATA_DIR ?? 'data'),
    databaseUrl: readDatabaseUrl(env, problems),
    certsDir,
    tls: {
      caFile: path.resolve(certsDir, env.SITEDS_TLS_CA ?? 'ca.crt'),
      certFile: path.resolve(certsDir, env.SITEDS_TLS_CERT ?? 'broker.crt'),
      keyFile: path.resolve(certsDir, env.SITEDS_TLS_KEY ?? 'broker.key'),
      crlFile: env.SITEDS_TLS_CRL === undefined ? undefined : at(env.SITEDS_TLS_CRL),
    },
    registryFile: at(env.SITEDS_REGISTRY ?? 'conformance/demo-registry.json'),
    populationFile: at(env.SITEDS_POPULATION ?? 'conformance/demo-population.json'),
    conformanceDir: at('conformance'),
    bodyLimitBytes: readInt(env, 'SITEDS_BODY_LIMIT', 1_048_576, problems, 1024, 64 * 1_048_576),
    soapLimits: {
      maxBytes: readInt(env, 'SITEDS_SOAP_MAX_BYTES', 262_144, problems, 1024, 16 * 1_048_576),
      maxDepth: readInt(env, 'SITEDS_SOAP_MAX_DEPTH', 16, problems, 4, 64),
    },
    logLevel: readLogLevel(env, problems),
    demo: readBool(env, 'SITEDS_DEMO', true, problems),
    brokerCode: env.SITEDS_BROKER_CODE ?? 'broker',
    signingKeyFile: path.resolve(certsDir, env.SITEDS_SIGNING_KEY ?? 'broker.sig.pem'),
    signatureWindowSeconds: readInt(env, 'SITEDS_SIGNATURE_WINDOW', 300, problems, 5, 3600),
    logKeyFile: path.resolve(certsDir, env.SITEDS_LOG_KEY ?? 'log.key'),
    logOrigin: env.SITEDS_LOG_ORIGIN ?? 'siteds-broker.dev/log',
    sequencerIntervalMs: readInt(env, 'SITEDS_SEQUENCER_INTERVAL', 250, problems, 10, 1000),
    devPki: readBool(env, 'SITEDS_DEV_PKI', true, problems),
  };
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return deepFreeze(config);
}

function readInt(
  env: Env,
  name: string,
  fallback: number,
  problems: string[],
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function readBool(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (raw === 'true' || raw === '1') {
    return true;
  }
  if (raw === 'false' || raw === '0') {
    return false;
  }
  problems.push(`${name} must be true or false, got "${raw}"`);
  return fallback;
}

function readLogLevel(env: Env, problems: string[]): Config['logLevel'] {
  const raw = env.SITEDS_LOG_LEVEL ?? 'info';
  const level = LOG_LEVELS.find((l) => l === raw);
  if (level === undefined) {
    problems.push(`SITEDS_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
    return 'info';
  }
  return level;
}

function readDatabaseUrl(env: Env, problems: string[]): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') {
    return undefined;
  }
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return raw;
}

/** Freezes an object and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
  }
  return value;
}

/** An absolute `https:` URL without query or fragment, trailing slashes dropped; or unset. */
function readHttpsUrl(env: Env, name: string, problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.search !== '' || url.hash !== '') {
    problems.push(`${name} must be an https:// URL without query or fragment (got ${raw})`);
    return undefined;
  }
  return raw.replace(/\/+$/, '');
}
