// Loose typings for the parts of a pod spec the checks read. Every field is
// optional because objects come from a hostile cluster or hand-written files.
import { isRecord } from "../util/record.js";

export interface SeccompProfile {
  type?: string;
  localhostProfile?: string;
}
export interface AppArmorProfile {
  type?: string;
  localhostProfile?: string;
}
export interface SELinuxOptions {
  user?: string;
  role?: string;
  type?: string;
  level?: string;
}
export interface Capabilities {
  add?: string[];
  drop?: string[];
}
export interface WindowsOptions {
  hostProcess?: boolean;
}

export interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: Capabilities;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  readOnlyRootFilesystem?: boolean;
  procMount?: string;
  seccompProfile?: SeccompProfile;
  appArmorProfile?: AppArmorProfile;
  seLinuxOptions?: SELinuxOptions;
  windowsOptions?: WindowsOptions;
}

export interface PodSecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  supplementalGroups?: number[];
  sysctls?: { name?: string; value?: string }[];
  seccompProfile?: SeccompProfile;
  appArmorProfile?: AppArmorProfile;
  seLinuxOptions?: SELinuxOptions;
  windowsOptions?: WindowsOptions;
}

export interface EnvVar {
  name?: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name?: string; key?: string; optional?: boolean };
    configMapKeyRef?: { name?: string; key?: string };
    fieldRef?: { fieldPath?: string };
  };
}

export interface EnvFromSource {
  prefix?: string;
  secretRef?: { name?: string };
  configMapRef?: { name?: string };
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}

export interface Probe {
  httpGet?: { host?: string; port?: number | string; path?: string };
  tcpSocket?: { host?: string; port?: number | string };
  grpc?: { port?: number };
  exec?: { command?: string[] };
}

export interface Container {
  name?: string;
  image?: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  ports?: ContainerPort[];
  securityContext?: SecurityContext;
  resources?: { limits?: Record<string, unknown>; requests?: Record<string, unknown> };
  volumeMounts?: { name?: string; mountPath?: string; readOnly?: boolean; subPath?: string }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { postStart?: Probe; preStop?: Probe };
  targetContainerName?: string;
}

export interface Volume {
  name?: string;
  hostPath?: { path?: string; type?: string };
  secret?: { secretName?: string; items?: { key?: string; path?: string }[] };
  configMap?: { name?: string };
  projected?: {
    sources?: {
      secret?: { name?: string };
      serviceAccountToken?: { path?: string; audience?: string; expirationSeconds?: number };
      configMap?: { name?: string };
      downwardAPI?: unknown;
    }[];
  };
  // biome-ignore lint/suspicious/noExplicitAny: the many volume source types PSS enumerates
  [source: string]: any;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: Volume[];
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  hostUsers?: boolean;
  securityContext?: PodSecurityContext;
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  os?: { name?: string };
  nodeName?: string;
}

export type ContainerList = "containers" | "initContainers" | "ephemeralContainers";
export const CONTAINER_LISTS: readonly ContainerList[] = ["containers", "initContainers", "ephemeralContainers"];

/** The value at `path` inside `root`, stepping only through objects (undefined otherwise). */
export function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const p of path) node = isRecord(node) ? node[p] : undefined;
  return node;
}

/** The service account a pod spec runs as: serviceAccountName, the deprecated serviceAccount, else "default". */
export function serviceAccountNameIn(spec: { serviceAccountName?: unknown; serviceAccount?: unknown }): string {
  const sa = spec.serviceAccountName ?? spec.serviceAccount;
  return typeof sa === "string" && sa ? sa : "default";
}
