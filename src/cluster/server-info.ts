// What the API server says about itself, beside its objects: its version
// (/version), the group versions it serves (discovery) and what an anonymous
// request got (the probe). Sources that know it put it in the store as one
// synthetic object, so analysis stays a pure function of the store.
import type { KObject } from "./objects.js";

export const SERVER_INFO_KIND = "ServerInfo";
export const SERVER_INFO_API_VERSION = "kubeward.io/v1";
export const SERVER_INFO_NAME = "api-server";

export interface ServerVersion {
  gitVersion: string;
  major?: string;
  minor?: string;
  platform?: string;
}

/** One unauthenticated GET: the HTTP status, or why there was none. */
export interface ProbeAnswer {
  path: string;
  status?: number;
  error?: string;
  /** For /api: the versions an anonymous caller was shown. For /version: its gitVersion. */
  seen?: string[];
}

export interface AnonymousProbe {
  at: string;
  answers: ProbeAnswer[];
}

export interface ServerInfo {
  version?: ServerVersion;
  /** Every served group version ("v1", "apps/v1", "flowcontrol.apiserver.k8s.io/v1beta3"), when discovered. */
  groupVersions?: readonly string[];
  probe?: AnonymousProbe;
}

export function serverInfoObject(info: ServerInfo): KObject {
  return {
    apiVersion: SERVER_INFO_API_VERSION,
    kind: SERVER_INFO_KIND,
    metadata: {
      name: SERVER_INFO_NAME,
      uid: `local:${SERVER_INFO_KIND}/${SERVER_INFO_NAME}`,
      labels: {},
      annotations: {},
      ownerReferences: [],
    },
    ...info,
  };
}

/** Reads a /version answer defensively (it comes from the server). */
export function parseServerVersion(raw: unknown): ServerVersion | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.gitVersion !== "string" || !r.gitVersion) return undefined;
  const v: ServerVersion = { gitVersion: r.gitVersion };
  if (typeof r.major === "string") v.major = r.major;
  if (typeof r.minor === "string") v.minor = r.minor;
  if (typeof r.platform === "string") v.platform = r.platform;
  return v;
}
