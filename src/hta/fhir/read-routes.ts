import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CapabilityStatement, Resource } from 'fhir/r4.js';
import { brokerError } from '../../errors/broker-error.ts';
import { answerFormatOf, renderFhir } from '../../formats/fhir/fhir-format.ts';
import type { FhirModel } from '../../formats/fhir/xml/fhir-model.ts';
import type { SqlClient } from '../../store/open-store.ts';
import { readBinary, readCurrent, readHistory, readVersion } from '../store/report-store.ts';
import { searchReports } from '../store/search-reports.ts';
import { historyBundle, searchBundle } from './search-bundle.ts';
import { parseSearch } from './search-params.ts';

type Query = Record<string, string | string[] | undefined>;

/** The FHIR base of this request (`https://<host>/hta/fhir`); an odd Host header is not echoed. */
export function fhirBase(request: FastifyRequest): string {
  const host = request.headers.host ?? '';
  return `https://${/^[A-Za-z0-9.\-:[\]]{1,255}$/.test(host) ? host : 'localhost'}/hta/fhir`;
}

function send(request: FastifyRequest, reply: FastifyReply, resource: Resource, model: FhirModel) {
  const query = request.query as { _format?: string };
  const format = answerFormatOf(request.headers.accept, query._format);
  const { contentType, body } = renderFhir(resource, format, model);
  return reply.type(contentType).send(body);
}

function notFound(what: string): never {
  throw brokerError('BRK_HTA_NOT_FOUND', `no ${what}`);
}

/**
 * Public reads, no certificate needed: a report (latest FHIR version), its `_history` and one
 * version, search with paging, and the PDF (`Binary`: raw bytes, or FHIR JSON when asked for).
 */
export function registerReadRoutes(
  app: FastifyInstance,
  sql: SqlClient,
  model: FhirModel,
  capabilityStatement: CapabilityStatement,
): void {
  app.get('/hta/fhir/metadata', (request, reply) =>
    send(request, reply, capabilityStatement, model),
  );
  app.get('/hta/fhir/DocumentReference', async (request, reply) => {
    const raw = request.query as Query;
    const query = parseSearch(raw);
    const result = await searchReports(sql, query);
    const params = new URLSearchParams(request.url.split('?')[1] ?? '');
    params.delete('_offset');
    params.delete('_count');
    return send(request, reply, searchBundle(fhirBase(request), params, query, result), model);
  });
  app.get<{ Params: { id: string } }>('/hta/fhir/DocumentReference/:id', async (request, reply) => {
    const doc = await readCurrent(sql, request.params.id);
    return send(request, reply, doc ?? notFound(`DocumentReference/${request.params.id}`), model);
  });
  app.get<{ Params: { id: string } }>(
    '/hta/fhir/DocumentReference/:id/_history',
    async (request, reply) => {
      const versions = await readHistory(sql, request.params.id);
      if (versions.length === 0) {
        notFound(`DocumentReference/${request.params.id}`);
      }
      return send(request, reply, historyBundle(fhirBase(request), versions), model);
    },
  );
  app.get<{ Params: { id: string; vid: string } }>(
    '/hta/fhir/DocumentReference/:id/_history/:vid',
    async (request, reply) => {
      const { id, vid } = request.params;
      const doc = /^\d{1,6}$/.test(vid) ? await readVersion(sql, id, Number(vid)) : undefined;
      return send(
        request,
        reply,
        doc ?? notFound(`DocumentReference/${id}/_history/${vid}`),
        model,
      );
    },
  );
  registerBinaryRead(app, sql, model);
}

/** The PDF as bytes (a download), or as a FHIR `Binary` when FHIR is asked for. */
function registerBinaryRead(app: FastifyInstance, sql: SqlClient, model: FhirModel): void {
  app.get<{ Params: { id: string } }>('/hta/fhir/Binary/:id', async (request, reply) => {
    const binary =
      (await readBinary(sql, request.params.id)) ?? notFound(`Binary/${request.params.id}`);
    const accept = request.headers.accept ?? '';
    if (/fhir\+(json|xml)/.test(accept) || (request.query as Query)._format !== undefined) {
      const resource = {
        resourceType: 'Binary' as const,
        id: binary.id,
        contentType: binary.contentType,
        data: binary.bytes.toString('base64'),
      };
      return send(request, reply, resource, model);
    }
    return reply
      .type(binary.contentType)
      .header('content-disposition', `attachment; filename="${binary.id}.pdf"`)
      .send(binary.bytes);
  });
}
