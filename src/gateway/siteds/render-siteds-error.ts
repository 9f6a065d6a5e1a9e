import type { BrokerError } from '../../errors/broker-error.ts';
import { ANSWER_BY_QUERY_TYPE } from '../../formats/siteds/map/answer-transactions.ts';
import { buildSitedsSoapResponse } from '../../formats/siteds/soap/build-siteds-soap-response.ts';
import { BROKER_FAULT_NS, buildSoapFault } from '../../formats/siteds/soap/build-soap-fault.ts';
import { escapeXmlContent } from '../../formats/siteds/soap/xml-content.ts';
import { responseElementFor } from '../../formats/siteds/soap/soap-operations.ts';
import type { Exchange, RenderedError } from '../../pipeline/exchange.ts';
import { SOAP_CONTENT_TYPE } from './write-siteds-answer.ts';

/**
 * Errors for SITEDS callers, in their own format. Before the SOAP request could be read
 * (refused XML, malformed envelope, unknown certificate, too large) the answer is a SOAP 1.1
 * fault with HTTP 500, as WS-I Basic Profile R1126 requires, carrying the broker code and
 * `coError` in its detail. After it was read, the answer is the operation's normal SOAP answer
 * with `coError` — the SUSALUD code of the first validation problem, or the catalog's — and an
 * empty `txRespuesta`, with HTTP 200 as SITEDS clients expect; the broker code and every issue
 * travel in the fault-style detail of a `brk:error` SOAP header that clients may ignore.
 */
export function renderSitedsError(error: BrokerError, x: Exchange): RenderedError {
  const soap = x.siteds?.soap;
  if (soap === undefined) {
    const detail = error.issues.map((i) => i.detail).join('; ');
    return {
      status: 500,
      contentType: SOAP_CONTENT_TYPE,
      body: Buffer.from(buildSoapFault(error.code, detail)),
    };
  }
  const coError =
    error.code === 'BRK_SITEDS_VALIDATION_FAILED' && x.siteds?.coError !== undefined
      ? x.siteds.coError
      : error.spec.coError;
  const answer = buildSitedsSoapResponse({
    element: responseElementFor(soap.operation),
    coError,
    coIafa: soap.coIafa,
    txNombre: ANSWER_BY_QUERY_TYPE[x.siteds?.model?.queryType ?? ''] ?? soap.txNombre,
    txRespuesta: '',
    header: errorHeader(error, coError),
  });
  return { status: 200, contentType: SOAP_CONTENT_TYPE, body: Buffer.from(answer) };
}

/** The `<brk:error>` SOAP header block: the broker code, the coError and each issue with its place. */
function errorHeader(error: BrokerError, coError: string): string {
  const issues = error.issues.map((i) => {
    const at =
      i.expression === undefined
        ? ''
        : `<brk:location>${escapeXmlContent(i.expression)}</brk:location>`;
    return `<brk:issue>${at}<brk:detail>${escapeXmlContent(i.detail)}</brk:detail></brk:issue>`;
  });
  return [
    `<brk:error xmlns:brk="${BROKER_FAULT_NS}">`,
    `<brk:code>${error.code}</brk:code><brk:coError>${coError}</brk:coError>`,
    `<brk:message xml:lang="es">${escapeXmlContent(error.spec.es)}</brk:message>`,
    ...issues,
    '</brk:error>',
  ].join('');
}
