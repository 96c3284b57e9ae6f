/**
 * The API contract: one table, keyed by `"<METHOD> <path>"` (the path after `/api/v1`), that
 * says for every operation what it takes (params, query, body as zod schemas) and what it answers
 * (a zod schema, a file, or nothing). The server implements each key (src/http/openapi.ts
 * `implement`), the OpenAPI document is generated from it, and the web's client
 * (web/src/api.ts `call`) is typed from it with `import type` — so a swapped schema, a wrong
 * path or a wrong answer shape is a compile error on both sides (decision 022).
 */
import { z } from 'zod';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type RouteKey = `${Method} /${string}`;

export type RouteDef = {
  /** Bahasa Indonesia first */
  summary: string;
  tags: readonly string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /**
   * 'handler': the body's schema depends on a path parameter (a record's kind), so the handler
   * validates it; the contract's `body` documents and types it (a union of the kinds).
   */
  bodyCheckedBy?: 'handler';
  /** the answer: a zod schema (JSON), `{ file: [media types] }` (bytes), or null (204 No Content) */
  response: z.ZodType | { file: readonly string[] } | null;
  /** 200 unless said; 201 for creates */
  status?: 200 | 201;
  /**
   * The body is not JSON: `multipart` (a form with a `file` field) or `raw` (the file itself).
   * The API guards in src/http/app.ts read this instead of matching paths.
   */
  upload?: 'multipart' | 'raw';
  /**
   * The text fields a `multipart` upload takes beside `file` (documented, and checked by the
   * route with src/http/upload.ts: any other field is refused as unknown).
   */
  uploadFields?: z.ZodObject;
  /** the media types a `raw` upload accepts (documented; the use case checks the bytes) */
  accepts?: readonly string[];
  /** 'none': no session needed (sign-in, code lists); 'optional': with or without one (sign-out) */
  auth?: 'none' | 'optional';
};

export type Routes = Record<RouteKey, RouteDef>;

/** Declares part of the contract; keeps the literal types so that both sides can be typed. */
export function routes<const T extends { [K in keyof T]: K extends RouteKey ? RouteDef : never }>(t: T): T {
  return t;
}

type SchemaOf<D, K extends 'params' | 'query' | 'body'> = D extends { [P in K]: infer S extends z.ZodType }
  ? S
  : never;

/**
 * Code lists widened to `string` in what a caller sends: a form holds the code a person chose
 * as text and the server checks it against its list (a clear field error). Field names, required
 * fields, numbers and shapes stay exact, so a swapped schema still fails to compile.
 */
export type Widen<T> = T extends string
  ? string
  : T extends readonly (infer E)[]
    ? Widen<E>[]
    : T extends object
      ? { [K in keyof T]: Widen<T[K]> }
      : T;

/** What a caller sends: only the parts the operation declares. */
export type CallInput<D> = ([SchemaOf<D, 'params'>] extends [never]
  ? unknown
  : { params: Widen<z.input<SchemaOf<D, 'params'>>> }) &
  ([SchemaOf<D, 'query'>] extends [never] ? unknown : { query?: Widen<z.input<SchemaOf<D, 'query'>>> }) &
  ([SchemaOf<D, 'body'>] extends [never] ? unknown : { body: Widen<z.input<SchemaOf<D, 'body'>>> });

/** What the server hands a handler: the validated (parsed) parts. */
export type HandlerInput<D> = {
  params: [SchemaOf<D, 'params'>] extends [never] ? undefined : z.output<SchemaOf<D, 'params'>>;
  query: [SchemaOf<D, 'query'>] extends [never] ? undefined : z.output<SchemaOf<D, 'query'>>;
  body: [SchemaOf<D, 'body'>] extends [never]
    ? undefined
    : D extends { bodyCheckedBy: 'handler' }
      ? undefined
      : z.output<SchemaOf<D, 'body'>>;
};

/** What the operation answers, as the web receives it. */
export type CallOutput<D> = D extends { response: infer R }
  ? R extends z.ZodType
    ? z.output<R>
    : R extends null
      ? undefined
      : Blob
  : never;

/** Lists count their matches up to this many; beyond it the screen says "1.000+". */
export const COUNT_CAP = 1000;

/**
 * The one list shape: every list endpoint answers it (extra fields beside it are allowed, e.g.
 * `unread`). `total` is counted only up to a cap: with `totalCapped` there are at least that
 * many (the screen says "1.000+"); nothing ever counts every match of a big list.
 */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** 1-based */
    page: z.number().int(),
    pageSize: z.number().int(),
    /** another page follows */
    hasMore: z.boolean(),
    total: z.number().int(),
    /** true: there are at least `total` (the count stopped at the cap) */
    totalCapped: z.boolean(),
  });
}
export type List<T> = {
  items: T[];
  page: number;
  pageSize: number;
  hasMore: boolean;
  total: number;
  totalCapped: boolean;
};

/** A page of a bigger list, from a capped count. */
export function pageOf<T>(
  items: T[],
  page: number,
  pageSize: number,
  count: { total: number; totalCapped: boolean; hasMore: boolean },
): List<T> {
  return {
    items,
    page,
    pageSize,
    hasMore: count.hasMore,
    total: count.total,
    totalCapped: count.totalCapped,
  };
}

/** A whole small list in the one shape (code lists, users of a region, holidays…). */
export function wholeList<T>(items: T[]): List<T> {
  return {
    items,
    page: 1,
    pageSize: Math.max(items.length, 1),
    hasMore: false,
    total: items.length,
    totalCapped: false,
  };
}

/** The body of every error answer (src/http/errors.ts). */
export const ErrorBody = z
  .object({
    error: z.object({
      /** stable, for programs (src/domain/errors.ts) */
      code: z.string(),
      /** for people, in the request's language */
      message: z.string(),
      /** per field, for people */
      fields: z.record(z.string(), z.string()).optional(),
      /** per field, stable codes */
      fieldCodes: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'Error' });

/** `{ ok: true }` answers of actions that return nothing else. */
export const Ok = z.object({ ok: z.literal(true) });
