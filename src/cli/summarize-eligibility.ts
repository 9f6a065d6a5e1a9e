import type {
  Coverage,
  CoverageEligibilityResponse,
  CoverageEligibilityResponseInsurance,
  CoverageEligibilityResponseInsuranceItem,
  OperationOutcome,
  Patient,
} from 'fhir/r4.js';
import { HTA } from '../hta/hta-report.ts';

/**
 * A few lines a person at an admissions desk can read: who, covered or not, plan, copays.
 * `nameOf` names an insurer the answer identifies only by its code (an answer mapped from a
 * SITEDS 271 carries the IAFAS code alone): the local registry's name.
 */
export function summarizeEligibility(
  res: CoverageEligibilityResponse,
  nameOf: (code: string) => string | undefined = () => undefined,
): string {
  const patient = res.contained?.find((r): r is Patient => r.resourceType === 'Patient');
  const name = patient?.name?.[0];
  const who =
    name === undefined
      ? (res.patient.identifier?.value ?? 'patient')
      : `${name.given?.join(' ') ?? ''} ${name.family ?? ''}`.trim();
  const code = res.insurer.identifier?.value;
  const named = code === undefined ? undefined : nameOf(code);
  const insurer =
    res.insurer.display ?? (named === undefined ? code : `${named} (${code ?? ''})`) ?? 'insurer';
  const lines = [`Insurer:  ${insurer}`, `Patient:  ${who}`];
  const insurance = res.insurance?.[0];
  if (insurance === undefined) {
    lines.push(`Covered:  NO — ${res.disposition ?? 'no coverage reported'}`);
    return lines.join('\n');
  }
  const disposition = res.disposition === undefined ? '' : ` — ${res.disposition}`;
  lines.push(`Covered:  ${insurance.inforce === true ? 'YES' : 'NO'}${disposition}`);
  const plan = planOf(res, insurance);
  for (const item of insurance.item ?? []) {
    lines.push(...headOf(item, plan));
    for (const b of item.benefit ?? []) {
      const type = b.type.coding?.[0]?.code ?? 'benefit';
      const value =
        b.allowedMoney !== undefined
          ? `S/ ${(b.allowedMoney.value ?? 0).toFixed(2)}`
          : type === 'copay-percent'
            ? `${b.allowedUnsignedInt ?? 0} %`
            : String(b.allowedUnsignedInt ?? b.allowedString ?? '');
      lines.push(`  ${type.padEnd(14)} ${value}`);
    }
  }
  const period = insurance.benefitPeriod;
  if (period !== undefined) {
    lines.push(`Period:   ${period.start ?? '?'} to ${period.end ?? '?'}`);
  }
  return lines.join('\n');
}

/**
 * The plan of the insurance's Coverage (contained), as FHIR places it: its `class` of type
 * `plan`, by name or else its value. Answers mapped from SITEDS carry the plan there only.
 */
function planOf(
  res: CoverageEligibilityResponse,
  insurance: CoverageEligibilityResponseInsurance,
): string | undefined {
  const id = insurance.coverage.reference?.replace(/^#/, '');
  const coverage = res.contained?.find(
    (r): r is Coverage => r.resourceType === 'Coverage' && r.id === id,
  );
  const plan = coverage?.class?.find((c) => c.type.coding?.some((t) => t.code === 'plan'));
  return plan?.name ?? plan?.value;
}

/**
 * An item's first lines: the plan (the item's name, else the Coverage's), or the service asked
 * about with the HTA report linked to it.
 */
function headOf(item: CoverageEligibilityResponseInsuranceItem, plan?: string): string[] {
  const coding = item.productOrService?.coding?.find((c) => c.code !== undefined);
  if (coding === undefined) {
    return [`Plan:     ${item.name ?? plan ?? 'unnamed'}`];
  }
  const covered = item.excluded === true ? 'NOT covered' : 'covered';
  const authorization = item.authorizationRequired === true ? ', authorization required' : '';
  const lines = [
    `Service:  ${coding.system ?? ''}|${coding.code ?? ''} — ${covered}${authorization}`,
  ];
  for (const e of item.extension ?? []) {
    if (e.url === HTA.reportReference) {
      lines.push(`  HTA report  ${e.valueReference?.display ?? ''}`);
      lines.push(`              ${e.valueReference?.reference ?? ''}`);
    }
  }
  return lines;
}

/** The first catalogued error code and text of an OperationOutcome. */
export function summarizeOutcome(oo: OperationOutcome): string {
  return oo.issue
    .map((i) => {
      const code = i.details?.coding?.[0]?.code ?? i.code;
      const expr = i.expression?.[0] === undefined ? '' : ` at ${i.expression[0]}`;
      return `${code}: ${i.details?.text ?? ''} ${i.diagnostics ?? ''}${expr}`.trim();
    })
    .join('\n');
}
