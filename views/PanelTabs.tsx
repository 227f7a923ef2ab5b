import { Text } from "ink";
import { memo } from "react";
import { PANEL_TITLES, PANELS, type Panel } from "../src/analysis/finding.js";
import { color } from "./theme.js";

export interface PanelTabsProps {
  focused: Panel;
  counts: Record<Panel, number>;
}

export const PanelTabs = memo(function PanelTabs({ focused, counts }: PanelTabsProps) {
  return (
    <Text>
      {PANELS.map((p, i) => {
        const label = ` ${i + 1} ${PANEL_TITLES[p].split(" ").pop()} ${counts[p]} `;
        return p === focused ? (
          <Text key={p} inverse bold>
            {label}
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
