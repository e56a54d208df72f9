/** A staff client for the portal over HTTP: Auth.js credentials sign-in, then tRPC with the session cookie. */
export class PortalClient {
  private cookies = new Map<string, string>();

  constructor(private readonly baseURL: string) {}

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async signIn(email: string, password: string): Promise<void> {
    const csrf = await fetch(`${this.baseURL}/api/auth/csrf`);
    this.keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await fetch(`${this.baseURL}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader() },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
    });
    this.keep(res);
    if (![...this.cookies.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (${res.status})`);
  }

  async mutation<T>(procedure: string, input: unknown): Promise<T> {
    const res = await fetch(`${this.baseURL}/api/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json", cookie: this.cookieHeader() }, body: JSON.stringify({ json: input }) });
    return this.result<T>(procedure, res);
  }

  async query<T>(procedure: string, input: unknown): Promise<T> {
    const res = await fetch(`${this.baseURL}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: { cookie: this.cookieHeader() } });
    return this.result<T>(procedure, res);
  }

  private async result<T>(procedure: string, res: Response): Promise<T> {
    const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
    if (!res.ok || !body.result) throw new Error(`${procedure} → ${res.status}: ${body.error?.json.message ?? "no result"}`);
    return body.result.data.json;
  }
}

export async function emulatorControl<T>(emulatorURL: string, method: string, pathname: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulatorURL}${pathname}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`emulator ${method} ${pathname} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export interface Attempt {
  id: string;
  nonce?: string;
  status?: number;
  error?: string;
  at: string;
  durationMs?: number;
  attempt: number;
}

/** The emulator keeps its last 2,000 delivery attempts; polling often keeps every one of them. */
export function pollDeliveryLog(emulatorURL: string, appId: string, everyMs = 250) {
  const attempts = new Map<string, Attempt>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const { entries } = await emulatorControl<{ entries: Attempt[] }>(emulatorURL, "GET", `/_emulator/callbacks/log?appId=${appId}`);
        for (const e of entries) attempts.set(e.id, e);
      } catch {
        // the emulator is busy; the next poll catches up
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    attempts,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
