// The demo's own config file (as a team would keep it in .kubeward.yaml): kube-system's
// system components are accepted, so a newcomer sees accepted risks leave the panels,
// the header count them apart, and `a` bring them back dimmed with their reason.
export const DEMO_CONFIG_NAME = "(demo config)";

export const DEMO_CONFIG_YAML = `# kubeward demo: risks the platform team has judged and accepted
exceptions:
  # kube-proxy programs the node's iptables/IPVS rules: it needs the host.
  - check: pod.*
    namespace: kube-system
    kind: DaemonSet
    name: kube-proxy
    reason: node data plane (iptables/IPVS) needs host network and privilege; upstream manifest
    expires: 2099-12-31
    by: platform-team
  - check: pod.*
    namespace: kube-system
    kind: Deployment
    name: coredns
    reason: upstream CoreDNS manifest; hardening tracked in PLAT-231
    by: platform-team
`;
