import type { NextAuthConfig } from "next-auth";

/**
 * The part of the next-auth configuration that needs no database: used by `src/proxy.ts` for a
 * convenience redirect only. Authorisation happens in every procedure and route handler.
 */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const edgeAuthConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [],
  callbacks: {
    /**
     * Only the user id is ever kept in the token. A client-side `session.update()` (trigger
     * "update") cannot change it; role and disabled status are read from the database per request.
     */
    jwt({ token, user, trigger }) {
      if (trigger === "signIn" && user?.id) return { sub: user.id, kind: "staff", iat: token.iat, exp: token.exp, jti: token.jti };
      return { sub: token.sub, kind: token.kind, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    session({ session, token }) {
      return { ...session, user: { id: token.sub ?? "", email: session.user?.email ?? "", name: session.user?.name ?? "" } } as typeof session;
    },
  },
} satisfies NextAuthConfig;
