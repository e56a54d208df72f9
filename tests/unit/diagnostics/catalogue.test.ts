import { describe, expect, it } from "vitest";
import { CATALOGUE_ROWS, CODE_ENTRIES, lookupCode, metaCodeIn, normaliseCode, searchCatalogue } from "@/server/services/diagnostics/catalogue";

describe("error catalogue", () => {
  it("has one entry per row of the shared troubleshooting catalogue", () => {
    const ids = [...Array.from({ length: 14 }, (_, i) => `M${i + 1}`), ...Array.from({ length: 16 }, (_, i) => `S${i + 1}`)];
    expect(CATALOGUE_ROWS.map((r) => r.id).sort()).toEqual([...ids].sort());
  });
  it("every code points at existing rows, codes are unique", () => {
    const rowIds = new Set(CATALOGUE_ROWS.map((r) => r.id));
    for (const e of CODE_ENTRIES) for (const r of e.rows) expect(rowIds.has(r), `${e.code} → ${r}`).toBe(true);
    expect(new Set(CODE_ENTRIES.map((e) => e.code)).size).toBe(CODE_ENTRIES.length);
  });
  it("normalises and looks codes up, falling back from code/subcode to the code", () => {
    expect(normaliseCode("(#190)")).toBe("190");
    expect(normaliseCode(" 190 / 460 ")).toBe("190/460");
    expect(normaliseCode("inactive_credential")).toBe("INACTIVE_CREDENTIAL");
    expect(lookupCode("190/460")?.title).toBe("Password changed");
    expect(lookupCode("190/999")?.code).toBe("190");
    expect(lookupCode("SOMETHING_NEW")).toBeUndefined();
  });
  it("reads Meta codes out of Sinch descriptions by number", () => {
    expect(metaCodeIn("The underlying channel reported: (#200) disabled access (subcode 2534041)")).toBe("200/2534041");
    expect(metaCodeIn("Failed to validate Facebook Page token: (#190) Error validating access token")).toBe("190");
    expect(metaCodeIn("Meta said 190/460")).toBe("190/460");
    expect(metaCodeIn("Message failed: 131047 re-engagement")).toBe("131047");
    expect(metaCodeIn("no code here")).toBeNull();
  });
  it("searches plain language, codes and rows", () => {
    expect(searchCatalogue("password").codes.map((c) => c.code)).toContain("190/460");
    expect(searchCatalogue("2534041").codes[0]?.rows).toEqual(["M5"]);
    expect(searchCatalogue("M5").rows.map((r) => r.id)).toContain("M5");
    expect(searchCatalogue("", "whatsapp").rows).toEqual([]);
    expect(searchCatalogue("", "whatsapp").codes.every((c) => c.kind === "whatsapp")).toBe(true);
  });
});
