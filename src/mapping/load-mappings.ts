import { mapperOf, type Mapper } from './create-mapper.ts';
import { createTranslator, type TranslateFn } from './translate-code.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConceptMap } from 'fhir/r4.js';
import { checkConceptMap } from './check-concept-map.ts';
import { checkSpec, type CheckedSpec } from './check-spec.ts';
import { TRANSFORMS } from './transform-registry.ts';

/** The project's mappings folder. */
export const MAPPINGS_DIR = fileURLToPath(new URL('../../mappings/', import.meta.url));

/** A loaded, checked spec and the file it came from. */
export interface LoadedSpec extends CheckedSpec {
  readonly file: string;
}

/**
 * Every spec (by id) and ConceptMap (by canonical URL) of the folders loaded, each spec compiled
 * once into its mapper, and one translator over the ConceptMaps: what the pipeline runs.
 */
export interface MappingSet {
  readonly specs: ReadonlyMap<string, LoadedSpec>;
  readonly conceptMaps: ReadonlyMap<string, ConceptMap>;
  readonly mappers: ReadonlyMap<string, Mapper>;
  readonly translate: TranslateFn;
}

interface JsonFile {
  readonly file: string;
  readonly json: unknown;
}

/**
 * Reads every ConceptMap (`<dir>/conceptmaps/*.json`) and every spec (the other `*.json` files
 * under each dir) and checks them all. Any problem — unreadable JSON, a bad ConceptMap, a
 * duplicate id or URL, an unknown transform, a bad path, a missing ConceptMap, a target written
 * twice, a non-invertible rule in a bidirectional spec — stops the load: one Error lists every
 * problem, each naming its file and rule.
 */
export function loadMappings(...dirs: string[]): MappingSet {
  const problems: string[] = [];
  const files = (dirs.length > 0 ? dirs : [MAPPINGS_DIR]).flatMap((d) => listJson(d));
  const parsed = files.flatMap((file) => readJson(file, problems));
  const isMap = (f: JsonFile) => f.file.split(path.sep).includes('conceptmaps');
  const conceptMaps = collectConceptMaps(parsed.filter(isMap), problems);
  const specs = new Map<string, LoadedSpec>();
  for (const { file, json } of parsed.filter((f) => !isMap(f))) {
    const checked = checkSpec(json, {
      transforms: TRANSFORMS,
      conceptMaps: new Set(conceptMaps.keys()),
    });
    if (Array.isArray(checked)) {
      problems.push(...checked.map((p) => `${file}: ${p}`));
      continue;
    }
    const first = specs.get(checked.spec.id);
    if (first !== undefined) {
      problems.push(`${file}: spec id "${checked.spec.id}" is already used by ${first.file}`);
    }
    specs.set(checked.spec.id, { ...checked, file });
  }
  if (problems.length > 0) {
    throw new Error(`mappings: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  }
  const translate = createTranslator(conceptMaps);
  const mappers = new Map([...specs].map(([id, checked]) => [id, mapperOf(checked, translate)]));
  return { specs, conceptMaps, mappers, translate };
}

function collectConceptMaps(
  files: readonly JsonFile[],
  problems: string[],
): Map<string, ConceptMap> {
  const maps = new Map<string, ConceptMap>();
  const fileOf = new Map<string, string>();
  for (const { file, json } of files) {
    const found = checkConceptMap(json);
    if (found.length > 0) {
      problems.push(...found.map((p) => `${file}: ${p}`));
      continue;
    }
    const map = json as ConceptMap;
    const url = map.url ?? '';
    const first = fileOf.get(url);
    if (first !== undefined) {
      problems.push(`${file}: ConceptMap ${url} is already defined by ${first}`);
    }
    maps.set(url, map);
    fileOf.set(url, first ?? file);
  }
  return maps;
}

function listJson(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function readJson(file: string, problems: string[]): JsonFile[] {
  try {
    return [{ file, json: JSON.parse(readFileSync(file, 'utf8')) as unknown }];
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message}`);
    return [];
  }
}
