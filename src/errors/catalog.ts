/**
 * The one catalog of broker errors. Each stable code maps, once, to its HTTP status, FHIR
 * `OperationOutcome.issue.code` (http://hl7.org/fhir/issue-type), HL7 v2 `MSA-1`
 * acknowledgment code, SITEDS `coError`, and texts in Spanish and English.
 * The README's error table is checked against this file by `tests/unit/error-catalog.test.ts`.
 */
export interface ErrorSpec {
  readonly status: number;
  readonly issueType: string;
  readonly ack: 'AE' | 'AR';
  readonly coError: string;
  readonly es: string;
  readonly en: string;
}

export const ERROR_CATALOG = {
  BRK_REQUEST_MALFORMED: {
    status: 400,
    issueType: 'structure',
    ack: 'AR',
    coError: '0010',
    es: 'El cuerpo del mensaje no es JSON válido.',
    en: 'The message body is not well-formed JSON.',
  },
  BRK_REQUEST_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    issueType: 'not-supported',
    ack: 'AR',
    coError: '0010',
    es: 'Tipo de contenido no admitido en esta ruta.',
    en: 'Content type not supported on this route.',
  },
  BRK_REQUEST_TOO_LARGE: {
    status: 413,
    issueType: 'too-long',
    ack: 'AR',
    coError: '0010',
    es: 'El mensaje excede el tamaño máximo permitido.',
    en: 'The message exceeds the maximum size allowed.',
  },
  BRK_REQUEST_INVALID: {
    status: 422,
    issueType: 'invalid',
    ack: 'AE',
    coError: '0020',
    es: 'La solicitud de elegibilidad está incompleta o es inválida.',
    en: 'The eligibility request is incomplete or invalid.',
  },
  BRK_VALIDATION_FAILED: {
    status: 422,
    issueType: 'invalid',
    ack: 'AE',
    coError: '0020',
    es: 'El mensaje no cumple los perfiles publicados; cada problema se indica con su ubicación.',
    en: 'The message does not conform to the published profiles; each problem is listed with its location.',
  },
  BRK_ROUTE_UNKNOWN_INSURER: {
    status: 422,
    issueType: 'not-found',
    ack: 'AE',
    coError: '0020',
    es: 'La IAFAS indicada no está registrada en el bróker.',
    en: 'The insurer (IAFAS) named is not registered with the broker.',
  },
  BRK_ROUTE_INSURER_SUSPENDED: {
    status: 503,
    issueType: 'transient',
    ack: 'AR',
    coError: '0020',
    es: 'La IAFAS indicada está suspendida.',
    en: 'The insurer (IAFAS) named is suspended.',
  },
  BRK_AUTH_UNKNOWN_CERTIFICATE: {
    status: 403,
    issueType: 'security',
    ack: 'AR',
    coError: '0020',
    es: 'El certificado de cliente no corresponde a ningún participante registrado.',
    en: 'The client certificate does not belong to any registered participant.',
  },
  BRK_AUTH_PARTICIPANT_SUSPENDED: {
    status: 403,
    issueType: 'suspended',
    ack: 'AR',
    coError: '0020',
    es: 'El participante está suspendido.',
    en: 'The participant is suspended.',
  },
  BRK_AUTH_ROLE_FORBIDDEN: {
    status: 403,
    issueType: 'forbidden',
    ack: 'AR',
    coError: '0020',
    es: 'El participante no tiene permiso para esta operación.',
    en: 'The participant is not allowed to perform this operation.',
  },
  BRK_AUTH_PROVIDER_MISMATCH: {
    status: 403,
    issueType: 'forbidden',
    ack: 'AR',
    coError: '0020',
    es: 'Una IPRESS solo puede consultar en nombre propio.',
    en: 'An IPRESS may only ask on its own behalf.',
  },
  BRK_INSURER_UNREACHABLE: {
    status: 504,
    issueType: 'transient',
    ack: 'AE',
    coError: '0020',
    es: 'No se pudo contactar a la IAFAS.',
    en: 'The insurer (IAFAS) could not be reached.',
  },
  BRK_INSURER_TIMEOUT: {
    status: 504,
    issueType: 'timeout',
    ack: 'AE',
    coError: '0020',
    es: 'La IAFAS no respondió dentro del plazo.',
    en: 'The insurer (IAFAS) did not answer within its deadline.',
  },
  BRK_INSURER_BAD_ANSWER: {
    status: 502,
    issueType: 'exception',
    ack: 'AE',
    coError: '0020',
    es: 'La respuesta de la IAFAS no es utilizable.',
    en: 'The insurer (IAFAS) answer is not usable.',
  },
  BRK_SIG_MISSING: {
    status: 401,
    issueType: 'security',
    ack: 'AR',
    coError: '0020',
    es: 'Falta la firma JWS del mensaje (cabecera x-jws-signature).',
    en: 'The message carries no JWS signature (x-jws-signature header).',
  },
  BRK_SIG_MALFORMED: {
    status: 401,
    issueType: 'security',
    ack: 'AR',
    coError: '0020',
    es: 'La firma JWS no tiene el formato requerido.',
    en: 'The JWS signature is not in the required form.',
  },
  BRK_SIG_ALG_REFUSED: {
    status: 401,
    issueType: 'security',
    ack: 'AR',
    coError: '0020',
    es: 'El algoritmo de firma no está permitido.',
    en: 'The signature algorithm is not allowed.',
  },
  BRK_SIG_KEY_UNKNOWN: {
    status: 401,
    issueType: 'security',
    ack: 'AR',
    coError: '0020',
    es: 'La clave de firma (kid) no está registrada.',
    en: 'The signing key (kid) is not registered.',
  },
  BRK_SIG_KEY_FOREIGN: {
    status: 401,
    issueType: 'security',
    ack: 'AR',
    coError: '0020',
    es: 'La clave de firma pertenece a otro participante.',
    en: 'The signing key belongs to another participant.',
  },
  BRK_SIG_KEY_REVOKED: {
    status: 401,
    issueType: 'security',
    ack: 'AR',
    coError: '0020',
    es: 'La clave de firma está revocada o fuera de su vigencia.',
    en: 'The signing key is revoked or outside its validity period.',
  },
  BRK_SIG_INVALID: {
    status: 401,
    issueType: 'security',
    ack: 'AR',
    coError: '0020',
    es: 'La firma no corresponde al contenido del mensaje.',
    en: 'The signature does not verify over the message bytes.',
  },
  BRK_SIG_WRONG_SENDER: {
    status: 401,
    issueType: 'security',
    ack: 'AR',
    coError: '0020',
    es: 'El emisor firmado (sub) no es el participante de la conexión.',
    en: 'The signed sender (sub) is not the participant of the connection.',
  },
  BRK_SIG_WRONG_AUDIENCE: {
    status: 401,
    issueType: 'security',
    ack: 'AR',
    coError: '0020',
    es: 'El destinatario firmado (aud) no es el bróker.',
    en: 'The signed audience (aud) is not the broker.',
  },
  BRK_SIG_STALE: {
    status: 401,
    issueType: 'security',
    ack: 'AR',
    coError: '0020',
    es: 'La hora de firma (iat) está fuera de la ventana permitida.',
    en: 'The signing time (iat) is outside the allowed window.',
  },
  BRK_SIG_REPLAYED: {
    status: 409,
    issueType: 'duplicate',
    ack: 'AR',
    coError: '0020',
    es: 'El identificador del mensaje (jti) ya fue recibido.',
    en: 'The message id (jti) was already received.',
  },
  BRK_INSURER_SIGNATURE_INVALID: {
    status: 502,
    issueType: 'security',
    ack: 'AE',
    coError: '0020',
    es: 'La firma de la respuesta de la IAFAS no es válida.',
    en: 'The insurer (IAFAS) answer signature is not valid.',
  },
  BRK_HL7_PARSE: {
    status: 400,
    issueType: 'structure',
    ack: 'AR',
    coError: '0010',
    es: 'El mensaje no es HL7 v2 (ER7) legible: MSH o delimitadores inválidos.',
    en: 'The message is not readable HL7 v2 (ER7): bad MSH or delimiters.',
  },
  BRK_HL7_UNSUPPORTED: {
    status: 422,
    issueType: 'not-supported',
    ack: 'AR',
    coError: '0010',
    es: 'Tipo de mensaje, evento, versión o ID de procesamiento HL7 v2 no admitido.',
    en: 'HL7 v2 message type, event, version or processing ID not supported.',
  },
  BRK_HL7_PROFILE: {
    status: 422,
    issueType: 'invalid',
    ack: 'AE',
    coError: '0020',
    es: 'El mensaje HL7 v2 no cumple su perfil; cada problema se indica en un segmento ERR.',
    en: 'The HL7 v2 message does not conform to its profile; each problem is listed in an ERR segment.',
  },
  BRK_MLLP_FRAME: {
    status: 400,
    issueType: 'structure',
    ack: 'AR',
    coError: '0010',
    es: 'Trama MLLP inválida (bytes fuera de trama o trama sin mensaje HL7).',
    en: 'Invalid MLLP frame (bytes outside a frame, or a frame without an HL7 message).',
  },
  BRK_STORE_UNAVAILABLE: {
    status: 503,
    issueType: 'transient',
    ack: 'AE',
    coError: '0020',
    es: 'El registro de mensajes no está disponible; no se procesó la solicitud.',
    en: 'The message log is unavailable; the request was not processed.',
  },
  BRK_NOT_FOUND: {
    status: 404,
    issueType: 'not-found',
    ack: 'AR',
    coError: '0020',
    es: 'Ruta no encontrada.',
    en: 'Route not found.',
  },
  BRK_INTERNAL: {
    status: 500,
    issueType: 'exception',
    ack: 'AE',
    coError: '0020',
    es: 'Error interno del bróker.',
    en: 'Internal broker error.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export const ERROR_CODES = Object.keys(ERROR_CATALOG) as ErrorCode[];

/** Code system URL under which the catalog's codes appear in `OperationOutcome.issue.details`. */
export const ERROR_CODE_SYSTEM = 'https://siteds-broker.github.io/fhir/CodeSystem/broker-error';
