import { brokerError } from '../errors/broker-error.ts';
import type { Step } from './step.ts';

/** Accepts only the listed media types (parameters such as `charset` are ignored). */
export function requireContentType(...accepted: string[]): Step {
  return (x) => {
    const mediaType = x.contentType?.split(';')[0]?.trim().toLowerCase();
    if (mediaType === undefined || !accepted.includes(mediaType)) {
      throw brokerError(
        'BRK_REQUEST_UNSUPPORTED_MEDIA_TYPE',
        `got ${mediaType ?? 'no content type'}; accepted: ${accepted.join(', ')}`,
      );
    }
  };
}
