// One flat copy per distinct string, shared by everyone who holds an equal one.
// Text built with template literals is a tree of concatenations (V8 cons strings,
// ~32 bytes a node) that stays a tree for as long as it is kept: 425,000 finding
// messages and paths held that way cost more than the findings themselves, and
// most of them repeat ("container "app" runs privileged: …"). Using a string as a
// property key makes V8 intern it (one flat copy in its string table, dropped
// when nothing holds it any more), so this keeps no table of its own.

const INDEX = /^(?:0|[1-9]\d*)$/;

/** A string equal to `s`: flat, and the same instance as every other string shared this way. */
export function sharedString(s: string): string {
  // Array indices become elements, not named keys: those (short numbers) are left alone.
  if (typeof s !== "string" || INDEX.test(s)) return s;
  for (const k in { [s]: 0 }) return k;
  return s;
}
