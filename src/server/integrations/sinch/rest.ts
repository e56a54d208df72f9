import type { HttpClient, HttpRequest, HttpResponse } from "../http";
import { classifySinchError, type SinchErrorContext } from "./errors";
import type { SinchTokenCache } from "./token-cache";

export type SinchRestRequest = Omit<HttpRequest, "headers">;

export interface SinchRest {
  /** Sends with a bearer token; on 401 "expired" refreshes the token once and retries once. */
  call<T>(req: SinchRestRequest, errorCtx?: Partial<Pick<SinchErrorContext, "notFoundInRegion" | "subprojectsApi" | "projectAgeMs">>): Promise<T>;
}

export function createSinchRest(http: HttpClient, tokens: SinchTokenCache, secrets: ReadonlyArray<string>): SinchRest {
  async function attempt(req: SinchRestRequest, token: string): Promise<HttpResponse> {
    return http.send({ ...req, headers: { authorization: `Bearer ${token}` } });
  }

  return {
    async call<T>(req: SinchRestRequest, errorCtx: Parameters<SinchRest["call"]>[1] = {}) {
      let token = await tokens.getToken();
      let res = await attempt(req, token);
      if (isExpired(res)) {
        tokens.invalidate(token);
        token = await tokens.getToken();
        res = await attempt(req, token);
      }
      if (!res.ok) {
        throw classifySinchError({
          ...errorCtx,
          operation: req.operation,
          httpStatus: res.status,
          body: res.body ?? res.text,
          wwwAuthenticate: res.headers.get("www-authenticate"),
          secrets: [...secrets, token],
        });
      }
      return (res.body ?? {}) as T;
    },
  };
}

function isExpired(res: HttpResponse): boolean {
  return res.status === 401 && /expired/i.test(res.headers.get("www-authenticate") ?? "");
}
