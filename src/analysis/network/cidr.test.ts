import { describe, expect, it } from "vitest";
import { cidrContains, isEverything, parseCidr, parseIp } from "./cidr.js";

describe("CIDRs", () => {
  it.each([
    ["10.0.0.0/8", "10.1.2.3", true],
    ["10.0.0.0/8", "11.0.0.1", false],
    ["192.168.1.0/24", "192.168.1.255", true],
    ["192.168.1.7/32", "192.168.1.7", true],
    ["0.0.0.0/0", "8.8.8.8", true],
    ["0.0.0.0/0", "2001:db8::1", false],
    ["2001:db8::/32", "2001:db8:ffff::1", true],
    ["2001:db8::/32", "2001:db9::1", false],
    ["::/0", "::1", true],
    ["::ffff:0:0/96", "::ffff:10.0.0.1", true],
  ])("%s contains %s: %s", (cidr, ip, expected) => {
    expect(cidrContains(parseCidr(cidr)!, parseIp(ip)!)).toBe(expected);
  });

  it.each(["10.0.0.0", "10.0.0.0/33", "300.0.0.0/8", "1::2::3/64", "abc/8", "", "10.0.0.0/8/1"])(
    "rejects %j",
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );

  it("knows a block of every address", () => {
    expect(isEverything(parseCidr("0.0.0.0/0")!)).toBe(true);
    expect(isEverything(parseCidr("::/0")!)).toBe(true);
    expect(isEverything(parseCidr("0.0.0.0/1")!)).toBe(false);
  });
});
