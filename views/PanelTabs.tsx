import { Text } from "ink";
import { memo } from "react";
import { PANELS, type Panel } from "../src/analysis/finding.js";
import { color } from "./theme.js";

export interface PanelTabsProps {
  focused: Panel;
  counts: Record<Panel, number>;
}

const SHORT: Record<Panel, string> = {
  pods: "pods",
  rbac: "rbac",
  network: "network",
  secrets: "secrets",
  images: "images",
  cluster: "cluster",
};

/** Short tab label, as the :pod/:rbac/:net/:sec/:img commands name them. */
export const panelShort = (p: Panel): string => SHORT[p];

export const PanelTabs = memo(function PanelTabs({ focused, counts }: PanelTabsProps) {
  return (
    <Text wrap="truncate">
      {PANELS.map((p, i) => {
        const label = ` ${i + 1} ${panelShort(p)} ${counts[p]} `;
        // Brackets mark the focused tab without colour (NO_COLOR).
        return p === focused ? (
          <Text key={p} inverse bold>
            {`[${label.trim()}]`}
          </Text>
        ) : (
          <Text key={p} color={color("gray")}>
            {label}
          </Text>
        );
      })}
    </Text>
  );
});
