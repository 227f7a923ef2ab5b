// The control plane as the API shows it: the mirror pods that kubeadm, kind,
// minikube and rke2 run in kube-system from static manifests on the node
// (labels component=<binary>, tier=control-plane). Their command lines are the
// flags the components really run with — except what a --config file sets,
// which the API cannot show ("not observable", never a pass).
import { type KObject, refOf } from "../../cluster/objects.js";
import type { Store } from "../../store/store.js";
import type { CheckDef } from "../engine.js";
import { type CheckMeta, type Finding, makeFinding, type Severity } from "../finding.js";
import { componentContainer, type FlagOccurrence, lastValue, type ParsedFlags, parseContainerFlags } from "./flags.js";

export const COMPONENTS = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"] as const;
export type Component = (typeof COMPONENTS)[number];

export interface ControlPlanePod {
  pod: KObject;
  component: Component;
  flags: ParsedFlags;
}

const MIRROR = "kubernetes.io/config.mirror";
const CONFIG_SOURCE = "kubernetes.io/config.source";

/** The component a kube-system pod runs, if it is a control-plane pod. */
export function componentOf(pod: KObject): Component | undefined {
  if (pod.kind !== "Pod" || pod.metadata.namespace !== "kube-system") return undefined;
  const component = pod.metadata.labels.component;
  if (!(COMPONENTS as readonly string[]).includes(component ?? "")) return undefined;
  const a = pod.metadata.annotations;
  const controlPlane =
    pod.metadata.labels.tier === "control-plane" || a[MIRROR] !== undefined || a[CONFIG_SOURCE] === "file";
  return controlPlane ? (component as Component) : undefined;
}

const parsed = new WeakMap<KObject, ControlPlanePod | null>();

/** The pod as a control-plane pod (flags parsed once per object). */
export function controlPlanePod(pod: KObject): ControlPlanePod | undefined {
  let cp = parsed.get(pod);
  if (cp === undefined) {
    const component = componentOf(pod);
    if (!component) cp = null;
    else {
      const { container, path } = componentContainer(pod, component);
      cp = { pod, component, flags: parseContainerFlags(container, path) };
    }
    parsed.set(pod, cp);
  }
  return cp ?? undefined;
}

export function controlPlanePods(store: Store): ControlPlanePod[] {
  const out: ControlPlanePod[] = [];
  for (const pod of store.inNamespace("Pod", "kube-system")) {
    const cp = controlPlanePod(pod);
    if (cp) out.push(cp);
  }
  return out;
}

/** Where the static pod manifest of `component` lives on its node (the API does not say: by distribution). */
export function manifestPath(pod: KObject, component: Component): string {
  const volumes: unknown[] = Array.isArray(pod.spec?.volumes) ? pod.spec.volumes : [];
  const rke2 = volumes.some((v) => {
    const p = (v as { hostPath?: { path?: unknown } })?.hostPath?.path;
    return typeof p === "string" && p.startsWith("/var/lib/rancher/rke2");
  });
  return rke2
    ? `/var/lib/rancher/rke2/agent/pod-manifests/${component}.yaml`
    : `/etc/kubernetes/manifests/${component}.yaml`;
}

/** What one CIS item found wrong. */
export interface ItemProblem {
  /** The value in effect, as the user should read it ("true (not set: the default)"). */
  current: string;
  message: string;
  /** The occurrence that is wrong; absent when the flag is not set. */
  at?: FlagOccurrence;
  severity?: Severity;
}

/** One CIS Kubernetes Benchmark item checked from a component's flags. */
export interface FlagItem {
  cis: string;
  /** The item's title in the benchmark. */
  cisText: string;
  component: Component;
  flag: string;
  /** The line to put under the container's command in the static pod manifest. */
  want: string;
  /** Flags naming a file that may set this item instead (the API cannot show the file). */
  configFlags?: readonly string[];
  /** etcd also reads ETCD_<FLAG> from the environment. */
  env?: string;
  evaluate(flags: ParsedFlags, value: FlagOccurrence | undefined): ItemProblem | undefined;
}

export interface FlagCheck extends CheckDef {
  items: readonly FlagItem[];
  detect(cp: ControlPlanePod): Finding[];
  detail(finding: Finding, object: KObject | undefined): string[];
}

export const CIS_BENCHMARK = "CIS Kubernetes Benchmark v1.10";

/** The occurrence in effect for `item`: the last one on the command line, else the env variable. */
function effectiveValue(item: FlagItem, flags: ParsedFlags): FlagOccurrence | undefined {
  const v = lastValue(flags, item.flag);
  if (v) return v;
  const env =
    item.env ?? (item.component === "etcd" ? `ETCD_${item.flag.toUpperCase().replace(/-/g, "_")}` : undefined);
  const e = env ? flags.env.get(env) : undefined;
  return e === undefined ? undefined : { value: e, path: `${flags.containerPath}.env[${env}]`, written: `${env}=${e}` };
}

interface Verdict {
  item: FlagItem;
  severity?: Severity;
  message: string;
  current: string;
  path: string;
  notObservable?: string;
}

function verdicts(check: FlagCheck, cp: ControlPlanePod): Verdict[] {
  const out: Verdict[] = [];
  for (const item of check.items) {
    if (item.component !== cp.component) continue;
    const value = effectiveValue(item, cp.flags);
    const config = value ? undefined : item.configFlags?.map((f) => lastValue(cp.flags, f)).find(Boolean);
    if (config) {
      out.push({
        item,
        severity: "info",
        current: `not observable (set through ${config.written})`,
        message: `${cp.component} --${item.flag} is not on the command line and may be set in ${config.value}, which the API does not show: CIS ${item.cis} is not observable`,
        path: config.path,
        notObservable: config.value,
      });
      continue;
    }
    let problem: ItemProblem | undefined;
    try {
      problem = item.evaluate(cp.flags, value);
    } catch {
      problem = undefined; // analysis never throws; an item that cannot be read reports nothing
    }
    if (!problem) continue;
    out.push({
      item,
      ...(problem.severity ? { severity: problem.severity } : {}),
      message: `${cp.component} ${problem.message} (CIS ${item.cis})`,
      current: problem.current,
      path: (problem.at ?? value)?.path ?? `${cp.flags.containerPath}.command`,
    });
  }
  return out;
}

const CANNOT_PATCH =
  "kubeward cannot patch a static pod: the kubelet runs it from the manifest file on the node and the API only shows its mirror. Edit the file on each control-plane node; the kubelet restarts the component.";

/** A check over one or more CIS items of the control-plane flags. */
export function flagCheck(meta: CheckMeta, items: readonly FlagItem[]): FlagCheck {
  const check: FlagCheck = {
    meta,
    items,
    detect(cp) {
      return verdicts(check, cp).map((v) =>
        makeFinding({
          meta,
          resource: refOf(cp.pod),
          container: cp.component,
          path: v.path,
          message: v.message,
          ...(v.severity ? { severity: v.severity } : {}),
          discriminator: v.item.cis,
        }),
      );
    },
    detail(finding, object) {
      const cp = object ? controlPlanePod(object) : undefined;
      if (!cp) return [];
      const v = verdicts(check, cp).find(
        (x) =>
          finding.message.endsWith(`(CIS ${x.item.cis})`) ||
          finding.message.includes(`CIS ${x.item.cis} is not observable`),
      );
      if (!v) return [];
      const file = manifestPath(cp.pod, cp.component);
      return [
        `Flag: --${v.item.flag} · current: ${v.current}`,
        `${CIS_BENCHMARK} ${v.item.cis}: ${v.item.cisText}`,
        v.notObservable
          ? `Read ${v.notObservable} on the control-plane node to see this setting; or set it on the command line in ${file}, under ${cp.flags.containerPath}.command:`
          : `In ${file} on the control-plane node, under ${cp.flags.containerPath}.command, set:`,
        `    - ${v.item.want}`,
        CANNOT_PATCH,
      ];
    },
  };
  return check;
}

/** "true (not set: the default)" or the value as written. */
export function shown(value: FlagOccurrence | undefined, fallback: string): string {
  return value ? value.value : `${fallback} (not set: the default)`;
}
