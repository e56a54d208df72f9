/**
 * Who may call each tRPC procedure. The matrix test enumerates the router itself, so a procedure
 * missing here fails the test: a new procedure cannot escape the review of its permission.
 *   admin    — admins only (FORBIDDEN for staff)
 *   staff    — admins and staff
 *   customer — only a customer with a valid grant (NOT_FOUND for staff)
 *   public   — anyone
 */
export type Audience = "admin" | "staff" | "customer" | "public";

export const expectations: Record<string, Audience> = {
  "session.me": "staff",
  "staff.list": "admin",
  "staff.create": "admin",
  "staff.changeRole": "admin",
  "staff.setDisabled": "admin",
  "staff.resetPassword": "admin",
  "audit.list": "admin",
  "audit.actions": "admin",
};
