// The six steps of a containment plan (src/patch/contain.ts), one builder each:
// evidence, quarantine, detach, node, credentials, eradicate. Each returns why, what
// it breaks, how to undo it, notes, and the commands — every value shell-quoted,
// and a name Kubernetes would reject never printed into a command.
import { Document } from "yaml";
import type { IsolationInfo, Models } from "../analysis/models.js";
import { type Labels, matches, parseSelector, type Selector } from "../analysis/network/selectors.js";
import { isLegacyToken, SA_NAME_ANNOTATION } from "../analysis/secrets/legacy-token.js";
import { powerOf } from "../analysis/secrets/power.js";
import { secretsUsedBy, serviceAccountOf, tokenAutomounted } from "../analysis/secrets/refs.js";
import { containersOf, type Workload } from "../analysis/workloads.js";
import { type KObject, type ResourceRef, refKey, refLabel } from "../cluster/objects.js";
import type { Store } from "../store/store.js";
import { sha256Hash } from "../util/hash.js";
import { isRecord } from "../util/record.js";
import { isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue, shellQuote as q } from "../util/shell.js";
import { withChainParts } from "./chain.js";
import type { BundleFile, ContainInput, ContainStep } from "./contain.js";
import { type FixPlan, planFixes } from "./plan.js";
import { renderPatch } from "./render.js";

type Json = Record<string, unknown>;

export const QUARANTINE_LABEL = "kubeward.io/quarantine";

const CONTROLLER_KINDS = new Set(["ReplicaSet", "ReplicationController", "StatefulSet", "DaemonSet", "Job"]);

/** What every step reads about the pod, gathered once. */
export interface Facts {
  pod: KObject;
  ref: ResourceRef;
  ns: string;
  name: string;
  w: Workload;
  id: string;
  node: string | undefined;
  hostNetwork: boolean;
  escapes: string[];
  chain: ResourceRef[];
  owner: KObject | undefined;
  ownerRef: ResourceRef | undefined;
  top: ResourceRef;
  problems: string[];
}

const podArgs = (f: Facts) => `pod ${q(f.name)} -n ${q(f.ns)}`;

export function str(v: unknown): string | undefined {
  return typeof v === "string" && v ? v : undefined;
}

/** A controller's selector: LabelSelector for apps/batch kinds, a plain map for ReplicationControllers. */
function selectorOf(obj: KObject): Selector | undefined {
  const raw = obj.spec?.selector;
  if (!isRecord(raw)) return undefined;
  return parseSelector(obj.kind === "ReplicationController" ? { matchLabels: raw } : raw);
}

/** The label value and policy name stem that quarantine this pod (stable per pod uid). */
export function quarantineIdOf(pod: KObject): string {
  // SHA-256 as before the fast id hash: quarantines already applied keep their names.
  return `q-${sha256Hash("quarantine", pod.metadata.uid).slice(0, 10)}`;
}

export function quarantinePolicy(namespace: string, id: string): Json {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: {
      name: `kubeward-quarantine-${id}`,
      namespace,
      labels: { "app.kubernetes.io/managed-by": "kubeward" },
    },
    // Both policy types and no rules: nothing in, nothing out, for every pod carrying the label.
    spec: { podSelector: { matchLabels: { [QUARANTINE_LABEL]: id } }, policyTypes: ["Ingress", "Egress"] },
  };
}

// 1 ─ evidence ────────────────────────────────────────────────────────────────

export function evidenceStep(f: Facts, store: Store): ContainStep {
  const cmds = [
    "mkdir -p evidence",
    `kubectl get ${podArgs(f)} -o yaml > evidence/pod.yaml`,
    `kubectl get ${podArgs(f)} -o wide > evidence/pod-wide.txt`,
    `kubectl describe ${podArgs(f)} > evidence/describe.txt`,
  ];
  for (const c of containersOf(f.w)) {
    if (!isDnsLabel(c.name)) {
      f.problems.push(`container name ${JSON.stringify(c.name)} is not one Kubernetes accepts: its logs are left out`);
      continue;
    }
    cmds.push(
      `kubectl logs ${q(f.name)} -n ${q(f.ns)} -c ${q(c.name)} --timestamps > ${q(`evidence/logs-${c.name}.txt`)}`,
      `kubectl logs ${q(f.name)} -n ${q(f.ns)} -c ${q(c.name)} --timestamps --previous > ${q(`evidence/logs-${c.name}-previous.txt`)}`,
    );
  }
  cmds.push(
    `kubectl get events -n ${q(f.ns)} --field-selector ${q(`involvedObject.kind=Pod,involvedObject.name=${f.name}`)} -o wide > evidence/events.txt`,
  );
  for (const r of f.chain.slice(1)) {
    if (!isDnsSubdomain(r.name)) continue;
    const file = `evidence/owner-${r.kind.toLowerCase()}-${r.name}.yaml`;
    cmds.push(`kubectl get ${q(`${r.kind.toLowerCase()}/${r.name}`)} -n ${q(f.ns)} -o yaml > ${q(file)}`);
  }
  if (f.node) cmds.push(`kubectl get node ${q(f.node)} -o yaml > evidence/node.yaml`);
  const owners = f.chain.slice(1).map((r) => `${r.kind} ${r.name}`);
  const notes = [
    `Node: ${f.node ?? "none (not scheduled)"}. Owner chain: ${owners.length ? owners.join(" → ") : "none (bare pod)"}.`,
    `evidence/kubeward-report.json already holds what kubeward saw when this bundle was made: the pod's findings, owners, node, service account and network isolation.`,
    `"previous terminated container not found" from a --previous line only means that container never restarted.`,
  ];
  const others = f.node ? store.list("Pod").filter((p) => p.spec?.nodeName === f.node).length - 1 : 0;
  if (others > 0) notes.push(`${others} other pod(s) run on the same node (listed in step 4).`);
  return {
    title: "Save the evidence",
    why: "Every later step changes the pod or deletes it. Logs of a restarted container and the pod's events disappear first.",
    breaks: "Nothing: these commands only read.",
    undo: "Nothing to undo.",
    notes,
    commands: cmds,
  };
}

// 2 ─ quarantine ──────────────────────────────────────────────────────────────

function otherPolicies(f: Facts, models: Models): string[] {
  const net = models.network;
  let iso: IsolationInfo | undefined;
  try {
    iso = net?.isolationOf(refKey(f.ref));
  } catch {
    iso = undefined;
  }
  if (!iso) return [];
  const out: string[] = [];
  if (iso.ingressPolicies.length && iso.allows.ingress.length)
    out.push(
      `Already selected for ingress by ${iso.ingressPolicies.map((p) => p.name).join(", ")}, which allow in: ${iso.allows.ingress.join("; ")}`,
    );
  if (iso.egressPolicies.length && iso.allows.egress.length)
    out.push(
      `Already selected for egress by ${iso.egressPolicies.map((p) => p.name).join(", ")}, which allow out: ${iso.allows.egress.join("; ")}`,
    );
  if (out.length)
    out.push(
      "NetworkPolicies add up: what those policies allow still flows while they select the pod. Step 3's label change takes it out of policies that select on that label; otherwise remove the labels they select on.",
    );
  return out;
}

function servicesSelecting(store: Store, ns: string, labels: Labels): string[] {
  return store
    .inNamespace("Service", ns)
    .filter((s) => {
      const sel = s.spec?.selector;
      return isRecord(sel) && Object.keys(sel).length > 0 && matches(parseSelector({ matchLabels: sel }), labels);
    })
    .map((s) => s.metadata.name);
}

export function quarantineStep(f: Facts, input: ContainInput, files: BundleFile[]): ContainStep {
  const policy = quarantinePolicy(f.ns, f.id);
  const policyName = (policy.metadata as Json).name as string;
  // A host-network pod is not isolated by any policy: no file that could suggest otherwise.
  if (!f.hostNetwork)
    files.push({
      path: "quarantine-networkpolicy.yaml",
      content: `# Denies all ingress and egress of pods labelled ${QUARANTINE_LABEL}=${f.id} (kubeward containment of pod ${f.ns}/${f.name}).\n# It does nothing until the pod carries the label: kubectl label pod ... ${QUARANTINE_LABEL}=${f.id}\n${toYaml(policy)}`,
    });
  const label = `kubectl label ${podArgs(f)} ${q(`${QUARANTINE_LABEL}=${f.id}`)}`;
  const services = servicesSelecting(input.store, f.ns, f.pod.metadata.labels);
  const undo = `kubectl label ${podArgs(f)} ${q(`${QUARANTINE_LABEL}-`)} && kubectl delete networkpolicy ${q(policyName)} -n ${q(f.ns)}`;
  if (f.hostNetwork) {
    return {
      title: "Quarantine the pod's network — at the node, it uses hostNetwork",
      why: "The pod shares its node's network (hostNetwork: true). NetworkPolicy does not apply to host-network pods, so a quarantine policy would isolate nothing. Cut the node off instead: cordon and drain it (step 4) and block its traffic outside Kubernetes (cloud security group or host firewall). The label marks the pod so the drain in step 4 leaves it in place for forensics.",
      breaks:
        "The label alone breaks nothing. Blocking the node cuts every pod still on it, and the kubelet's link to the API server if you block that too.",
      undo: `kubectl label ${podArgs(f)} ${q(`${QUARANTINE_LABEL}-`)}`,
      notes: services.length ? [`Services sending it traffic: ${services.join(", ")}.`] : [],
      commands: [label],
    };
  }
  return {
    title: "Quarantine the pod's network",
    why: `A NetworkPolicy selecting ${QUARANTINE_LABEL}=${f.id} with both policy types and no rules denies all traffic in and out. Apply it, then label the pod: from then on it cannot beacon out, mine to a pool, or be reached.`,
    breaks: `Everything the pod talks to, DNS included.${services.length ? ` Services ${services.join(", ")} still route some requests to it (they fail) until step 3 takes it out of them.` : ""}`,
    undo,
    notes: otherPolicies(f, input.models),
    commands: ["kubectl apply -f quarantine-networkpolicy.yaml", label],
  };
}

// 3 ─ detach ──────────────────────────────────────────────────────────────────

interface Relabel {
  key: string;
  /** New value, or undefined to remove the label. */
  value: string | undefined;
  was: string | undefined;
}

function chooseRelabel(owner: KObject, selector: Selector, labels: Labels, id: string): Relabel | undefined {
  const reqs = selector.requirements.filter((r) => isLabelKey(r.key));
  const inReqs = reqs.filter((r) => r.operator === "In" && Object.hasOwn(labels, r.key));
  // A Deployment's ReplicaSet: change an app label, not pod-template-hash, so Services selecting it let go too.
  const preferred =
    owner.kind === "Job"
      ? inReqs.find((r) => r.key === "batch.kubernetes.io/controller-uid")
      : inReqs.find((r) => r.key !== "pod-template-hash");
  const pick = preferred ?? inReqs[0];
  const value = `quarantined-${id}`;
  if (pick && isLabelValue(value)) return { key: pick.key, value, was: labels[pick.key] };
  const exists = reqs.find((r) => r.operator === "Exists" && Object.hasOwn(labels, r.key));
  if (exists) return { key: exists.key, value: undefined, was: labels[exists.key] };
  return undefined;
}

const CONTROLLER_TEXT: Record<string, (owner: string, f: Facts, store: Store) => string> = {
  ReplicaSet: (o, f) =>
    `ReplicaSet ${o} lets go of a pod whose labels no longer match its selector (it removes its ownerReference) and starts a fresh pod from its template to keep its replica count.${f.top.kind === "Deployment" ? ` Deployment ${f.top.name} manages ReplicaSets, never pods, so a later rollout will not delete the detached pod.` : ""} The suspect pod keeps running, quarantined, for forensics.`,
  ReplicationController: (o) =>
    `ReplicationController ${o} lets go of a pod whose labels no longer match its selector and starts a fresh pod to keep its replica count. The suspect pod keeps running, quarantined, for forensics.`,
  StatefulSet: (o, f, store) => {
    const ss = store.getByName("StatefulSet", f.ns, o);
    const claims = (Array.isArray(ss?.spec?.volumeClaimTemplates) ? ss.spec.volumeClaimTemplates : [])
      .map((t: unknown) => (isRecord(t) && isRecord(t.metadata) ? str(t.metadata.name) : undefined))
      .filter((n: string | undefined): n is string => !!n)
      .map((n: string) => `${n}-${f.name}`);
    return `StatefulSet ${o} lets go of the pod, but its replacement has the SAME identity: the same name ${f.name} (so it cannot start while the suspect pod exists), the same DNS name, and the same PersistentVolumeClaim${claims.length ? `s (${claims.join(", ")})` : "s"} — whatever the attacker wrote to the volume comes back with it. Detaching still keeps a rollout from deleting the evidence. Snapshot the volume and check it before step 6 lets the replacement start.`;
  },
  DaemonSet: (o, f) =>
    `DaemonSet ${o} lets go of the pod and starts a new one on the same node${f.node ? ` (${f.node})` : ""}: daemon pods tolerate the cordon of step 4, so the replacement runs on a node that may be compromised. A replacement that needs the same hostPort cannot start until the suspect pod is gone.`,
  Job: (o) =>
    `Job ${o} lets go of the pod and starts another to reach its completions; the suspect pod's result no longer counts. Whatever the Job does runs again in the new pod.`,
};

export function detachStep(f: Facts, store: Store): ContainStep {
  const base = { title: "Detach the pod from its controller", notes: [] as string[], commands: [] as string[] };
  if (!f.ownerRef)
    return {
      ...base,
      why: "The pod has no controller: nothing will replace it, and nothing will delete it behind your back.",
      breaks: "Nothing.",
      undo: "Nothing to undo.",
      notes: [
        "After step 6 deletes it, recreate it from a clean manifest only if the workload is legitimate (a miner's image is not).",
      ],
    };
  const kind = f.ownerRef.kind;
  const owner = f.owner;
  if (!owner || !CONTROLLER_KINDS.has(kind)) {
    const sel = isDnsSubdomain(f.ownerRef.name)
      ? [`kubectl get ${q(`${kind.toLowerCase()}/${f.ownerRef.name}`)} -n ${q(f.ns)} -o jsonpath='{.spec.selector}'`]
      : [];
    return {
      ...base,
      why: `The pod is owned by ${kind} ${f.ownerRef.name}, which kubeward ${owner ? "does not know how to detach from" : "could not read"}. Change one label of its selector on the pod so the controller lets go of it and starts a replacement.`,
      breaks: "The controller starts a replacement pod.",
      undo: "Set the label back: the controller adopts the pod again and removes one surplus pod.",
      commands: sel,
    };
  }
  const sel = selectorOf(owner);
  const relabel = sel && chooseRelabel(owner, sel, f.pod.metadata.labels, f.id);
  if (!sel || !relabel) {
    return {
      ...base,
      why: `${kind} ${owner.metadata.name}'s selector has no label kubeward can change on the pod to take it out (only NotIn/DoesNotExist terms, or none).`,
      breaks: "Nothing is changed here.",
      undo: "Nothing to undo.",
      notes: ["Scale the controller down instead, after step 1, if the pod must not be replaced by the controller."],
    };
  }
  const after: Record<string, string> = { ...f.pod.metadata.labels };
  if (relabel.value === undefined) delete after[relabel.key];
  else after[relabel.key] = relabel.value;
  const notes: string[] = [];
  // Another controller whose selector matches the new labels would adopt the pod.
  for (const k of CONTROLLER_KINDS) {
    for (const c of store.inNamespace(k, f.ns)) {
      if (c === owner) continue;
      const s = selectorOf(c);
      if (s && !s.invalid && s.requirements.length && matches(s, after))
        notes.push(`WARNING: ${k} ${c.metadata.name}'s selector matches the new labels: it may adopt the pod.`);
    }
  }
  const before = servicesSelecting(store, f.ns, f.pod.metadata.labels);
  const still = new Set(servicesSelecting(store, f.ns, after));
  const leaving = before.filter((s) => !still.has(s));
  if (leaving.length)
    notes.push(`The pod leaves the endpoints of Service(s) ${leaving.join(", ")}: no more requests go to it.`);
  if (still.size)
    notes.push(
      `Still an endpoint of Service(s) ${[...still].join(", ")}: their requests to it fail while it is quarantined.`,
    );
  if (kind === "ReplicaSet" && f.top.kind === "Deployment")
    notes.push(
      "The replacement runs the same template: if the attacker came in through the image or its config, fix that too (step 6).",
    );
  const change = relabel.value === undefined ? `${relabel.key}-` : `${relabel.key}=${relabel.value}`;
  const restore = relabel.was === undefined ? `${relabel.key}-` : `${relabel.key}=${relabel.was}`;
  return {
    ...base,
    why: `Label ${relabel.key} is in ${kind} ${owner.metadata.name}'s selector. ${relabel.value === undefined ? "Removing" : `Setting it to ${relabel.value}`} takes the pod out of the selector. ${CONTROLLER_TEXT[kind]!(owner.metadata.name, f, store)}`,
    breaks:
      kind === "StatefulSet"
        ? `${kind} ${owner.metadata.name} is one replica short until step 6.`
        : `Nothing for users: a replacement starts. One more pod runs (and uses quota) while the suspect is kept.`,
    undo: `kubectl label ${podArgs(f)} --overwrite ${q(restore)}   (the ${kind} adopts the pod again${kind === "StatefulSet" ? "" : " and removes one surplus pod, maybe this one"})`,
    notes,
    commands: [`kubectl label ${podArgs(f)} --overwrite ${q(change)}`],
  };
}

// 4 ─ node ────────────────────────────────────────────────────────────────────

export function nodeStep(f: Facts, store: Store): ContainStep {
  const title = "Cordon the node";
  if (!f.escapes.length)
    return {
      title,
      why: "Nothing in the pod's spec gives it the node (not privileged, no host namespaces, no hostPath): no cordon needed.",
      breaks: "Nothing.",
      undo: "Nothing to undo.",
      notes: [],
      commands: [],
    };
  if (!f.node)
    return {
      title,
      why: `The pod could reach a node (${f.escapes.join("; ")}) but is not scheduled to one.`,
      breaks: "Nothing.",
      undo: "Nothing to undo.",
      notes: [],
      commands: [],
    };
  const others = store
    .list("Pod")
    .filter((p) => p.spec?.nodeName === f.node && p.metadata.uid !== f.pod.metadata.uid)
    .map((p) => `${p.metadata.namespace ?? ""}/${p.metadata.name}`)
    .sort();
  const shown = others.slice(0, 25);
  const notes = [
    `The pod can reach node ${f.node}: ${f.escapes.join("; ")}.`,
    others.length
      ? `Other pods on ${f.node} (their tokens and Secrets may be exposed too): ${shown.join(", ")}${others.length > shown.length ? ` (+${others.length - shown.length} more)` : ""}.`
      : `No other pod kubeward sees runs on ${f.node}.`,
    "Treat the node as compromised: after the investigation, replace it rather than clean it.",
  ];
  const commands = [`kubectl cordon ${q(f.node)}`];
  if (f.hostNetwork || f.escapes.some((e) => e.includes("privileged") || e.startsWith("hostPID"))) {
    notes.push(
      `The drain line moves every other pod off ${f.node} (DaemonSet pods stay; PodDisruptionBudgets are respected) and leaves the quarantined pod in place.`,
    );
    commands.push(
      `kubectl drain ${q(f.node)} --ignore-daemonsets --delete-emptydir-data --pod-selector ${q(`${QUARANTINE_LABEL}!=${f.id}`)}`,
    );
  }
  return {
    title,
    why: "A pod that is privileged, shares host namespaces or mounts host paths can take over its node (kubelet credentials, other pods' tokens and Secrets, the container runtime). Cordoning stops new pods from landing there.",
    breaks: `No new pods are scheduled on ${f.node}; running pods keep running. A drain evicts them: the cluster loses that node's capacity.`,
    undo: `kubectl uncordon ${q(f.node)}`,
    notes,
    commands,
  };
}

// 5 ─ credentials ─────────────────────────────────────────────────────────────

/** Seconds of an explicitly projected token, if the pod asks for one. */
function projectedExpiry(w: Workload): number | undefined {
  for (const v of Array.isArray(w.podSpec.volumes) ? w.podSpec.volumes : []) {
    const sources =
      isRecord(v) && isRecord(v.projected) && Array.isArray(v.projected.sources) ? v.projected.sources : [];
    for (const s of sources)
      if (isRecord(s) && isRecord(s.serviceAccountToken) && str(s.serviceAccountToken.path) !== undefined)
        return typeof s.serviceAccountToken.expirationSeconds === "number"
          ? s.serviceAccountToken.expirationSeconds
          : 3600;
  }
  return undefined;
}

export function credentialsStep(f: Facts, input: ContainInput, files: BundleFile[]): ContainStep {
  const { store, models } = input;
  const sa = serviceAccountOf(f.w);
  const saOk = isDnsSubdomain(sa.name);
  if (!saOk)
    f.problems.push(
      `service account name ${JSON.stringify(sa.name)} is not one Kubernetes accepts: left out of every command`,
    );
  const mounted = tokenAutomounted(f.w, store);
  const rbac = models.rbac;
  const power = powerOf(rbac, sa, f.ns);
  const notes: string[] = [];
  const commands: string[] = [];
  notes.push(
    power
      ? `Service account ${sa.name} can: ${power.reasons.join("; ")}${power.bindings.length ? ` (through ${power.bindings.map((b) => `${b.kind} ${b.namespace ? `${b.namespace}/` : ""}${b.name}`).join(", ")})` : ""}.`
      : rbac
        ? `Service account ${sa.name}: kubeward sees no risky permission for it.`
        : `Service account ${sa.name}: the RBAC engine did not run, so what it can do is unknown.`,
  );
  const expiry = projectedExpiry(f.w);
  if (mounted || expiry)
    notes.push(
      expiry
        ? `Its token is a projected, pod-bound token that expires after ${expiry}s and stops working when the pod is deleted (step 6).`
        : "Its token (mounted automatically) is bound to this pod: the API server rejects it once the pod is deleted (step 6). Until then it is valid for up to 1 hour, or up to 1 year where the API server keeps the default --service-account-extend-token-expiration=true.",
    );
  else
    notes.push("No token is mounted in the pod (automountServiceAccountToken: false), unless it read one another way.");
  notes.push(
    `What the token already did is in the API audit log under user system:serviceaccount:${f.ns}:${sa.name}. If it could create pods, tokens or bindings, look for what it created.`,
  );
  // Legacy token Secrets of the account: never expire, not bound to a pod.
  const legacy = store
    .inNamespace("Secret", f.ns)
    .filter((s) => isLegacyToken(s) && s.metadata.annotations[SA_NAME_ANNOTATION] === sa.name)
    .map((s) => s.metadata.name);
  for (const s of legacy) {
    if (isDnsSubdomain(s)) commands.push(`kubectl delete secret ${q(s)} -n ${q(f.ns)}`);
    else f.problems.push(`Secret name ${JSON.stringify(s)} is not one Kubernetes accepts: left out of every command`);
  }
  if (legacy.length)
    notes.push(`Long-lived token Secret(s) of ${sa.name} to delete (they never expire): ${legacy.join(", ")}.`);
  // The planner's narrowed roles / binding removals for this account's RBAC findings.
  const rbacFindings = input.findings.filter(
    (x) =>
      x.panel === "rbac" &&
      x.resource.kind === "ServiceAccount" &&
      x.resource.namespace === f.ns &&
      x.resource.name === sa.name,
  );
  const plans = planFixes(rbacFindings, store, input.catalog, models);
  commands.push(...planCommands(plans, "credentials", files, f.problems, notes));
  if (plans.some((p) => p.type === "manifest"))
    notes.push(
      "credentials/ holds kubeward's narrowed role(s) for this account: the kubectl apply lines below put them in place.",
    );
  if (plans.some((p) => p.type === "none"))
    notes.push(
      "A kubectl delete rolebinding/clusterrolebinding line below removes a grant the account should not have (check who else it binds).",
    );
  // Rotating the account invalidates every token issued for it (they carry its uid).
  const users = store
    .usingServiceAccount(f.ns, sa.name)
    .filter((p) => p.kind === "Pod" && p.metadata.uid !== f.pod.metadata.uid)
    .map((p) => p.metadata.name);
  if (saOk && (power || legacy.length))
    notes.push(
      `To void every token of ${sa.name} at once (also copies already taken): delete and recreate it — kubectl delete serviceaccount ${q(sa.name)} -n ${q(f.ns)} && kubectl create serviceaccount ${q(sa.name)} -n ${q(f.ns)}${users.length ? ` — this cuts API access of the other pods using it until they restart: ${users.slice(0, 10).join(", ")}${users.length > 10 ? ` (+${users.length - 10} more)` : ""}` : ""}.`,
    );
  const secrets = [...secretsUsedBy(f.w)].filter((s) => !legacy.includes(s)).sort();
  if (secrets.length)
    notes.push(
      `Secrets the pod could read — rotate each at its source, then update the Secret and restart its users (names only; kubeward never reads values): ${secrets.join(", ")}.`,
    );
  return {
    title: "Revoke its credentials",
    why: "Whoever controls the pod holds its service-account token and every Secret it mounts. Deleting the pod voids the bound token; copies of long-lived tokens and Secret values stay valid until revoked or rotated.",
    breaks: `Clients using the deleted token Secrets lose access; a narrowed role removes permissions service account ${sa.name} may legitimately need; rotated Secrets break their users until restarted.`,
    undo: "Deleted token Secrets cannot come back: issue new short-lived tokens (kubectl create token SA). Re-apply a role's previous version from evidence or from git.",
    notes,
    commands,
  };
}

// 6 ─ eradicate ───────────────────────────────────────────────────────────────

const SAFE_LINE = /^[A-Za-z0-9 _./:=@%+,-]+$/;

function resourceArg(t: ResourceRef): string {
  return q(`${t.kind.toLowerCase()}/${t.name}`);
}

/**
 * Renders plans into `dir/`, adds them to `files`, and returns their kubectl lines, every value quoted.
 * A planner line kubeward cannot vouch for (free text beside the command) becomes a note, not a command.
 */
function planCommands(
  plans: readonly FixPlan[],
  dir: string,
  files: BundleFile[],
  problems: string[],
  notes: string[],
): string[] {
  const out: string[] = [];
  for (const plan of plans) {
    const t = plan.target;
    if (!isDnsSubdomain(t.name) || (t.namespace !== undefined && !isDnsLabel(t.namespace))) {
      problems.push(`${t.kind} ${JSON.stringify(t.name)} has a name Kubernetes would reject: its fix is left out`);
      continue;
    }
    const rendered = renderPatch(plan, dir);
    const file = `${dir}/${rendered.fileName}`;
    const ns = t.namespace ? ` -n ${q(t.namespace)}` : "";
    if (plan.body || plan.extraManifests.length) files.push({ path: file, content: rendered.yaml });
    if (plan.type === "strategic")
      out.push(`kubectl patch ${resourceArg(t)}${ns} --type strategic --patch-file ${q(file)}`);
    else if (plan.type === "manifest")
      out.push(
        (t.kind === "Pod" || t.kind === "Job") && plan.warnings.length
          ? `kubectl replace --force -f ${q(file)}`
          : `kubectl apply -f ${q(file)}`,
      );
    for (const c of plan.commands) {
      if (SAFE_LINE.test(c)) out.push(c);
      else
        notes.push(
          `${[...new Set(plan.findings.map((x) => x.check))].join(", ")} on ${t.kind} ${t.name}: its suggested command is left out here (free text kubeward cannot quote); kubeward scan --patches DIR prints it.`,
        );
    }
  }
  return out;
}

export function eradicateStep(f: Facts, input: ContainInput, files: BundleFile[]): ContainStep {
  const chainKeys = new Set(f.chain.map((r) => refKey(r)));
  const own = input.findings.filter((x) => x.panel !== "rbac" && chainKeys.has(refKey(x.resource)));
  const plans = planFixes(withChainParts(own, input.findings), input.store, input.catalog, input.models).filter(
    (p) => !(p.target.kind === "ServiceAccount" || p.target.kind.endsWith("Role") || p.target.kind.endsWith("Binding")),
  );
  const notes: string[] = [];
  let fixLines = planCommands(plans, "fixes", files, f.problems, notes);
  // Recreating a bare pod brings its image back: a choice for a human, not a line of the script.
  const recreate = fixLines.filter((l) => l.startsWith("kubectl replace --force -f fixes/pod_"));
  fixLines = fixLines.filter((l) => !recreate.includes(l));
  if (plans.length)
    notes.push(
      `fixes/ holds kubeward's patches for the findings that let this pod run as it did (${[...new Set(plans.flatMap((p) => p.findings.map((x) => x.check)))].join(", ")}), on ${[...new Set(plans.map((p) => refLabel(p.target)))].join(", ")}.`,
    );
  else notes.push("kubeward has no patch for this pod's findings.");
  for (const l of recreate)
    notes.push(
      `A bare pod is not recreated by anything. Only if the workload is legitimate (a miner's image is not), recreate it hardened after the delete: kubectl apply -f ${l.slice("kubectl replace --force -f ".length)}`,
    );
  if (f.ownerRef?.kind === "StatefulSet")
    notes.push(
      `The StatefulSet recreates ${f.name} on the same volume once it is deleted: check the volume first (step 3).`,
    );
  return {
    title: "Eradicate: delete the pod, then fix what let it in",
    why: "Once the evidence is saved (step 1), the pod goes: that also voids its bound token. The patches keep the next pod from getting the same powers.",
    breaks:
      "The pod, its memory and its emptyDir volumes are gone for good: copy anything else you need first. Patches roll the workload's pods.",
    undo: `The pod cannot come back. A patched Deployment/DaemonSet/StatefulSet is undone with kubectl rollout undo KIND/NAME -n ${q(f.ns)}.`,
    notes,
    commands: [`kubectl delete ${podArgs(f)} --wait=false`, ...fixLines],
  };
}

function toYaml(obj: Json): string {
  return new Document(obj, { aliasDuplicateObjects: false }).toString({ lineWidth: 0 });
}
