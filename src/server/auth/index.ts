import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/env";
import { getDb } from "@/server/db";
import { logger } from "@/server/log";
import { authenticate } from "@/server/services/staff";
import { edgeAuthConfig } from "./edge-config";
import { clientIp } from "./client-ip";

class InvalidLogin extends CredentialsSignin {
  code = "invalid";
}
class BlockedLogin extends CredentialsSignin {
  code = "blocked";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...edgeAuthConfig,
  secret: env.AUTH_SECRET,
  logger: {
    // next-auth logs failed credential sign-ins as errors with stacks; keep only the kind.
    error: (error) => logger.warn({ kind: (error as { type?: string }).type ?? error.name }, "auth error"),
    warn: (code) => logger.debug({ code }, "auth warning"),
    debug: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidLogin();
        const db = await getDb();
        const result = await authenticate(
          db,
          { email: parsed.data.email, password: parsed.data.password, ip: clientIp(request.headers) },
          { maxFailures: env.LOGIN_MAX_FAILURES, blockMinutes: env.LOGIN_BLOCK_MINUTES },
        );
        if (!result.ok) throw result.reason === "blocked" ? new BlockedLogin() : new InvalidLogin();
        return { id: result.user.id, email: result.user.email, name: result.user.name };
      },
    }),
  ],
});
