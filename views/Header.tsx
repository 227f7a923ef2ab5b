import { Box, Text } from "ink";
import { memo } from "react";
import { SEVERITIES, type Severity } from "../src/analysis/finding.js";
import type { SourceInfo } from "../src/cluster/source.js";
import type { KindStatus } from "../src/store/store.js";
import { sanitize } from "../src/util/sanitize.js";
import { whereText } from "./header-text.js";
import { clip, clock } from "./text.js";
import { color, severityColor } from "./theme.js";

export interface HeaderProps {
  info: SourceInfo;
  counts: Record<Severity, number>;
  statuses: ReadonlyMap<string, KindStatus>;
  lastEventAt: number | undefined;
  width: number;
  /** Namespace the view is scoped to with :ns (the source's own scope wins). */
  scope?: string | undefined;
  /** Accepted findings, counted apart from the severities. */
  accepted?: number | undefined;
}

/**
 * "18/18 kinds live", or the kinds that are not (forbidden, reconnecting, …). Optional
 * kinds the cluster does not serve are counted apart as "not installed", never as a problem.
 */
export function connection(statuses: ReadonlyMap<string, KindStatus>): { text: string; bad: boolean } {
  const absent = [...statuses].filter(([, s]) => s.state === "not-installed").map(([k]) => k);
  const bad = [...statuses].filter(([, s]) => s.state !== "connected" && s.state !== "not-installed");
  const total = statuses.size - absent.length;
  const live = total - bad.length;
  const notInstalled = absent.length
    ? ` · ${absent.length > 2 ? `${absent.length} kinds` : absent.join(", ")} not installed`
    : "";
  if (!bad.length) return { text: `${live}/${total} kinds live${notInstalled}`, bad: false };
  const parts = bad.slice(0, 3).map(([k, s]) => `${k} ${s.state}`);
  // The reason, when the failing kinds share one (TLS, 401, exec plugin error or timeout),
  // not only "reconnecting".
  const reasons = new Set(bad.filter(([, s]) => s.state !== "forbidden").map(([, s]) => s.message ?? ""));
  const reason = reasons.size === 1 ? [...reasons][0] : "";
  return {
    text: `${live}/${total} live · ${parts.join(", ")}${bad.length > 3 ? ` +${bad.length - 3}` : ""}${notInstalled}${reason ? ` · ${sanitize(reason)}` : ""}`,
    bad: true,
  };
}

const SEVERITY_SHORT: Record<Severity, string> = {
  critical: "crit",
  high: "high",
  medium: "med",
  low: "low",
  info: "info",
};

export const Header = memo(function Header({
  info,
  counts,
  statuses,
  lastEventAt,
  width,
  scope,
  accepted,
}: HeaderProps) {
  const where = whereText(info, scope);
  const conn = connection(statuses);
  // Short severity names on a narrow terminal, so the connection state and last event fit.
  const short = width < 110;
  const sev = SEVERITIES.map((s) => `${counts[s]} ${short ? SEVERITY_SHORT[s] : s}`);
  const tail = `${accepted ? ` · ${accepted} accepted` : ""} · ${conn.text}${lastEventAt ? ` · last event ${clock(lastEventAt)}` : ""}`;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold color={color("green")}>
          kubeward
        </Text>
        <Text> {clip(where, Math.max(10, width - 10))}</Text>
      </Text>
      <Text wrap="truncate">
        {SEVERITIES.map((s, i) => (
          <Text key={s} color={severityColor(s)} bold={s === "critical" && counts[s] > 0}>
            {`${sev[i]}${i < SEVERITIES.length - 1 ? (short ? " " : "  ") : ""}`}
          </Text>
        ))}
        <Text color={color(conn.bad ? "yellow" : "gray")}>
          {clip(tail, Math.max(0, width - sev.join(short ? " " : "  ").length))}
        </Text>
      </Text>
      {info.note ? (
        <Text color={color("yellow")} wrap="truncate">
          {clip(info.note, width)}
        </Text>
      ) : null}
    </Box>
  );
});
