import { readFileSync } from 'node:fs';

/**
 * The code and name of every participant in a registry file, read without resolving
 * certificates: what `siteds certs init` needs to issue the certificates the registry points to.
 */
export function readRegistrySubjects(file: string): { code: string; name: string }[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { participants?: unknown };
  if (!Array.isArray(doc.participants)) {
    throw new Error(`${file}: participants must be an array`);
  }
  return doc.participants.map((p: { code?: unknown; name?: unknown }, i) => {
    if (typeof p.code !== 'string' || typeof p.name !== 'string') {
      throw new Error(`${file}: participants[${i}] needs code and name`);
    }
    return { code: p.code, name: p.name };
  });
}
