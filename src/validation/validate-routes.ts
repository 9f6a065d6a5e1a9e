import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OperationOutcome } from 'fhir/r4.js';
import { BrokerError } from '../errors/broker-error.ts';
import { answerFormatOf, parseFhirBody, renderFhir } from '../formats/fhir/fhir-format.ts';
import type { FhirModel } from '../formats/fhir/xml/fhir-model.ts';
import type { Validator } from './create-validator.ts';
import { readValidateInput, type ValidateInput } from './read-validate-input.ts';
import { pickLanguage, toOperationOutcome } from './to-operation-outcome.ts';
import type { ValidationIssue } from './validation-issue.ts';

/**
 * `POST /fhir/$validate` and `POST /fhir/{type}/$validate[?profile=URL&mode=…]` (FHIR R4
 * `$validate`): the body (JSON or XML) is the resource, or a `Parameters` with `resource`,
 * `profile` and `mode` (`read-validate-input.ts`), checked against base R4 or the profile. The
 * operation's only out parameter is `return`, an OperationOutcome, so it is answered directly
 * (not wrapped in Parameters), listing every issue (200 even when the resource is invalid),
 * in the caller's language (`Accept-Language`) and format (`Accept`, `_format`). Any registered
 * participant may use it: nothing is forwarded and nothing is logged as a message.
 */
export function registerValidateRoutes(
  app: FastifyInstance,
  validator: Validator,
  model: FhirModel,
): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    if (request.identity.participant === undefined) {
      throw new BrokerError(request.identity.error);
    }
    const query = request.query as { profile?: string; mode?: string; _format?: string };
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const parsed = parseFhirBody(body, request.headers['content-type'], model);
    const type = (request.params as { type?: string }).type;
    const issues = validateInput(readValidateInput(parsed, query), type, validator);
    const outcome: OperationOutcome = toOperationOutcome(
      issues,
      pickLanguage(request.headers['accept-language']),
    );
    const { contentType, body: out } = renderFhir(
      outcome,
      answerFormatOf(request.headers.accept, query._format),
      model,
    );
    return reply.type(contentType).send(out);
  };
  app.post('/fhir/$validate', handler);
  app.post('/fhir/:type/$validate', handler);
}

function validateInput(
  input: ValidateInput,
  type: string | undefined,
  validator: Validator,
): ValidationIssue[] {
  const { resource, profile, issues } = input;
  if (resource === undefined || issues.length > 0) {
    return issues;
  }
  const found = validator.validate(resource, profile === undefined ? {} : { profiles: [profile] });
  return type !== undefined && resource.resourceType !== type
    ? [wrongType(type, resource.resourceType), ...found]
    : found;
}

function wrongType(expected: string, got: string): ValidationIssue {
  return {
    severity: 'error',
    code: 'structure',
    expression: 'resourceType',
    rule: 'type',
    message: {
      es: `Se esperaba ${expected}, se recibió ${got}.`,
      en: `Expected ${expected}, got ${got}.`,
    },
  };
}
