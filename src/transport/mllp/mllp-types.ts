import type { BrokerError } from '../../errors/broker-error.ts';
import type { TLSSocket, TlsOptions } from 'node:tls';
import type { Hl7Message } from '../../formats/hl7v2/message.ts';
import type { Participant } from '../../registry/participant.ts';
import type { Identity } from '../identify-participant.ts';

/** Limits of the MLLP listener. */
export interface MllpLimits {
  /** Largest frame content in bytes; larger frames are answered AR and skipped. */
  readonly maxFrameBytes: number;
  /** A connection with no bytes and no work in progress for this long is closed. */
  readonly idleTimeoutMs: number;
  /** Frames queued on one connection before it stops reading (back-pressure). */
  readonly maxQueuedFrames: number;
  readonly maxConnections: number;
}

export const DEFAULT_MLLP_LIMITS: MllpLimits = {
  maxFrameBytes: 1_048_576,
  idleTimeoutMs: 60_000,
  maxQueuedFrames: 16,
  maxConnections: 256,
};

/** Raw inbound bytes, handed to the log before anything reads them (write-ahead). */
export interface MllpRawBytes {
  readonly connectionId: string;
  /** Position of this frame (or garbage run) on its connection, from 1. */
  readonly sequence: number;
  readonly kind: 'frame' | 'oversized' | 'garbage';
  /** The frame content; for `oversized`, its first bytes; for `garbage`, a sample. */
  readonly bytes: Buffer;
  /** Full size in bytes (larger than `bytes.length` for oversized frames). */
  readonly size: number;
  readonly remoteAddress: string | undefined;
  /** The participant the certificate identified, or the refusal. */
  readonly identity: Identity;
}

/** One well-formed message from an identified, active participant. */
export interface MllpMessage {
  readonly connectionId: string;
  readonly sequence: number;
  readonly participant: Participant;
  /** The exact frame content, as logged (pass it to `verifyZsg`). */
  readonly raw: Buffer;
  /** The frame without a final `ZSG` segment: the bytes its signature covers. */
  readonly payload: Buffer;
  /** The JWS of the final `ZSG` segment, if there is one (not verified here). */
  readonly zsg: string | undefined;
  /** `payload` parsed (so profile checks never see the ZSG). */
  readonly message: Hl7Message;
  /** What `logRaw` returned for this frame (e.g. the log entry id), if anything. */
  readonly logged: unknown;
}

/** An ACK AR/AE the listener itself wrote, with what `logRaw` returned for the refused bytes. */
export interface MllpRefusal {
  readonly logged: unknown;
  readonly identity: Identity;
  readonly error: BrokerError;
  readonly ack: Buffer;
}

/** The subset of a pino logger the listener uses. */
export interface MllpLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MllpServerOptions {
  /** Server TLS settings; client certificates must be required and verified (checked). */
  readonly tls: TlsOptions;
  /** Certificate → participant, the same as for HTTPS (`createIdentifier(registry)`). */
  readonly identify: (socket: TLSSocket) => Identity;
  /** Write-ahead: awaited before the bytes are parsed; a failure answers AE and nothing runs. */
  readonly logRaw: (raw: MllpRawBytes) => Promise<unknown>;
  /** Answers one message (an RPI, or an ACK); a thrown `BrokerError` is answered as its ACK. */
  readonly onMessage: (msg: MllpMessage) => Promise<Hl7Message | Buffer>;
  /**
   * The listener's own refusals (participant refused, frame not HL7 v2, frame too large), after
   * their raw bytes were logged: lets the owner sign and log the ACK before it is sent; returns
   * the bytes to send. Without it the plain ACK is sent.
   */
  readonly finishRefusal?: (refusal: MllpRefusal) => Promise<Buffer>;
  readonly logger: MllpLogger;
  readonly limits?: Partial<MllpLimits>;
  /** MSH-3/MSH-4 of acknowledgments when the sender's MSH could not be read. */
  readonly self?: { readonly application: string; readonly facility: string };
  /** MSH-10 of the broker's acknowledgments (default: a random UUID). */
  readonly newControlId?: () => string;
  readonly now?: () => Date;
}
