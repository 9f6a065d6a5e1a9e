import { parseFhirBody } from '../formats/fhir/fhir-format.ts';
import { readEligibilityRequest } from '../formats/fhir/read-eligibility-request.ts';
import type { FhirModel } from '../formats/fhir/xml/fhir-model.ts';
import type { Step } from '../pipeline/step.ts';

/**
 * Parses the FHIR body (JSON, or XML by the definitions) and reads the eligibility query
 * (patient, insurer, provider) from it.
 */
export function parseEligibility(model: FhirModel): Step {
  return (x) => {
    const resource = parseFhirBody(x.raw, x.contentType, model);
    x.resource = resource;
    x.query = readEligibilityRequest(resource);
  };
}
