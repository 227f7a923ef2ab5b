// Colours by severity; none at all when NO_COLOR is set (https://no-color.org).
import type { Severity } from "../src/analysis/finding.js";

export const noColor = (): boolean => Boolean(process.env.NO_COLOR);

const SEVERITY_COLORS: Record<Severity, string> = {
  critical: "red",
  high: "magenta",
  medium: "yellow",
  low: "cyan",
  info: "gray",
};

export function severityColor(s: Severity): string | undefined {
  return noColor() ? undefined : SEVERITY_COLORS[s];
}

export function color(name: string): string | undefined {
  return noColor() ? undefined : name;
}

export const SEVERITY_TAGS: Record<Severity, string> = {
  critical: "CRIT",
  high: "HIGH",
  medium: "MED ",
  low: "LOW ",
  info: "INFO",
};
