import { breakageSuite } from "./meta/breakage-suite";
import { loginSuite } from "./meta/login-suite";
import { whatsappSuite } from "./meta/whatsapp-suite";

// One test file for the Meta half: its fault switches (`meta.*` keys) never overlap the Sinch file's.
loginSuite();
whatsappSuite();
breakageSuite();
