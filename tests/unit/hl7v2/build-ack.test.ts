import { describe, expect, it } from 'vitest';
import { BrokerError } from '../../../src/errors/broker-error.ts';
import { buildAck, buildErrorAck } from '../../../src/formats/hl7v2/build-ack.ts';
import { HL7_ERROR_CODES } from '../../../src/formats/hl7v2/error-codes.ts';
import type { Hl7Rejection } from '../../../src/formats/hl7v2/hl7-problem.ts';
import { salvageHeader } from '../../../src/formats/hl7v2/message-header.ts';
import { parseEr7 } from '../../../src/formats/hl7v2/parse-er7.ts';
import { checkHl7Message } from '../../../src/formats/hl7v2/profile/check-hl7-message.ts';
import { loadHl7Profiles } from '../../../src/formats/hl7v2/profile/load-hl7-profiles.ts';
import { hl7Vector } from './vectors.ts';

const profiles = loadHl7Profiles();
const options = { controlId: 'ACK-1', now: new Date('2026-11-27T15:00:00Z') };

function rejectionOf(text: string): Hl7Rejection {
  try {
    checkHl7Message(profiles, parseEr7(text));
  } catch (err) {
    return err as Hl7Rejection;
  }
  throw new Error('expected a rejection');
}

describe('HL7 v2 acknowledgments', () => {
  const rqi = parseEr7(hl7Vector('rqi-i01-two-insurers.er7'));

  it('answers the original: sender and receiver swapped, MSA-2 its control ID, conforming to ACK', () => {
    const ack = buildAck(rqi.header, 'AA', [], options);
    expect(ack.toString()).toBe(
      'MSH|^~\\&|SITEDS|BROKER|HIS|00009845|20261127150000+0000||ACK^I01^ACK|ACK-1|P|2.5.1||||||UNICODE UTF-8\r' +
        'MSA|AA|MSG0001\r',
    );
    expect(checkHl7Message(profiles, parseEr7(ack.toString())).structure).toBe('ACK');
  });

  it('AE with one ERR per profile problem: ERL location, 0357 code, severity, Spanish user message', () => {
    const text = rqi
      .toString()
      .replace('|19850312|F', '|19851345|Q')
      .replace('PID|1||41000001', 'PID|1||');
    const err = rejectionOf(text);
    const ack = parseEr7(buildErrorAck(rqi.header, err, options).toBuffer());
    expect(ack.segment('MSA')?.field(1).value).toBe('AE');
    const errs = ack.segmentsNamed('ERR');
    expect(errs.map((e) => [e.field(2).raw, e.field(3).raw, e.field(4).value])).toEqual([
      ['PID^1^3^1^1', '101^Required field missing^HL70357', 'E'],
      ['PID^1^7^1^1', '102^Data type error^HL70357', 'E'],
      ['PID^1^8^1', '103^Table value not found^HL70357', 'E'],
    ]);
    expect(errs[2]?.field(8).value).toBe(
      'PID-8: el código "Q" no está en la tabla HL7 0001 (Administrative Sex)',
    );
    expect(errs[0]?.field(5).component(1).value).toBe('BRK_HL7_PROFILE');
    expect(errs[1]?.field(7).value).toBe('"19851345" is not a valid DTM value');
    expect(checkHl7Message(profiles, ack).structure).toBe('ACK');
  });

  it('AR for an unsupported message, and for any catalogued refusal (ERR-3 207, ERR-5 the code)', () => {
    const unsupported = rejectionOf(rqi.toString().replace('|2.5.1|', '|2.3|'));
    const ar = buildErrorAck(rqi.header, unsupported, options);
    expect(ar.segment('MSA')?.field(1).value).toBe('AR');
    expect(ar.segment('ERR')?.field(3).component(1).value).toBe('203');
    const refused = buildErrorAck(
      rqi.header,
      new BrokerError('BRK_AUTH_UNKNOWN_CERTIFICATE'),
      options,
    );
    const errSeg = refused.segment('ERR');
    expect([
      refused.segment('MSA')?.field(1).value,
      errSeg?.field(3).value,
      errSeg?.field(5).value,
    ]).toEqual(['AR', '207', 'BRK_AUTH_UNKNOWN_CERTIFICATE']);
    expect(errSeg?.field(8).value).toBe(
      'El certificado de cliente no corresponde a ningún participante registrado.',
    );
  });

  it('can still answer when only the MSH line is readable, or nothing is (MSA-2 empty)', () => {
    const broken = Buffer.from(`${rqi.header.toString()}\rthis is not a segment\r`);
    const msh = salvageHeader(broken);
    expect(msh?.field(10).value).toBe('MSG0001');
    const parse = new BrokerError('BRK_HL7_PARSE', [{ detail: 'segment 2: bad ID' }]);
    expect(buildErrorAck(msh, parse, options).segment('MSA')?.field(2).value).toBe('MSG0001');
    expect(salvageHeader(Buffer.from('garbage'))).toBeUndefined();
    const blind = buildErrorAck(undefined, parse, {
      ...options,
      self: { application: 'SITEDS', facility: 'BROKER' },
    });
    expect(blind.toString()).toContain('MSA|AR|\r');
    expect(blind.header.field(3).value).toBe('SITEDS');
    expect(blind.segment('ERR')?.field(3).value).toBe('102');
  });

  it('uses the table 0357 texts of the loaded profile data in ERR-3', () => {
    expect(HL7_ERROR_CODES).toEqual(profiles.tables.get('0357')?.values);
  });

  it('answers Latin-1 in Latin-1', () => {
    const latin = Buffer.from(
      `${rqi.header.toString().replace('UNICODE UTF-8', '8859/1')}\rPID|1||X||Núñez\r`,
      'latin1',
    );
    const ack = buildAck(parseEr7(latin).header, 'AA', [], options);
    expect(ack.charset).toBe('latin1');
    expect(ack.header.field(18).value).toBe('8859/1');
  });
});
