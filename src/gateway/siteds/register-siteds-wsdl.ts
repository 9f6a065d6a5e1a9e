import type { FastifyInstance } from 'fastify';
import { BrokerError } from '../../errors/broker-error.ts';
import { serveSitedsWsdl, type SitedsWsdl } from '../../formats/siteds/soap/load-wsdl.ts';

/** SOAP 1.1 travels as `text/xml`; some clients send `application/xml`. */
export const SOAP_MEDIA_TYPES = ['text/xml', 'application/xml'] as const;

/**
 * `GET /siteds/ServicePasarela?wsdl`: the service description, its `soap:address` pointing at
 * this broker as the caller reached it (mutual TLS like every route).
 */
export function registerSitedsWsdl(app: FastifyInstance, wsdl: SitedsWsdl): void {
  app.get('/siteds/ServicePasarela', async (request, reply) => {
    if (!Object.hasOwn(request.query as object, 'wsdl')) {
      throw new BrokerError('BRK_NOT_FOUND');
    }
    const host = request.headers.host ?? 'localhost';
    const text = serveSitedsWsdl(wsdl, `https://${host}/siteds/ServicePasarela`);
    return reply.type('text/xml; charset=utf-8').send(text);
  });
}
