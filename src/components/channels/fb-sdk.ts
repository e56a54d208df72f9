"use client";

/** The part of Meta's JS SDK the wizard uses (the emulator serves the same API at its own URL). */
export interface FacebookSdk {
  init(opts: { appId: string; cookie?: boolean; xfbml?: boolean; version: string }): void;
  login(cb: (response: FbLoginResponse) => void, opts: Record<string, unknown>): void;
}
export interface FbLoginResponse {
  status?: string;
  authResponse?: { code?: string } | null;
}

declare global {
  interface Window {
    FB?: FacebookSdk;
    fbAsyncInit?: () => void;
  }
}

let loading: Promise<FacebookSdk> | null = null;

/** Loads the SDK once from the configured URL and initialises it for the portal's Meta app. */
export function loadFacebookSdk(sdkUrl: string, appId: string, version: string): Promise<FacebookSdk> {
  if (loading) return loading;
  loading = new Promise<FacebookSdk>((resolve, reject) => {
    const ready = () => {
      const fb = window.FB!;
      fb.init({ appId, cookie: true, xfbml: false, version });
      resolve(fb);
    };
    if (window.FB) return ready();
    window.fbAsyncInit = ready;
    const script = document.createElement("script");
    script.src = sdkUrl;
    script.async = true;
    script.crossOrigin = "anonymous";
    script.onerror = () => {
      loading = null;
      reject(new Error("The Facebook login could not be loaded. Check your connection or disable content blockers, then try again."));
    };
    document.body.appendChild(script);
  });
  return loading;
}

/**
 * Must run synchronously inside the click handler: FB.login opens the popup, and browsers block
 * popups opened after an await.
 */
export function facebookLogin(fb: FacebookSdk, opts: Record<string, unknown>): Promise<FbLoginResponse> {
  return new Promise((resolve) => fb.login(resolve, { response_type: "code", override_default_response_type: true, ...opts }));
}
