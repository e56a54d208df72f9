import { procedureFuzzSuite } from "./support/procedure-fuzz";

// A third of the procedures (by position in the sorted list), so the workers share the fuzzing.
procedureFuzzSuite(1, 3);
