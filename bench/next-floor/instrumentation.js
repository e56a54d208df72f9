// The floor has nothing to start; this file also keeps Next from picking up the portal's own.
export function register() {}
