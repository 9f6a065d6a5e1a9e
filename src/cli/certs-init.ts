import type { Config } from '../config/config.ts';
import { createDevPki, type DevPkiResult } from '../pki/create-dev-pki.ts';
import { readRegistrySubjects } from '../registry/read-registry-subjects.ts';

/**
 * `siteds certs init [--force]`: a CA and one certificate per registry participant (broker,
 * IPRESS, IAFAS, auditor, admin) in `certs/dev/`. Existing material is kept unless `--force`.
 */
export async function initDevCertificates(config: Config, force: boolean): Promise<DevPkiResult> {
  const subjects = readRegistrySubjects(config.registryFile);
  return createDevPki(config.certsDir, subjects, force);
}
