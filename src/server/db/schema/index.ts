export * from "./users";
export * from "./audit";
export * from "./settings";
export * from "./customers";
export * from "./channels";
export * from "./access";
export * from "./outbox";
