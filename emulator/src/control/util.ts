import { HttpError, type Req } from "../http";

export function controlError(status: number, message: string): HttpError {
  const names: Record<number, string> = { 400: "INVALID_ARGUMENT", 404: "NOT_FOUND", 409: "FAILED_PRECONDITION" };
  return new HttpError(status, { error: { code: status, message, status: names[status] ?? "UNKNOWN", details: [] } });
}

export function body(req: Req): Record<string, unknown> {
  const raw = req.json();
  if (raw === undefined) return {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw controlError(400, "Body must be a JSON object");
  return raw as Record<string, unknown>;
}

export function num(v: unknown, name: string): number {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) throw controlError(400, `${name} must be a number`);
  return n;
}

export function str(v: unknown, name: string): string {
  if (typeof v !== "string" || v === "") throw controlError(400, `${name} is required`);
  return v;
}
