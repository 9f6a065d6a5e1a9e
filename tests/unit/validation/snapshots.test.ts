import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regenerateProfiles } from '../../../src/validation/generate-snapshots.ts';
import {
  readPackageManifest,
  readProfileFiles,
} from '../../../src/validation/read-profile-files.ts';
import { FHIR_BASE } from '../../../src/formats/fhir/identifier-systems.ts';

describe('profiles/', () => {
  it('has committed snapshots equal to what the generator builds from the differentials', () => {
    const regenerated = regenerateProfiles();
    expect(regenerated.map((r) => r.profile.id)).toEqual([
      'CoverageEligibilityRequestPe',
      'CoverageEligibilityResponsePe',
      'CoveragePe',
      'HtaIndicationPe',
      'HtaRecommendationPe',
      'HtaRecommendationStrengthPe',
      'HtaReportPe',
      'HtaReportReferencePe',
      'HtaReportVersionPe',
      'HtaTechnologyPe',
      'OrganizationIafasPe',
      'OrganizationIpressPe',
      'PatientPe',
      'SitedsQueryTypePe',
    ]);
    for (const { file, profile } of regenerated) {
      const committed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      expect(
        committed,
        `${file} is stale: run npx tsx src/validation/generate-snapshots.ts`,
      ).toEqual(profile);
    }
  });

  it('names every resource under the canonical base, MINSA PE Core style (Pe, CS, VS)', () => {
    const manifest = readPackageManifest();
    expect(manifest).toMatchObject({ canonical: FHIR_BASE, fhirVersions: ['4.0.1'] });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const { file, resource } of readProfileFiles()) {
      const suffix = { StructureDefinition: 'Pe', CodeSystem: 'CS', ValueSet: 'VS' }[
        resource.resourceType
      ];
      expect(resource.url, file).toBe(
        `${FHIR_BASE}/${resource.resourceType}/${String(resource.id)}`,
      );
      expect(resource.id, file).toMatch(new RegExp(`^[A-Z][A-Za-z]+${suffix}$`));
      expect(file.endsWith(`${resource.resourceType}-${String(resource.id)}.json`)).toBe(true);
    }
  });

  it('slices PatientPe identifiers by system: DNI, carné de extranjería, pasaporte', () => {
    const patient = regenerateProfiles().find((r) => r.profile.id === 'PatientPe')?.profile;
    const slices = patient?.snapshot?.element.filter((e) => e.sliceName !== undefined);
    expect(slices?.map((e) => e.sliceName)).toEqual(['dni', 'carneExtranjeria', 'pasaporte']);
    const systems = patient?.snapshot?.element.filter(
      (e) => e.id?.endsWith('.system') && e.fixedUri,
    );
    expect(systems?.map((e) => e.fixedUri)).toEqual([
      `${FHIR_BASE}/NamingSystem/dni`,
      `${FHIR_BASE}/NamingSystem/carne-extranjeria`,
      `${FHIR_BASE}/NamingSystem/pasaporte`,
    ]);
  });
});
