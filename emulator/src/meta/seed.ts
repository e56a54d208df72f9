import { ALL_TASKS, type MetaBusiness, type MetaInstagram, type MetaPage, type MetaPhoneNumber, type MetaUser, type MetaWaba } from "./types";

/** Deterministic ids of the default world, exported so tests and docs name the same objects. */
export const SEED = {
  user: "1000100001",
  pages: {
    bakery: "2000100001",
    outlet: "2000100002",
    studio: "2000100003",
    corner: "2000100004",
    groupHq: "2000100005",
    partnerCafe: "2000100006",
  },
  instagram: { bakery: "17841000100001", studioPersonal: "17841000100002", corner: "17841000100003" },
  businesses: { acmeGroup: "3000100001", acmeBrands: "3000100002", partner: "3000100003" },
  wabas: { bakery: "4000100001", outlet: "4000100002" },
  phones: { good: "5000100001", unregistered: "5000100002", namePending: "5000100003" },
} as const;

export interface SeedWorld {
  users: MetaUser[];
  pages: MetaPage[];
  instagram: MetaInstagram[];
  businesses: MetaBusiness[];
  wabas: MetaWaba[];
  phones: MetaPhoneNumber[];
}

export function defaultUser(id: string, name: string): MetaUser {
  return { id, name, passwordEpoch: 0, appEpoch: 0, appRole: true };
}

export function defaultPhone(id: string, wabaId: string, display: string, verifiedName: string): MetaPhoneNumber {
  return {
    id,
    wabaId,
    display_phone_number: display,
    verified_name: verifiedName,
    status: "CONNECTED",
    name_status: "APPROVED",
    code_verification_status: "VERIFIED",
    quality_rating: "GREEN",
    platform_type: "CLOUD_API",
    throughput: { level: "STANDARD" },
    registered: true,
    forcePinMismatch: false,
    paymentMethod: true,
    registerAttempts: 0,
  };
}

export function seedWorld(): SeedWorld {
  const u = SEED.user;
  const page = (id: string, name: string, extra: Partial<MetaPage>): MetaPage => ({
    id,
    name,
    category: "Bakery",
    roles: {},
    clientBusinessIds: [],
    ...extra,
  });
  const unregistered = defaultPhone(SEED.phones.unregistered, SEED.wabas.bakery, "+1 555-010-0002", "Acme Bakery Orders");
  unregistered.registered = false;
  unregistered.status = "PENDING";
  const namePending = defaultPhone(SEED.phones.namePending, SEED.wabas.outlet, "+1 555-010-0003", "Acme Outlet");
  namePending.name_status = "PENDING_REVIEW";
  return {
    users: [defaultUser(u, "Emu Tester")],
    pages: [
      page(SEED.pages.bakery, "Acme Bakery", { roles: { [u]: [...ALL_TASKS] }, igId: SEED.instagram.bakery }),
      page(SEED.pages.outlet, "Acme Outlet", { roles: { [u]: [...ALL_TASKS] }, category: "Shopping & retail" }),
      page(SEED.pages.studio, "Acme Studio", { roles: { [u]: [...ALL_TASKS] }, igId: SEED.instagram.studioPersonal, category: "Art" }),
      // MESSAGING without MODERATE: Instagram messaging through this Page fails the role check (M6).
      page(SEED.pages.corner, "Acme Corner Shop", { roles: { [u]: ["MESSAGING", "ANALYZE"] }, igId: SEED.instagram.corner }),
      page(SEED.pages.groupHq, "Acme Group HQ", { ownerBusinessId: SEED.businesses.acmeGroup, category: "Company" }),
      page(SEED.pages.partnerCafe, "Partner Café", {
        ownerBusinessId: SEED.businesses.partner,
        clientBusinessIds: [SEED.businesses.acmeGroup],
        category: "Cafe",
      }),
    ],
    instagram: [
      { id: SEED.instagram.bakery, username: "acmebakery", name: "Acme Bakery", accountType: "BUSINESS", allowAccessToMessages: true },
      { id: SEED.instagram.studioPersonal, username: "acme.studio", name: "Acme Studio", accountType: "PERSONAL", allowAccessToMessages: true },
      { id: SEED.instagram.corner, username: "acmecorner", name: "Acme Corner Shop", accountType: "CREATOR", allowAccessToMessages: true },
    ],
    businesses: [
      { id: SEED.businesses.acmeGroup, name: "Acme Group", userIds: [u], verified: true },
      { id: SEED.businesses.acmeBrands, name: "Acme Brands", userIds: [u], verified: false },
      { id: SEED.businesses.partner, name: "Partner Holdings", userIds: [], verified: true },
    ],
    wabas: [
      waba(SEED.wabas.bakery, "Acme Bakery WhatsApp", SEED.businesses.acmeGroup),
      waba(SEED.wabas.outlet, "Acme Outlet WhatsApp", SEED.businesses.acmeGroup),
    ],
    phones: [defaultPhone(SEED.phones.good, SEED.wabas.bakery, "+1 555-010-0001", "Acme Bakery"), unregistered, namePending],
  };
}

export function waba(id: string, name: string, businessId: string, solutionIds: string[] = []): MetaWaba {
  return { id, name, businessId, currency: "USD", timezone_id: "1", message_template_namespace: `ns_${id}`, solutionIds };
}
