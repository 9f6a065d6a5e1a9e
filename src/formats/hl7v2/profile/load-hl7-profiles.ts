import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  ComponentDef,
  Hl7Profiles,
  MessageProfile,
  SegmentDef,
  TableDef,
} from './profile-types.ts';
import { Hl7ProfileError } from './profile-types.ts';
import { checkProfileShapes } from './check-profile-files.ts';

/** The project's HL7 v2 profiles folder. */
export const HL7_PROFILES_DIR = fileURLToPath(
  new URL('../../../../profiles/hl7v2/', import.meta.url),
);

/**
 * Loads `segments-<v>.json`, `datatypes-<v>.json`, `tables-<v>.json` and every `message-*.json`,
 * then checks them against each other: every data type used is defined, every segment in a
 * structure has a definition, cardinalities are sane. Any problem throws `Hl7ProfileError`.
 */
export function loadHl7Profiles(dir: string = HL7_PROFILES_DIR, version = '2.5.1'): Hl7Profiles {
  const segmentsFile = path.join(dir, `segments-${version}.json`);
  const typesFile = path.join(dir, `datatypes-${version}.json`);
  const tablesFile = path.join(dir, `tables-${version}.json`);
  const segDoc = readJson(segmentsFile) as { segments?: Record<string, SegmentDef> };
  const typeDoc = readJson(typesFile) as {
    primitives?: string[];
    composites?: Record<string, ComponentDef[]>;
  };
  const tableDoc = readJson(tablesFile) as { tables?: Record<string, TableDef> };
  const messages = readdirSync(dir)
    .filter((f) => /^message-.+\.json$/.test(f))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      return { ...(readJson(file) as Omit<MessageProfile, 'file'>), file };
    });
  const profiles: Hl7Profiles = {
    version,
    segments: new Map(Object.entries(segDoc.segments ?? {})),
    primitives: new Set(typeDoc.primitives ?? []),
    composites: new Map(Object.entries(typeDoc.composites ?? {})),
    tables: new Map(Object.entries(tableDoc.tables ?? {})),
    messages,
  };
  checkProfileShapes(profiles, { segmentsFile, typesFile, tablesFile });
  return profiles;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Hl7ProfileError(file, [`cannot be read (${(err as Error).message})`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Hl7ProfileError(file, [`is not JSON (${(err as Error).message})`]);
  }
}
