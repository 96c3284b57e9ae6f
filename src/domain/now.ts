/**
 * "Now" for the rules that compare with it inside a schema (a date not in the future, an
 * appointment within a year). Schemas cannot take the use case's injected clock as an argument,
 * so the HTTP layer provides it per request (`src/http/request-clock.ts`); outside a request it is
 * the system clock. Nothing else in the domain reads the time.
 */
let provider: () => Date = () => new Date();

/** The current instant, in ms, as the request's clock sees it. */
export function schemaNow(): number {
  return provider().getTime();
}

/** Set once by the HTTP layer. */
export function provideSchemaNow(p: () => Date): void {
  provider = p;
}
