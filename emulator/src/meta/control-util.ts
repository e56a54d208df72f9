import { HttpError, type Req } from "../http";
import type { MetaState } from "./state";

export type Body = Record<string, unknown>;

export function badRequest(message: string): HttpError {
  return new HttpError(400, { error: { code: 400, message, status: "INVALID_ARGUMENT" } });
}

export function notFound(what: string, id: string): HttpError {
  return new HttpError(404, { error: { code: 404, message: `${what} ${id} not found`, status: "NOT_FOUND" } });
}

/** JSON object body (empty body = `{}`); anything else is a 400, never a crash. */
export function body(req: Req): Body {
  const v = req.json<unknown>();
  if (v === undefined) return {};
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw badRequest("Body must be a JSON object");
  return v as Body;
}

export function str(b: Body, key: string, required: true): string;
export function str(b: Body, key: string, required?: false): string | undefined;
export function str(b: Body, key: string, required = false): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) {
    if (required) throw badRequest(`${key} is required`);
    return undefined;
  }
  if (typeof v !== "string" && typeof v !== "number") throw badRequest(`${key} must be a string`);
  const s = String(v);
  if (required && s === "") throw badRequest(`${key} must not be empty`);
  return s;
}

export function bool(b: Body, key: string): boolean | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw badRequest(`${key} must be a boolean`);
  return v;
}

export function strList(b: Body, key: string): string[] | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string" && typeof x !== "number")) throw badRequest(`${key} must be an array of strings`);
  return v.map(String);
}

export function oneOf<T extends string>(b: Body, key: string, allowed: readonly T[]): T | undefined {
  const v = str(b, key);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw badRequest(`${key} must be one of ${allowed.join(", ")}`);
  return v as T;
}

/** A caller-chosen id must be unused across every kind of Graph object (ids share one namespace). */
export function freshId(state: MetaState, wanted: string | undefined): string {
  if (wanted === undefined) return state.newId();
  if (!/^[0-9]{1,20}$/.test(wanted)) throw badRequest("id must be numeric");
  const maps = [state.users, state.pages, state.instagram, state.businesses, state.wabas, state.phones];
  if (maps.some((m) => m.has(wanted))) throw new HttpError(409, { error: { code: 409, message: `id ${wanted} already exists`, status: "ALREADY_EXISTS" } });
  return wanted;
}

export function need<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw notFound(what, id);
  return value;
}
