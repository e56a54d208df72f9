import type { JobDefinition } from "./types";

/**
 * Every background job. Handlers are thin: they call a service function that tests also call
 * directly, so the queue is only scheduling.
 */
export const jobDefinitions: JobDefinition[] = [];
