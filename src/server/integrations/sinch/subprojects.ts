import { joinUrl } from "../http";
import type { SinchRest } from "./rest";
import { toSubproject } from "./transform";
import type { Subproject, WireSubproject, WireSubprojectList } from "./types";

export interface CreateSubprojectInput {
  displayName: string;
  labels?: Record<string, string>;
}

export interface SubprojectsClient {
  create(input: CreateSubprojectInput): Promise<Subproject>;
  list(): Promise<Subproject[]>;
  get(subprojectId: string): Promise<Subproject>;
}

const MAX_PAGES = 100;

export function createSubprojectsClient(baseUrl: string, parentProjectId: string, rest: SinchRest): SubprojectsClient {
  const listUrl = joinUrl(baseUrl, `v1/projects/${encodeURIComponent(parentProjectId)}/subprojects`);
  return {
    async create(input) {
      const body: Record<string, unknown> = { displayName: input.displayName };
      if (input.labels) body.labels = input.labels;
      // Not idempotent: a retried create could make a second subproject (names are not unique).
      const wire = await rest.call<WireSubproject>(
        { method: "POST", url: listUrl, operation: "subprojects.create", json: body },
        { subprojectsApi: true },
      );
      return toSubproject(wire);
    },
    async list() {
      const out: Subproject[] = [];
      let pageToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const wire = await rest.call<WireSubprojectList>(
          { method: "GET", url: listUrl, operation: "subprojects.list", query: { pageToken, pageSize: 100 } },
          { subprojectsApi: true },
        );
        out.push(...(wire.subprojects ?? []).map(toSubproject));
        pageToken = wire.nextPageToken || undefined;
        if (!pageToken) break;
      }
      return out;
    },
    async get(subprojectId) {
      const wire = await rest.call<WireSubproject>({
        method: "GET",
        url: joinUrl(baseUrl, `v1/subprojects/${encodeURIComponent(subprojectId)}`),
        operation: "subprojects.get",
      });
      return toSubproject(wire);
    },
  };
}
