import type { ParticipantKind } from '../../src/registry/participant.ts';

/** Participants of the test registry; certificates for each are generated in global setup. */
export const TEST_PARTICIPANTS: readonly {
  code: string;
  name: string;
  kind: ParticipantKind;
  status: 'active' | 'suspended';
  ruc?: string;
}[] = [
  { code: 'broker', name: 'Test broker', kind: 'broker', status: 'active' },
  {
    code: '00009845',
    name: 'Clínica Test A',
    kind: 'ipress',
    status: 'active',
    ruc: '20999900001',
  },
  { code: '00019049', name: 'Hospital Test B', kind: 'ipress', status: 'active' },
  { code: '00027320', name: 'Policlínico Suspendido', kind: 'ipress', status: 'suspended' },
  { code: '10001', name: 'SIS (test)', kind: 'iafas', status: 'active' },
  { code: '20001', name: 'EPS (test)', kind: 'iafas', status: 'active' },
  { code: '40007', name: 'Aseguradora suspendida (test)', kind: 'iafas', status: 'suspended' },
  { code: '20006', name: 'EPS que habla SITEDS (test)', kind: 'iafas', status: 'active' },
  { code: '20008', name: 'EPS que habla HL7 v2 (test)', kind: 'iafas', status: 'active' },
  { code: 'auditor-test', name: 'Auditor (test)', kind: 'auditor', status: 'active' },
  { code: 'renetsa-test', name: 'RENETSA member (test)', kind: 'renetsa', status: 'active' },
  {
    code: 'renetsa-off',
    name: 'RENETSA member, suspended (test)',
    kind: 'renetsa',
    status: 'suspended',
  },
];

/** IAFAS of the test registry that speak SITEDS (SOAP/X12) instead of FHIR. */
export const SITEDS_INSURERS: readonly string[] = ['20006'];

/** IAFAS of the test registry that speak HL7 v2 over MLLP/TLS (a demo insurer on a free port). */
export const HL7V2_INSURERS: readonly string[] = ['20008'];
