-- A request or answer that arrives in a wire format other than FHIR (SITEDS X12 in SOAP, HL7 v2)
-- is logged twice: as received (request-in / response-in) and in its canonical FHIR form,
-- so auditors see both what travelled and what the broker understood.
ALTER TABLE message_log DROP CONSTRAINT message_log_kind_check;
ALTER TABLE message_log ADD CONSTRAINT message_log_kind_check
  CHECK (kind IN ('request-in', 'request-out', 'response-in', 'response-out', 'replay',
                  'request-canonical', 'response-canonical'));
