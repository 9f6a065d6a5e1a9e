import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deepFreeze } from '../config/load-config.ts';
import { readJwks, type ParticipantKey } from '../jose/participant-keys.ts';
import { spkiPin } from '../pki/spki-pin.ts';
import {
  createRegistry,
  PARTICIPANT_KINDS,
  WIRE_FORMATS,
  type InsurerEndpoint,
  type Participant,
  type Registry,
} from './participant.ts';

/** A registry file that cannot be used; every problem names the file and the field. */
export class RegistryError extends Error {
  readonly problems: readonly string[];
  constructor(file: string, problems: readonly string[]) {
    super(`${file}: invalid participant registry:\n  - ${problems.join('\n  - ')}`);
    this.name = 'RegistryError';
    this.problems = problems.map((p) => `${file}: ${p}`);
  }
}

const CODE_PATTERNS: Record<string, RegExp> = {
  ipress: /^\d{8}$/,
  iafas: /^\d{5}$/,
  other: /^[a-z][a-z0-9-]{1,31}$/,
};
const PIN = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Loads and checks the participant registry. `certificateFiles` (paths relative to `rootDir`)
 * are read and turned into SPKI pins; literal pins go in `spkiSha256`. Stops on any problem.
 */
export function loadRegistry(file: string, rootDir: string): Registry {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RegistryError(file, [`cannot read JSON: ${(err as Error).message}`]);
  }
  const problems: string[] = [];
  const list = (doc as { participants?: unknown } | null)?.participants;
  if (!Array.isArray(list) || list.length === 0) {
    throw new RegistryError(file, ['participants: must be a non-empty array']);
  }
  const participants = list.map((raw, i) =>
    readParticipant(raw as Record<string, unknown>, `participants[${i}]`, rootDir, problems),
  );
  checkUnique(participants, problems);
  if (problems.length > 0) {
    throw new RegistryError(file, problems);
  }
  return createRegistry(deepFreeze(participants));
}

function readParticipant(
  raw: Record<string, unknown>,
  at: string,
  rootDir: string,
  problems: string[],
): Participant {
  const kind = oneOf(raw.kind, PARTICIPANT_KINDS, `${at}.kind`, problems) ?? 'ipress';
  const code = typeof raw.code === 'string' ? raw.code : '';
  const pattern = CODE_PATTERNS[kind] ?? CODE_PATTERNS.other;
  if (pattern !== undefined && !pattern.test(code)) {
    problems.push(`${at}.code: "${code}" is not a valid ${kind} code (${String(pattern)})`);
  }
  if (typeof raw.name !== 'string' || raw.name.trim() === '') {
    problems.push(`${at}.name: required`);
  }
  const status = oneOf(raw.status, ['active', 'suspended'] as const, `${at}.status`, problems);
  return {
    code,
    kind,
    name: typeof raw.name === 'string' ? raw.name : '',
    status: status ?? 'suspended',
    spkiPins: readPins(raw, at, rootDir, problems),
    endpoint: kind === 'iafas' ? readEndpoint(raw.endpoint, `${at}.endpoint`, problems) : undefined,
    signingKeys: readSigningKeys(raw, at, rootDir, problems),
    profiles: {
      request: stringArray(
        (raw.profiles as { request?: unknown } | undefined)?.request,
        `${at}.profiles.request`,
        problems,
      ),
      response: stringArray(
        (raw.profiles as { response?: unknown } | undefined)?.response,
        `${at}.profiles.response`,
        problems,
      ),
    },
    ...readRuc(raw.ruc, `${at}.ruc`, problems),
    signaturePolicy:
      oneOf(
        raw.signaturePolicy ?? 'required',
        ['required', 'optional'] as const,
        `${at}.signaturePolicy`,
        problems,
      ) ?? 'required',
  };
}

/** The participant's RUC (SUNAT, 11 digits), when given: SITEDS messages name an IPRESS by it. */
function readRuc(value: unknown, at: string, problems: string[]): { ruc?: string } {
  if (value === undefined) {
    return {};
  }
  if (typeof value !== 'string' || !/^(10|15|17|20)\d{9}$/.test(value)) {
    problems.push(`${at}: must be an 11-digit RUC starting 10, 15, 17 or 20`);
    return {};
  }
  return { ruc: value };
}

function readPins(
  raw: Record<string, unknown>,
  at: string,
  rootDir: string,
  problems: string[],
): string[] {
  const pins = stringArray(raw.spkiSha256, `${at}.spkiSha256`, problems);
  pins.forEach((pin, j) => {
    if (!PIN.test(pin)) {
      problems.push(`${at}.spkiSha256[${j}]: not a base64 SHA-256 pin`);
    }
  });
  stringArray(raw.certificateFiles, `${at}.certificateFiles`, problems).forEach((f, j) => {
    try {
      pins.push(spkiPin(readFileSync(path.resolve(rootDir, f))));
    } catch (err) {
      problems.push(
        `${at}.certificateFiles[${j}]: cannot read certificate ${f} (${(err as Error).message})`,
      );
    }
  });
  if (pins.length === 0) {
    problems.push(`${at}: needs at least one of spkiSha256 or certificateFiles`);
  }
  return pins;
}

function readSigningKeys(
  raw: Record<string, unknown>,
  at: string,
  rootDir: string,
  problems: string[],
): ParticipantKey[] {
  const keys = raw.jwks === undefined ? [] : readJwks(raw.jwks, `${at}.jwks`, problems);
  if (typeof raw.jwksFile === 'string') {
    try {
      const doc = JSON.parse(readFileSync(path.resolve(rootDir, raw.jwksFile), 'utf8')) as unknown;
      keys.push(...readJwks(doc, `${at}.jwksFile(${raw.jwksFile})`, problems));
    } catch (err) {
      problems.push(`${at}.jwksFile: cannot read ${raw.jwksFile} (${(err as Error).message})`);
    }
  }
  return keys;
}

function readEndpoint(raw: unknown, at: string, problems: string[]): InsurerEndpoint | undefined {
  const e = raw as Record<string, unknown> | undefined;
  if (e === undefined || typeof e !== 'object') {
    problems.push(`${at}: required for an iafas`);
    return undefined;
  }
  const format = oneOf(e.format, WIRE_FORMATS, `${at}.format`, problems) ?? 'fhir';
  const schemes = format === 'hl7v2' ? ['https://', 'mllps://'] : ['https://'];
  if (typeof e.url !== 'string' || !schemes.some((s) => String(e.url).startsWith(s))) {
    problems.push(`${at}.url: must be a ${schemes.join(' or ')} URL for format ${format}`);
  }
  const deadline = e.deadlineMs;
  if (
    typeof deadline !== 'number' ||
    !Number.isInteger(deadline) ||
    deadline < 100 ||
    deadline > 120_000
  ) {
    problems.push(`${at}.deadlineMs: must be an integer from 100 to 120000`);
  }
  return { url: String(e.url).replace(/\/$/, ''), format, deadlineMs: Number(deadline) };
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  at: string,
  problems: string[],
): T | undefined {
  const found = allowed.find((a) => a === value);
  if (found === undefined) {
    problems.push(`${at}: must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return found;
}

function stringArray(value: unknown, at: string, problems: string[]): string[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    problems.push(`${at}: must be an array of strings`);
    return [];
  }
  return [...value] as string[];
}

function checkUnique(participants: readonly Participant[], problems: string[]): void {
  const seenCodes = new Set<string>();
  const seenPins = new Map<string, string>();
  const seenKids = new Map<string, string>();
  participants.forEach((p, i) => {
    if (seenCodes.has(p.code)) {
      problems.push(`participants[${i}].code: duplicate code ${p.code}`);
    }
    seenCodes.add(p.code);
    for (const pin of p.spkiPins) {
      const owner = seenPins.get(pin);
      if (owner !== undefined && owner !== p.code) {
        problems.push(`participants[${i}]: certificate pin already belongs to ${owner}`);
      }
      seenPins.set(pin, p.code);
    }
    for (const { kid } of p.signingKeys) {
      const owner = seenKids.get(kid);
      if (owner !== undefined) {
        problems.push(`participants[${i}]: signing key ${kid} already belongs to ${owner}`);
      }
      seenKids.set(kid, p.code);
    }
  });
}
