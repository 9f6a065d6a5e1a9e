/** MSH-10 of the broker's answers: the exchange's correlation id without dashes, 20 characters (ST 20 in v2.5.1). */
export function controlIdOf(correlationId: string): string {
  return correlationId.replace(/-/g, '').slice(0, 20);
}
