export async function register() {
  // NEXT_RUNTIME is a build-time constant Next inlines per bundle (not a setting), and it is the
  // only condition Next strips from the edge bundle; all configuration still comes from src/env.ts.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./server/startup");
  await startServer();
}
