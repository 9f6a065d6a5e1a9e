import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readSitedsX12 } from '../../../src/formats/siteds/read-siteds-x12.ts';
import type {
  SitedsModels,
  SitedsTransactionName,
} from '../../../src/formats/siteds/transactions.ts';

export const VECTOR_DIR = path.join(import.meta.dirname, '../../../conformance/vectors/siteds');

/** Unpadded golden vectors: `270_CON_ASE.CC`, `271_CON_COD`, … (file name without `.x12`). */
export const VECTORS = readdirSync(VECTOR_DIR)
  .filter((f) => f.endsWith('.x12') && !f.endsWith('.padded.x12'))
  .map((f) => f.slice(0, -'.x12'.length))
  .sort();

/** Vectors that fill every field of their layout (the 270 sub-type variants are minimal). */
export const FULL_VECTORS = VECTORS.filter((v) => !v.startsWith('270_') || v === '270_CON_ASE.CC');

export function vectorText(vector: string, padded = false): string {
  return readFileSync(path.join(VECTOR_DIR, `${vector}${padded ? '.padded' : ''}.x12`), 'utf8');
}

export function transactionOf(vector: string): SitedsTransactionName {
  return vector.split('.')[0] as SitedsTransactionName;
}

/** Reads a vector, failing the test on any problem. */
export function readVector<N extends SitedsTransactionName>(
  vector: string,
  padded = false,
): SitedsModels[N] {
  const result = readSitedsX12<N>(transactionOf(vector), vectorText(vector, padded));
  if (!result.ok) {
    throw new Error(`${vector}: ${JSON.stringify(result.issues)}`);
  }
  return result.model;
}
