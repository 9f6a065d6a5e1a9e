import { parseFhirJson } from '../formats/fhir/parse-fhir-json.ts';
import { readEligibilityRequest } from '../formats/fhir/read-eligibility-request.ts';
import type { Step } from '../pipeline/step.ts';

/** Parses the FHIR JSON body and reads the eligibility query (patient, insurer, provider) from it. */
export const parseEligibility: Step = (x) => {
  const resource = parseFhirJson(x.raw);
  x.resource = resource;
  x.query = readEligibilityRequest(resource);
};
