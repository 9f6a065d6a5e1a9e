import type { Exchange } from './exchange.ts';

/** One stage of a request pipeline: reads and extends the exchange, or throws a `BrokerError`. */
export type Step = (exchange: Exchange) => void | Promise<void>;

/** Runs steps in order; the first to throw stops the pipeline. */
export async function runSteps(steps: readonly Step[], exchange: Exchange): Promise<void> {
  for (const step of steps) {
    await step(exchange);
  }
}
