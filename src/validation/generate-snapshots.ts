import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StructureDefinition } from 'fhir/r4.js';
import { loadR4Definitions } from '../formats/fhir/xml/load-r4-definitions.ts';
import { generateSnapshot } from './generate-snapshot.ts';
import { PROFILES_DIR, readProfileFiles } from './read-profile-files.ts';

/** A profile file and the profile with its freshly generated snapshot. */
export interface RegeneratedProfile {
  readonly file: string;
  readonly profile: StructureDefinition;
}

/**
 * Regenerates the snapshot of every StructureDefinition in `dir` from its differential against
 * the R4 core definitions (and our own profiles, for a profile based on another). Keys keep
 * their order, with `snapshot` just before `differential` as FHIR writes them.
 */
export function regenerateProfiles(
  dir: string = PROFILES_DIR,
  core: readonly StructureDefinition[] = loadR4Definitions(),
): RegeneratedProfile[] {
  const files = readProfileFiles(dir);
  const byKey = new Map<string, StructureDefinition>();
  for (const sd of core) {
    byKey.set(sd.url, sd);
    byKey.set(sd.type, sd);
  }
  const result: RegeneratedProfile[] = [];
  for (const { file, resource } of files) {
    if (resource.resourceType !== 'StructureDefinition') {
      continue;
    }
    const element = generateSnapshot(resource, (key) => byKey.get(key));
    const { differential, ...rest } = resource;
    const profile: StructureDefinition = { ...rest, snapshot: { element } };
    if (differential !== undefined) {
      profile.differential = differential;
    }
    byKey.set(profile.url, profile);
    result.push({ file, profile });
  }
  return result;
}

/** Writes each regenerated profile back to its file (2-space JSON, final newline). */
export function writeSnapshots(dir: string = PROFILES_DIR): string[] {
  return regenerateProfiles(dir).map(({ file, profile }) => {
    writeFileSync(file, `${JSON.stringify(profile, null, 2)}\n`);
    return path.basename(file);
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of writeSnapshots()) {
    console.log(`snapshot written: profiles/${file}`);
  }
}
