import { startEmulator } from "./server";

const emulator = await startEmulator();
console.log(`[emulator] Sinch + Meta emulator listening on ${emulator.url} (control page: ${emulator.url}/_emulator)`);

const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
