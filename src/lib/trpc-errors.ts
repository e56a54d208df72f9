/** Field errors and a safe message from a tRPC client error (server formats both). */
export function errorDetails(err: unknown): { message: string; fieldErrors: Record<string, string> } {
  const e = err as { message?: string; data?: { fieldErrors?: Record<string, string> } } | null;
  return { message: e?.message ?? "Something went wrong.", fieldErrors: e?.data?.fieldErrors ?? {} };
}
