// cluster.profiling: /debug/pprof served by the API server, controller manager or
// scheduler (CIS 1.2.15, 1.3.2, 1.4.1). The default is true.
import { type Component, type FlagItem, flagCheck, shown } from "./control-plane.js";
import { parseBool } from "./flags.js";

const item = (cis: string, component: Component, configFlags?: string[]): FlagItem => ({
  cis,
  cisText: "Ensure that the --profiling argument is set to false",
  component,
  flag: "profiling",
  want: "--profiling=false",
  ...(configFlags ? { configFlags } : {}),
  evaluate(_flags, value) {
    if (value && parseBool(value.value) === false) return undefined;
    return {
      current: shown(value, "true"),
      message: `--profiling is ${shown(value, "true")}: /debug/pprof exposes internals and costs CPU on demand`,
    };
  },
});

export const profiling = flagCheck(
  {
    id: "cluster.profiling",
    title: "Control-plane profiling enabled",
    severity: "low",
    panel: "cluster",
    description:
      "The component serves /debug/pprof (profiling defaults to on): detailed program internals to anyone allowed to read it, and an easy way to load the component.",
    remediation: "Set --profiling=false on kube-apiserver, kube-controller-manager and kube-scheduler.",
    references: [
      "CIS Kubernetes Benchmark 1.2.15: Ensure that the --profiling argument is set to false (API server)",
      "CIS Kubernetes Benchmark 1.3.2: Ensure that the --profiling argument is set to false (controller manager)",
      "CIS Kubernetes Benchmark 1.4.1: Ensure that the --profiling argument is set to false (scheduler)",
    ],
  },
  [
    item("1.2.15", "kube-apiserver"),
    item("1.3.2", "kube-controller-manager"),
    item("1.4.1", "kube-scheduler", ["config"]),
  ],
);
