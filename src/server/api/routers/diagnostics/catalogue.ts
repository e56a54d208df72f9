import { permissionProcedure } from "@/server/api/trpc";
import { searchCatalogue } from "@/server/services/diagnostics/catalogue";
import { catalogueInput, catalogueOutput } from "./schemas";

export const catalogue = permissionProcedure("diagnostics.run")
  .input(catalogueInput)
  .output(catalogueOutput)
  .query(({ input }) => searchCatalogue(input.query ?? "", input.kind));
