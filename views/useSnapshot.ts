// The controller's snapshot as React state, the way React reads an external store:
// no copy in useState, and no update lost between the first render and the subscription.
import { useCallback, useSyncExternalStore } from "react";
import type { Controller, Snapshot } from "../src/app/controller.js";

export function useSnapshot(controller: Controller): Snapshot {
  const subscribe = useCallback((onChange: () => void) => controller.subscribe(() => onChange()), [controller]);
  return useSyncExternalStore(subscribe, () => controller.current);
}
