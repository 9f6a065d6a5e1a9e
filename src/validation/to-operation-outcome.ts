import type { OperationOutcome } from 'fhir/r4.js';
import type { ValidationIssue } from './validation-issue.ts';

/** A language the messages are written in. */
export type MessageLanguage = 'es' | 'en';

/**
 * The issues as a FHIR `OperationOutcome`: one issue each, with severity, code, the FHIRPath
 * `expression`, and the message in `language` as `details.text` and `diagnostics` (the rule).
 * No issues gives one `information` issue saying the resource is valid.
 */
export function toOperationOutcome(
  issues: readonly ValidationIssue[],
  language: MessageLanguage = 'es',
): OperationOutcome {
  if (issues.length === 0) {
    const text = language === 'es' ? 'Recurso válido' : 'Resource is valid';
    return {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'informational', details: { text } }],
    };
  }
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity,
      code: i.code,
      details: { text: i.message[language] },
      diagnostics: i.rule,
      ...(i.expression === '' ? {} : { expression: [i.expression] }),
    })),
  };
}

/**
 * The message language for an `Accept-Language` header: English when English is preferred
 * over Spanish, else Spanish (the default for Peru).
 */
export function pickLanguage(acceptLanguage: string | undefined): MessageLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.split('-')[0] ?? '', q: q === undefined ? 1 : Number(q) };
    })
    .filter((r) => (r.lang === 'es' || r.lang === 'en') && r.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang === 'en' ? 'en' : 'es';
}
