import "server-only";
import { env } from "@/env";
import { createSecretBox, parseKeyring, type SecretBox } from "./secret-box";

let box: SecretBox | undefined;

/** The process-wide secret box built from ENCRYPTION_KEYS. */
export function secrets(): SecretBox {
  box ??= createSecretBox(parseKeyring(env.ENCRYPTION_KEYS, env.ENCRYPTION_ACTIVE_KEY_ID));
  return box;
}

export { secretHint, type SecretContext } from "./secret-box";
