import { strict as assert } from "node:assert";
import { cidrContains, cronProblem, isCidr, isTimeZone } from "../../config/validators";

describe("shared config validators", () => {
    describe("cron schedules (as Kubernetes CronJobs read them)", () => {
        for (const ok of [
            "0 2 * * *",
            "*/15 * * * *",
            "0 9-17 * * MON-FRI",
            "30 3 1,15 * *",
            "0 0 * JAN,JUL SUN",
            "@daily",
        ])
            it(`accept "${ok}"`, () => assert.equal(cronProblem(ok), undefined));
        const bad: [string, RegExp][] = [
            ["0 99 * * *", /hour from 0 to 23, not "99"/],
            ["0 2 * *", /5 fields/],
            ["0 2 * * * *", /5 fields/],
            ["60 * * * *", /minute from 0 to 59/],
            ["0 0 0 * *", /day of month from 1 to 31/],
            ["0 0 * 13 *", /month from 1 to 12/],
            ["0 0 * * 7", /day of week from 0 to 6/],
            ["*/0 * * * *", /step of at least 1/],
            ["0 5-1 * * *", /ascending hour range/],
            ["TZ=UTC 0 2 * * *", /no TZ= prefix/],
            ["@every 5m", /5 fields/],
        ];
        for (const [schedule, why] of bad)
            it(`refuse "${schedule}"`, () => assert.match(cronProblem(schedule) ?? "", why));
    });

    it("know IANA time zones", () => {
        for (const zone of ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Etc/UTC"])
            assert.ok(isTimeZone(zone), zone);
        for (const zone of ["Mars/Olympus", "CEST+2", "", "europe berlin"]) assert.ok(!isTimeZone(zone), zone);
    });

    it("read IPv4 CIDRs and whether one contains another", () => {
        assert.ok(isCidr("10.0.0.0/16"));
        assert.ok(!isCidr("10.0.0.256/16"));
        assert.ok(!isCidr("10.0.0.0/33"));
        assert.ok(cidrContains("10.0.0.0/16", "10.0.32.0/19"));
        assert.ok(!cidrContains("10.0.0.0/16", "10.1.0.0/24"));
        assert.ok(!cidrContains("10.0.0.0/24", "10.0.0.0/16"));
    });
});
