import {
  Hl7ProfileError,
  segmentsOf,
  type Hl7Profiles,
  type MessageProfile,
} from './profile-types.ts';

const USAGES = new Set(['R', 'O', 'C', 'B', 'W', 'X']);

/** A JSON object read from a profile file, before it is known to have the declared shape. */
type Loose = Readonly<Record<string, unknown>>;

/** Cross-checks the loaded files; throws for the first file that has problems, listing all of them. */
export function checkProfileShapes(
  p: Hl7Profiles,
  files: { segmentsFile: string; typesFile: string; tablesFile: string },
): void {
  const known = (t: unknown): boolean =>
    typeof t === 'string' && (p.primitives.has(t) || p.composites.has(t));
  fail(files.typesFile, typeProblems(p, known));
  fail(files.tablesFile, tableProblems(p));
  fail(files.segmentsFile, segmentProblems(p, known));
  for (const m of p.messages) {
    fail(m.file, messageProblems(p, m));
  }
}

function fail(file: string, problems: readonly string[]): void {
  if (problems.length > 0) {
    throw new Hl7ProfileError(file, problems);
  }
}

function typeProblems(p: Hl7Profiles, known: (t: unknown) => boolean): string[] {
  if (p.primitives.size === 0 || p.composites.size === 0) {
    return ['needs primitives and composites'];
  }
  return [...p.composites].flatMap(([type, comps]) => {
    const list: unknown = comps;
    if (!Array.isArray(list)) {
      return [`${type}: components must be an array`];
    }
    return (list as Loose[]).flatMap((c, i) =>
      known(c.type) ? [] : [`${type}.${i + 1}: unknown data type ${JSON.stringify(c.type)}`],
    );
  });
}

function tableProblems(p: Hl7Profiles): string[] {
  return [...p.tables].flatMap(([id, t]) => {
    const values: unknown = (t as unknown as Loose).values;
    return typeof values === 'object' && values !== null ? [] : [`table ${id} has no values`];
  });
}

function segmentProblems(p: Hl7Profiles, known: (t: unknown) => boolean): string[] {
  if (p.segments.size === 0) {
    return ['no segments'];
  }
  return [...p.segments].flatMap(([id, seg]) => {
    const fields: unknown = seg.fields;
    return Array.isArray(fields)
      ? (fields as Loose[]).flatMap((f, i) => fieldProblems(`${id}-${i + 1}`, f, i + 1, known))
      : [`${id}: fields must be an array`];
  });
}

function fieldProblems(
  at: string,
  f: Loose,
  seq: number,
  known: (t: unknown) => boolean,
): string[] {
  const out: string[] = [];
  if (f.seq !== seq) {
    out.push(`${at}: seq is ${JSON.stringify(f.seq)}, fields must be listed in order from 1`);
  }
  if (!known(f.type)) {
    out.push(`${at}: unknown data type ${JSON.stringify(f.type)}`);
  }
  if (typeof f.usage !== 'string' || !USAGES.has(f.usage)) {
    out.push(`${at}: usage must be one of R, O, C, B, W, X`);
  }
  if (!isMax(f.max, 1)) {
    out.push(`${at}: max must be a positive integer or "*"`);
  }
  return out;
}

function isMax(max: unknown, min: number): boolean {
  return (
    max === '*' || (typeof max === 'number' && Number.isInteger(max) && max >= Math.max(1, min))
  );
}

function messageProblems(p: Hl7Profiles, m: MessageProfile): string[] {
  const loose = m as unknown as Loose;
  const out = ['messageType', 'event', 'structure', 'version']
    .filter((key) => typeof loose[key] !== 'string' || loose[key] === '')
    .map((key) => `${key} is required`);
  if (loose.version !== p.version) {
    out.push(
      `version ${JSON.stringify(loose.version)} is not the loaded definitions' ${p.version}`,
    );
  }
  const segments: unknown = loose.segments;
  if (!Array.isArray(segments) || (segments[0] as Loose | undefined)?.segment !== 'MSH') {
    return [...out, 'segments must be an array starting with MSH'];
  }
  out.push(...structureProblems(segments as Loose[], 'segments'));
  if (out.length > 0) {
    return out;
  }
  return segmentsOf(m.segments)
    .filter((id) => !p.segments.has(id))
    .map((id) => `segment ${id} has no definition in segments-${p.version}.json`);
}

function structureProblems(items: readonly Loose[], at: string): string[] {
  return items.flatMap((item, i) => {
    const here = `${at}[${i}]`;
    const min = item.min;
    const okMin = typeof min === 'number' && Number.isInteger(min) && min >= 0;
    const own =
      okMin && isMax(item.max, min)
        ? []
        : [`${here}: min/max must satisfy 0 ≤ min ≤ max, max ≥ 1 or "*"`];
    const named = typeof item.segment === 'string' || typeof item.group === 'string';
    if (!named) {
      own.push(`${here}: needs "segment" or "group"`);
    }
    const children: unknown = item.items;
    if (typeof item.group === 'string' && !Array.isArray(children)) {
      own.push(`${here}: a group needs items`);
    }
    return Array.isArray(children)
      ? [...own, ...structureProblems(children as Loose[], `${here}.items`)]
      : own;
  });
}
