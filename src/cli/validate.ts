import { readFileSync } from 'node:fs';
import { BrokerError } from '../errors/broker-error.ts';
import { parseFhirBody, FHIR_XML } from '../formats/fhir/fhir-format.ts';
import { parseFhirJson } from '../formats/fhir/parse-fhir-json.ts';
import { createFhirModel, type FhirModel } from '../formats/fhir/xml/fhir-model.ts';
import { createValidator } from '../validation/create-validator.ts';
import { parseOptions, UsageError } from './args.ts';
import type { Output } from './output.ts';

export const VALIDATE_USAGE = 'siteds validate FILE... [--profile URL] [--lang es|en]';

/**
 * `siteds validate FILE…`: each FHIR file (JSON, or XML by its `.xml` name) against base R4 or
 * `--profile`, offline, with the broker's own validator. One line per issue: file, severity,
 * location, message, rule. Exit 1 when any file has an error.
 */
export function runValidate(argv: string[], out: Output): number {
  const { values, positionals } = parseOptions(argv, {
    profile: { type: 'string', multiple: true },
    lang: { type: 'string', default: 'es' },
  });
  if (positionals.length === 0) {
    throw new UsageError('validate needs at least one FILE');
  }
  const language = values.lang === 'en' ? 'en' : 'es';
  const validator = createValidator();
  let model: FhirModel | undefined;
  let errors = 0;
  for (const file of positionals) {
    const xml = file.toLowerCase().endsWith('.xml');
    try {
      const bytes = readFileSync(file);
      const resource = xml
        ? parseFhirBody(bytes, FHIR_XML, (model ??= createFhirModel()))
        : parseFhirJson(bytes);
      const issues = validator.validate(resource, { profiles: values.profile ?? [] });
      for (const i of issues) {
        errors += i.severity === 'error' ? 1 : 0;
        out.log(
          `${file}: ${i.severity} ${i.expression || '(root)'}: ${i.message[language]} [${i.rule}]`,
        );
      }
      if (issues.length === 0) {
        out.log(`${file}: valid`);
      }
    } catch (err) {
      errors += 1;
      const detail =
        err instanceof BrokerError
          ? err.issues.map((i) => i.detail).join('; ')
          : (err as Error).message;
      out.log(`${file}: error (root): cannot read it as FHIR: ${detail}`);
    }
  }
  return errors === 0 ? 0 : 1;
}
