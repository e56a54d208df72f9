/**
 * Source of the emulated `connect.facebook.net/en_US/sdk.js`. It runs in the portal's page, so it is
 * plain ES5-style browser JavaScript kept as a string. The emulator origin is taken from the script's
 * own URL (falling back to the configured origin) and is the only origin whose messages are accepted.
 */
export function sdkSource(fallbackOrigin: string, esOrder: string | null): string {
  const cfg = JSON.stringify({ fallbackOrigin, esOrder: esOrder === "code" || esOrder === "message" ? esOrder : null });
  return `(function () {
  "use strict";
  if (window.FB && window.FB.__emulator) return;
  var CFG = ${cfg.replace(/</g, "\\u003c")};
  var script = document.currentScript;
  var EMU = CFG.fallbackOrigin;
  try { if (script && script.src) EMU = new URL(script.src).origin; } catch (e) { /* keep fallback */ }
  var state = { appId: null, version: null, initialized: false, status: "unknown", authResponse: null };
  var pending = {};
  var seq = 0;

  window.addEventListener("message", function (event) {
    if (event.origin !== EMU) return;
    var d = event.data;
    if (!d || typeof d !== "object" || d.__fbEmu !== "login-result") return;
    var p = pending[d.cbid];
    if (!p) return;
    delete pending[d.cbid];
    clearInterval(p.timer);
    finish(p.cb, d.response);
  });

  function finish(cb, response) {
    state.status = response && response.status ? response.status : "unknown";
    state.authResponse = response ? response.authResponse || null : null;
    try { cb(response); } catch (e) { setTimeout(function () { throw e; }); }
  }

  function init(opts) {
    opts = opts || {};
    if (!opts.appId) { console.error("FB.init: appId is required"); return; }
    state.appId = String(opts.appId);
    state.version = opts.version || "v22.0";
    state.initialized = true;
  }

  function login(cb, opts) {
    cb = typeof cb === "function" ? cb : function () {};
    opts = opts || {};
    if (!state.initialized) { console.error("FB.login() called before FB.init()."); return; }
    var cbid = "cb" + (++seq) + "_" + Math.random().toString(36).slice(2);
    var q = new URLSearchParams();
    q.set("client_id", state.appId);
    q.set("version", state.version);
    q.set("origin", window.location.origin);
    q.set("cbid", cbid);
    q.set("response_type", opts.response_type || (opts.config_id ? "code" : "token"));
    if (opts.config_id) q.set("config_id", String(opts.config_id));
    if (opts.scope) q.set("scope", String(opts.scope));
    if (opts.auth_type) q.set("auth_type", String(opts.auth_type));
    if (opts.override_default_response_type) q.set("override_default_response_type", "true");
    if (opts.extras) q.set("extras", typeof opts.extras === "string" ? opts.extras : JSON.stringify(opts.extras));
    if (CFG.esOrder) q.set("es_order", CFG.esOrder);
    var w = window.open(EMU + "/meta/dialog/oauth?" + q.toString(), "fb_emu_login_" + cbid,
      "width=640,height=760,left=80,top=60");
    if (!w) {
      console.error("FB.login: the popup was blocked; call FB.login directly from a click handler.");
      finish(cb, { status: "unknown", authResponse: null });
      return;
    }
    var p = { cb: cb, timer: 0 };
    pending[cbid] = p;
    // A closed popup without a result means the user dismissed it; wait briefly for in-flight messages.
    p.timer = setInterval(function () {
      if (!w.closed) return;
      clearInterval(p.timer);
      setTimeout(function () {
        if (!pending[cbid]) return;
        delete pending[cbid];
        finish(cb, { status: "unknown", authResponse: null });
      }, 500);
    }, 250);
  }

  function getLoginStatus(cb) {
    if (typeof cb === "function") cb({ status: state.status, authResponse: state.authResponse });
  }

  function logout(cb) {
    state.status = "unknown";
    state.authResponse = null;
    if (typeof cb === "function") cb({ status: "unknown", authResponse: null });
  }

  window.FB = {
    __emulator: true,
    init: init,
    login: login,
    logout: logout,
    getLoginStatus: getLoginStatus,
    getAuthResponse: function () { return state.authResponse; },
    AppEvents: { logPageView: function () {} },
    XFBML: { parse: function () {} }
  };
  if (typeof window.fbAsyncInit === "function" && !window.fbAsyncInit.hasRun) {
    setTimeout(function () { window.fbAsyncInit.hasRun = true; window.fbAsyncInit(); }, 0);
  }
})();
`;
}
