import { randomBytes } from "node:crypto";
import { HttpError } from "../http";
import type { GraphErrorShape } from "./types";

/** Meta's error envelope. Graph answers 400 for nearly everything; 190 is seen as 400 and 401. */
export function graphError(e: GraphErrorShape, extra: Record<string, unknown> = {}): HttpError {
  const body = {
    error: {
      message: e.message,
      type: e.type ?? "OAuthException",
      code: e.code,
      ...(e.subcode !== undefined ? { error_subcode: e.subcode } : {}),
      ...extra,
      fbtrace_id: fbtraceId(),
    },
  };
  const headers: Record<string, string> =
    e.code === 190 || e.code === 104 ? { "www-authenticate": `OAuth "Facebook Platform" "invalid_token" "${e.message.replace(/"/g, "'")}"` } : {};
  return new HttpError(e.status ?? 400, body, headers);
}

export function fbtraceId(): string {
  return "AEmu" + randomBytes(12).toString("base64url");
}

export const E = {
  noToken: (): GraphErrorShape => ({ code: 104, message: "An access token is required to request this resource." }),
  badToken: (): GraphErrorShape => ({ code: 190, message: "Invalid OAuth access token - Cannot parse access token" }),
  appRemoved: (appId: string): GraphErrorShape => ({
    code: 190,
    subcode: 458,
    message: `Error validating access token: The user has not authorized application ${appId}.`,
  }),
  passwordChanged: (): GraphErrorShape => ({
    code: 190,
    subcode: 460,
    message:
      "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
  }),
  expired: (expiredAtS: number, nowS: number): GraphErrorShape => ({
    code: 190,
    subcode: 463,
    message: `Error validating access token: Session has expired on ${new Date(expiredAtS * 1000).toUTCString()}. The current time is ${new Date(nowS * 1000).toUTCString()}.`,
  }),
  noPageRole: (): GraphErrorShape => ({
    code: 190,
    subcode: 492,
    message: "Error validating access token: The user must be an administrator, editor, or moderator of the page in order to impersonate it.",
  }),
  dataAccessExpired: (): GraphErrorShape => ({ code: 190, message: "Error validating access token: Data access has expired for this user." }),
  missingPermission: (scope: string): GraphErrorShape =>
    scope.startsWith("whatsapp_")
      ? { code: 10, message: `(#10) Application does not have permission for this action (requires ${scope})` }
      : { code: 200, message: `(#200) Requires ${scope} permission to manage the object` },
  objectMissing: (id: string): GraphErrorShape => ({
    code: 100,
    subcode: 33,
    message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  }),
  objectMissingPost: (id: string): GraphErrorShape => ({
    code: 100,
    subcode: 33,
    message: `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  }),
  pageTokenRequired: (): GraphErrorShape => ({ code: 210, message: "(#210) A page access token is required to request this resource." }),
  param: (message: string): GraphErrorShape => ({ code: 100, message: `(#100) ${message}` }),
  unknownPath: (path: string): GraphErrorShape => ({ code: 2500, message: `Unknown path components: ${path}` }),
  igAccessOff: (): GraphErrorShape => ({
    code: 200,
    subcode: 2534041,
    message: "(#200) The Instagram account owner has disabled access to messages (Allow access to messages is off in Connected tools).",
  }),
  outsideWindow: (channel: "MESSENGER" | "INSTAGRAM"): GraphErrorShape =>
    channel === "MESSENGER"
      ? { code: 10, subcode: 2018278, message: "(#10) This message is sent outside of allowed window." }
      : { code: 10, subcode: 2534022, message: "(#10) This message is sent outside of allowed window." },
  humanAgentNotApproved: (): GraphErrorShape => ({
    code: 200,
    message: "(#200) The HUMAN_AGENT tag requires the Human Agent feature to be approved for this app.",
  }),
  devModeRecipient: (): GraphErrorShape => ({
    code: 200,
    subcode: 2018028,
    message: "(#200) Cannot message users who are not admins, developers or testers of the app until pages_messaging permission is reviewed and the app is live.",
  }),
  transient: (): GraphErrorShape => ({ code: 1, message: "An unknown error occurred", type: "OAuthException", status: 500 }),
  rateLimited: (): GraphErrorShape => ({ code: 4, message: "(#4) Application request limit reached", status: 429 }),
};

/** WhatsApp Cloud API flavoured errors carry `error_data.details`. */
export function waError(code: number, title: string, details: string): HttpError {
  return graphError({ code, message: `(#${code}) ${title}` }, { error_data: { messaging_product: "whatsapp", details } });
}

/** A WhatsApp Cloud API error as a verdict for the Sinch half (`(#code) title`). */
export function waText(code: number, title: string): { ok: false; code: number; message: string } {
  return { ok: false, code, message: `(#${code}) ${title}` };
}
