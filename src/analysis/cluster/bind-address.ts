// cluster.bind-address: the controller manager or scheduler serves on every
// interface (CIS 1.3.7, 1.4.2). The default is 0.0.0.0.
import { type Component, type FlagItem, flagCheck, shown } from "./control-plane.js";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

const item = (cis: string, component: Component, configFlags?: string[]): FlagItem => ({
  cis,
  cisText: "Ensure that the --bind-address argument is set to 127.0.0.1",
  component,
  flag: "bind-address",
  want: "--bind-address=127.0.0.1",
  ...(configFlags ? { configFlags } : {}),
  evaluate(_flags, value) {
    if (value && LOOPBACK.has(value.value)) return undefined;
    return {
      current: shown(value, "0.0.0.0"),
      message: `--bind-address is ${shown(value, "0.0.0.0")}: its secure port (metrics, health, profiling) is reachable from the network`,
    };
  },
});

export const bindAddress = flagCheck(
  {
    id: "cluster.bind-address",
    title: "Controller manager or scheduler listens on all interfaces",
    severity: "medium",
    panel: "cluster",
    description:
      "kube-controller-manager and kube-scheduler serve HTTPS (health, metrics, and /debug/pprof when profiling is on) on --bind-address, every interface by default; only the node itself needs it.",
    remediation: "Set --bind-address=127.0.0.1 on kube-controller-manager and kube-scheduler.",
    references: [
      "CIS Kubernetes Benchmark 1.3.7: Ensure that the --bind-address argument is set to 127.0.0.1 (controller manager)",
      "CIS Kubernetes Benchmark 1.4.2: Ensure that the --bind-address argument is set to 127.0.0.1 (scheduler)",
    ],
  },
  [item("1.3.7", "kube-controller-manager"), item("1.4.2", "kube-scheduler", ["config"])],
);
