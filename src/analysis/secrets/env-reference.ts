// Secrets injected as environment variables leak into crash dumps, `env` in a
// debug shell, child processes and error reports; a mounted file does not.
import type { Container, ContainerList } from "../../cluster/podspec.js";
import { combinePatches } from "../../cluster/strategic.js";
import { isRecord } from "../../util/record.js";
import type { FixFragment, WorkloadCheck } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import { containersOf, workloadOf } from "../workloads.js";

export const SECRET_MOUNT_ROOT = "/var/run/secrets";

/** A DNS-label volume name for a Secret (secret names may hold dots; volume names may not). */
export function secretVolumeName(secret: string): string {
  return `secret-${secret.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.slice(0, 63).replace(/-+$/, "");
}

export const envReference: WorkloadCheck = {
  reads: { kinds: [] }, // the object itself
  meta: {
    id: "secret.env-reference",
    title: "Secret injected as environment variable",
    severity: "medium",
    panel: "secrets",
    description:
      "A Secret reaches the container through env (secretKeyRef) or envFrom (secretRef). Environment variables leak through process listings, crash reports, debug shells and child processes, and never update when the Secret rotates.",
    remediation:
      "Mount the Secret as a read-only volume and have the application read the file (the file also follows rotation).",
    references: [
      "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
      "CIS 5.4.1: Prefer using secrets as files over secrets as environment variables",
    ],
  },
  detect(w) {
    const out: Finding[] = [];
    for (const c of containersOf(w)) {
      const env = Array.isArray(c.container.env) ? c.container.env : [];
      env.forEach((e, i) => {
        const ref = isRecord(e) && isRecord(e.valueFrom) ? e.valueFrom.secretKeyRef : undefined;
        if (!isRecord(ref) || typeof ref.name !== "string") return;
        out.push(
          makeFinding({
            meta: envReference.meta,
            resource: w.ref,
            container: c.name,
            path: `${c.path}.env[${i}].valueFrom.secretKeyRef`,
            message: `container "${c.name}" gets Secret ${ref.name} (key ${String(ref.key ?? "?")}) as env var ${String(e.name ?? "?")}`,
          }),
        );
      });
      const envFrom = Array.isArray(c.container.envFrom) ? c.container.envFrom : [];
      envFrom.forEach((e, i) => {
        if (!isRecord(e) || !isRecord(e.secretRef) || typeof e.secretRef.name !== "string") return;
        out.push(
          makeFinding({
            meta: envReference.meta,
            resource: w.ref,
            container: c.name,
            path: `${c.path}.envFrom[${i}].secretRef`,
            message: `container "${c.name}" gets every key of Secret ${e.secretRef.name} as env vars (envFrom)`,
          }),
        );
      });
    }
    return out;
  },
  fix(finding, ctx) {
    const w = ctx.object && workloadOf(ctx.object);
    const m = /\.(containers|initContainers)\[(\d+)\]\.(env|envFrom)\[(\d+)\]/.exec(finding.path ?? "");
    if (!w || !m) return undefined; // ephemeral containers cannot be changed through a template
    const list = m[1] as ContainerList;
    const container = w.podSpec[list]?.[Number(m[2])];
    if (!isRecord(container) || typeof container.name !== "string") return undefined;
    return m[3] === "env"
      ? fixEnv(container, Number(m[4]), list, w.podSpec.volumes)
      : fixEnvFrom(container, Number(m[4]), list, w.podSpec.volumes);
  },
};

function mountPatch(
  container: Container,
  list: ContainerList,
  secret: string,
  volumes: unknown,
): { patch: Record<string, unknown>; dir: string } {
  // Reuse a volume that already mounts this Secret, so the patch adds nothing twice.
  const existing = (Array.isArray(volumes) ? volumes : []).find(
    (v) => isRecord(v) && isRecord(v.secret) && v.secret.secretName === secret && typeof v.name === "string",
  ) as { name: string } | undefined;
  const volume = existing?.name ?? secretVolumeName(secret);
  const mounted = (Array.isArray(container.volumeMounts) ? container.volumeMounts : []).find(
    (vm) => isRecord(vm) && vm.name === volume && typeof vm.mountPath === "string",
  );
  const dir = mounted?.mountPath ?? `${SECRET_MOUNT_ROOT}/${secret}`;
  const c: Record<string, unknown> = { name: container.name };
  if (!mounted) c.volumeMounts = [{ name: volume, mountPath: dir, readOnly: true }];
  const patch: Record<string, unknown> = { [list]: [c] };
  if (!existing) patch.volumes = [{ name: volume, secret: { secretName: secret } }];
  return { patch, dir };
}

function fixEnv(container: Container, index: number, list: ContainerList, volumes: unknown): FixFragment | undefined {
  const e = container.env?.[index];
  const ref = e?.valueFrom?.secretKeyRef;
  if (!e || typeof e.name !== "string" || typeof ref?.name !== "string") return undefined;
  const { patch, dir } = mountPatch(container, list, ref.name, volumes);
  const c = (patch[list] as Record<string, unknown>[])[0]!;
  c.env = [{ name: e.name, $patch: "delete" }];
  return {
    kind: "podSpec",
    patch,
    explain: `secret.env-reference: container ${container.name} reads Secret ${ref.name} from ${dir}/${String(ref.key ?? "<key>")} instead of env var ${e.name}`,
    mayBreak: `the application must read ${dir}/<key> instead of the environment variable (${e.name} is removed)`,
  };
}

function fixEnvFrom(
  container: Container,
  index: number,
  list: ContainerList,
  volumes: unknown,
): FixFragment | undefined {
  const all = Array.isArray(container.envFrom) ? container.envFrom : [];
  if (typeof all[index]?.secretRef?.name !== "string") return undefined;
  // envFrom has no merge key, so a patch replaces the whole list: every secretRef in it moves
  // at once (each envFrom finding of this container gives this same fragment), the rest stays.
  const secrets = [
    ...new Set(
      all.flatMap((e) =>
        isRecord(e) && isRecord(e.secretRef) && typeof e.secretRef.name === "string" ? [e.secretRef.name] : [],
      ),
    ),
  ];
  let patch: Record<string, unknown> = {};
  const dirs: string[] = [];
  for (const secret of secrets) {
    const one = mountPatch(container, list, secret, volumes);
    patch = combinePatches(patch, one.patch);
    dirs.push(one.dir);
  }
  const rest = all.filter((e) => !(isRecord(e) && isRecord(e.secretRef)));
  patch = combinePatches(patch, { [list]: [{ name: container.name, envFrom: rest.length ? rest : null }] });
  return {
    kind: "podSpec",
    patch,
    explain: `secret.env-reference: container ${container.name} reads Secret${secrets.length > 1 ? "s" : ""} ${secrets.join(", ")} as files under ${dirs.join(", ")} instead of envFrom`,
    mayBreak: `the application must read each key from ${dirs.map((d) => `${d}/<key>`).join(", ")} instead of environment variables`,
  };
}
