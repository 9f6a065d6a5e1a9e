import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentReference } from 'fhir/r4.js';
import { BrokerError, brokerError } from '../../errors/broker-error.ts';
import { toErrorIssue } from '../../eligibility/validate-messages.ts';
import { FHIR_XML, parseFhirBody } from '../../formats/fhir/fhir-format.ts';
import { FHIR_JSON } from '../../formats/fhir/identifier-systems.ts';
import type { Exchange } from '../../pipeline/exchange.ts';
import { logInbound } from '../../pipeline/log-inbound.ts';
import { requireContentType } from '../../pipeline/require-content-type.ts';
import { requireParticipant } from '../../pipeline/require-participant.ts';
import { sendLogged } from '../../pipeline/send-logged.ts';
import { runSteps, type Step } from '../../pipeline/step.ts';
import { verifyInbound } from '../../pipeline/verify-inbound.ts';
import { hasErrors } from '../../validation/validation-issue.ts';
import { HTA, summarizeReport } from '../hta-report.ts';
import type { HtaContext } from '../hta-context.ts';
import { insertBinary, publishReport, readCurrent } from '../store/report-store.ts';
import { fhirBase } from './read-routes.ts';

/** Largest report file accepted (PDF), in bytes. */
export const MAX_PDF_BYTES = 16 * 1_048_576;

/**
 * What every write goes through, in order: raw bytes to the tamper-evident log, a RENETSA
 * member's certificate (an anonymous or other caller is refused), and that member's detached
 * JWS over the exact bytes (the broker's rules: key, `aud` = broker, `iat`, `jti` unseen).
 */
export function memberWriteSteps(ctx: HtaContext): Step[] {
  return [logInbound(ctx.log), requireParticipant('renetsa'), verifyInbound(ctx.signatures)];
}

function exchangeOf(request: FastifyRequest): Exchange {
  const x = request.exchange as Exchange;
  x.raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  return x;
}

function memberCode(x: Exchange): string {
  return x.identity.participant?.code ?? 'unknown';
}

async function answer(
  ctx: HtaContext,
  x: Exchange,
  reply: FastifyReply,
  status: number,
  body: object,
) {
  return sendLogged(ctx.responder, x, reply, {
    status,
    contentType: FHIR_JSON,
    body: Buffer.from(JSON.stringify(body)),
  });
}

/** `POST /hta/fhir/Binary` (a PDF) and `POST /hta/fhir/DocumentReference` (a report or a new version). */
export function registerPublishRoutes(app: FastifyInstance, ctx: HtaContext): void {
  app.post(
    '/hta/fhir/Binary',
    { config: { messageRoute: 'hta.binary.create' }, bodyLimit: MAX_PDF_BYTES },
    async (request, reply) => {
      const x = exchangeOf(request);
      await runSteps([...memberWriteSteps(ctx), requireContentType('application/pdf')], x);
      if (!x.raw.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
        throw brokerError('BRK_HTA_BAD_FILE', 'the body does not start with %PDF-');
      }
      const id = randomUUID();
      await insertBinary(
        ctx.store,
        { id, contentType: 'application/pdf', bytes: x.raw },
        memberCode(x),
      );
      x.verdicts.publication = { result: 'stored', detail: `Binary/${id}` };
      void reply.header('location', `${fhirBase(request)}/Binary/${id}`);
      return answer(ctx, x, reply, 201, {
        resourceType: 'Binary',
        id,
        contentType: 'application/pdf',
      });
    },
  );
  app.post(
    '/hta/fhir/DocumentReference',
    { config: { messageRoute: 'hta.report.publish' } },
    async (request, reply) => {
      const x = exchangeOf(request);
      await runSteps([...memberWriteSteps(ctx), requireContentType(FHIR_JSON, FHIR_XML)], x);
      const doc = await checkReport(ctx, x);
      const stored = await publishReport(ctx.store, doc, memberCode(x));
      const s = summarizeReport(stored);
      x.verdicts.publication = {
        result: s.replaces === undefined ? 'published' : 'new-version',
        detail: `DocumentReference/${s.id}${s.replaces === undefined ? '' : ` replaces DocumentReference/${s.replaces}`}`,
      };
      void reply.header('location', `${fhirBase(request)}/DocumentReference/${s.id}/_history/1`);
      return answer(ctx, x, reply, 201, stored);
    },
  );
}

/**
 * The report against `HtaReportPe` (every issue, 422), published by its own institution only
 * (custodian = the member's code), and a new version only of that institution's report.
 * Returns it with a server-assigned id.
 */
async function checkReport(
  ctx: HtaContext,
  x: Exchange,
): Promise<DocumentReference & { id: string }> {
  const resource = parseFhirBody(x.raw, x.contentType, ctx.fhirModel);
  const issues = ctx.validator.prepare([HTA.profile])(resource);
  x.verdicts.validation = { result: hasErrors(issues) ? 'invalid' : 'valid', detail: HTA.profile };
  if (resource.resourceType !== 'DocumentReference' || hasErrors(issues)) {
    throw new BrokerError('BRK_VALIDATION_FAILED', issues.map(toErrorIssue));
  }
  const doc = resource as DocumentReference;
  const member = memberCode(x);
  const custodian = doc.custodian?.identifier;
  if (custodian?.system !== HTA.institutionSystem || custodian.value !== member) {
    throw brokerError(
      'BRK_AUTH_ROLE_FORBIDDEN',
      `custodian must be ${HTA.institutionSystem}|${member}: a member publishes only its own reports`,
      'DocumentReference.custodian.identifier',
    );
  }
  const replaces = summarizeReport(doc).replaces;
  const previous = replaces === undefined ? undefined : await readCurrent(ctx.store, replaces);
  if (previous !== undefined && previous.custodian?.identifier?.value !== member) {
    throw brokerError(
      'BRK_AUTH_ROLE_FORBIDDEN',
      `DocumentReference/${replaces} belongs to ${previous.custodian?.identifier?.value ?? '?'}`,
      'DocumentReference.relatesTo[0].target',
    );
  }
  return { ...doc, id: randomUUID() };
}
