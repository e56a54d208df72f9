import { createTRPCRouter } from "@/server/api/trpc";
import { create, linkProject, runSetupProcedure, update } from "./create";
import { get, timeline } from "./get";
import { archive, deleteApp, setChecklist, unarchive } from "./lifecycle";
import { list } from "./list";

export const customersRouter = createTRPCRouter({
  list,
  get,
  timeline,
  create,
  runSetup: runSetupProcedure,
  linkProject,
  update,
  setChecklist,
  archive,
  unarchive,
  deleteApp,
});
