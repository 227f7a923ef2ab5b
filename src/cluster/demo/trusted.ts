/** The demo's registry allow-list, so image.untrusted-registry shows without flags (--trusted-registries overrides). */
export const DEMO_TRUSTED_REGISTRIES: readonly string[] = ["registry.example.com", "registry.k8s.io", "quay.io"];
