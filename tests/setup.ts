/** Mocha root hooks: start the three stack plans in the background as soon as the suite loads. */
import { warmPlans } from "./support/plans";

export const mochaHooks = {
    beforeAll(): void {
        warmPlans();
    },
};
