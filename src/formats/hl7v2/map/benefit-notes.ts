import type { CoverageEligibilityResponse } from 'fhir/r4.js';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';

/**
 * Benefits (copays, limits) of the first insurance as one line of text for NTE-3: HL7 v2 has no
 * structured benefits (domain.md §4), so people read them and the loss is reported (`lossy`).
 */
export function benefitNote(
  response: CoverageEligibilityResponse,
  issues: MappingIssue[],
): string | undefined {
  const items = response.insurance?.[0]?.item ?? [];
  const parts: string[] = [];
  items.forEach((item, i) => {
    for (const [j, b] of (item.benefit ?? []).entries()) {
      const type = b.type.coding?.[0]?.code ?? b.type.text ?? 'benefit';
      const value =
        b.allowedMoney?.value === undefined
          ? (b.allowedUnsignedInt ?? b.allowedString)
          : `${b.allowedMoney.currency ?? ''} ${b.allowedMoney.value.toFixed(2)}`.trim();
      if (value === undefined) {
        continue;
      }
      const unit = type.endsWith('percent') ? ' %' : '';
      parts.push(`${item.name ?? 'plan'}: ${type} ${String(value)}${unit}`);
      issues.push({
        kind: 'lossy',
        severity: 'warning',
        path: `insurance.item[${i}].benefit[${j}]`,
        message: `${type} has no HL7 v2 field; written as text in NTE-3`,
        value,
      });
    }
  });
  return parts.length === 0 ? undefined : parts.join('; ');
}
