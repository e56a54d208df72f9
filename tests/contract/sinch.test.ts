import { appsSuite } from "./sinch/apps-suite";
import { provisioningSuite } from "./sinch/provisioning-suite";
import { resilienceSuite } from "./sinch/resilience-suite";
import { webhooksSuite } from "./sinch/webhooks-suite";

// One test file for the Sinch half: suites run one after another, so the resilience suite's global
// switches (faults, clock) never hit a concurrently running Sinch suite.
appsSuite();
webhooksSuite();
provisioningSuite();
resilienceSuite();
