import type { FhirModel } from '../formats/fhir/xml/fhir-model.ts';
import type { SignatureContext } from '../jose/signature-context.ts';
import type { MessageLog } from '../log/message-log.ts';
import type { Responder } from '../pipeline/send-logged.ts';
import type { Store } from '../store/open-store.ts';
import type { Validator } from '../validation/create-validator.ts';
import type { RateLimiter } from './comments/rate-limiter.ts';

/** What the HTA routes share, built once by `buildHtaApp`. */
export interface HtaContext {
  readonly store: Store;
  readonly log: MessageLog;
  readonly signatures: SignatureContext;
  readonly validator: Validator;
  readonly fhirModel: FhirModel;
  /** Countersigns, logs and sends answers on write routes (the broker's `sendLogged`). */
  readonly responder: Responder;
  readonly commentLimiter: RateLimiter;
  /** Show the "fictional data" notice on every page. */
  readonly demo: boolean;
}
