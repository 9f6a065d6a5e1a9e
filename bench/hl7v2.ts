/**
 * HL7 v2 micro-benchmark: the broker's own ER7 parser (parse + serialize, and parse + profile
 * check) against @medplum/core's `Hl7Message` (parse + serialize, the baseline) on the same
 * RQI^I01 vector, in the same run: batches interleaved, median of 7 after a warm-up round.
 *
 *   npx tsx bench/hl7v2.ts
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Hl7Message as MedplumHl7Message } from '@medplum/core';
import { parseEr7 } from '../src/formats/hl7v2/parse-er7.ts';
import { checkHl7Message } from '../src/formats/hl7v2/profile/check-hl7-message.ts';
import { loadHl7Profiles } from '../src/formats/hl7v2/profile/load-hl7-profiles.ts';

const BATCHES = 7;
const PER_BATCH = 5_000;

/** Median rate of each workload; batches are interleaved so machine load hits all of them alike. */
function medianRates(workloads: readonly (() => void)[]): number[] {
  const rates = workloads.map(() => [] as number[]);
  for (let b = -1; b < BATCHES; b += 1) {
    workloads.forEach((work, w) => {
      const start = performance.now();
      for (let i = 0; i < PER_BATCH; i += 1) {
        work();
      }
      if (b >= 0) {
        rates[w]?.push(PER_BATCH / ((performance.now() - start) / 1000)); // b = -1: warm-up
      }
    });
  }
  return rates.map((r) => r.sort((x, y) => x - y)[Math.floor(BATCHES / 2)] ?? 0);
}

const bytes = readFileSync(
  new URL('../conformance/vectors/hl7v2/rqi-i01-two-insurers.er7', import.meta.url),
);
const text = bytes.toString('utf8');
const profiles = loadHl7Profiles();
let sink = 0;

const [baseline = 0, ours = 0, oursText = 0, checked = 0] = medianRates([
  () => {
    sink += MedplumHl7Message.parse(text).toString().length;
  },
  () => {
    sink += parseEr7(bytes).toBuffer().length;
  },
  () => {
    sink += parseEr7(text).toString().length;
  },
  () => {
    sink += checkHl7Message(profiles, parseEr7(bytes)).segments.length;
  },
]);

console.log(
  `# HL7 v2 ER7 (${bytes.length}-byte RQI^I01, ${BATCHES} interleaved batches x ${PER_BATCH}, median)`,
);
const row = (name: string, rate: number): void => {
  console.log(
    `${name.padEnd(58)} ${Math.round(rate).toString().padStart(8)}/s  ${(rate / baseline).toFixed(2)}x`,
  );
};
row('@medplum/core Hl7Message parse + toString (baseline)', baseline);
row('parseEr7 (bytes, strict UTF-8) + toBuffer', ours);
row('parseEr7 (string) + toString', oursText);
row('parseEr7 + checkHl7Message (profile RQI^I01, all fields)', checked);
if (sink === 0) {
  console.log('(no work done)');
}
