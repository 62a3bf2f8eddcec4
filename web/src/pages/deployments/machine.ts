// The deployment status machine of SPEC §2 (the server's one transition table, mirrored so the
// console offers only the allowed next steps; the server still decides).
export type DeploymentStatus = "pending" | "validating" | "deploying" | "active" | "failed" | "rollback" | "terminated";

const NEXT: Record<DeploymentStatus, DeploymentStatus[]> = {
  pending: ["validating", "failed", "terminated"],
  validating: ["deploying", "failed", "terminated"],
  deploying: ["active", "failed", "terminated"],
  active: ["rollback", "terminated"],
  rollback: ["terminated"],
  failed: [],
  terminated: [],
};

export function nextStatuses(s: string | undefined): DeploymentStatus[] {
  return NEXT[s as DeploymentStatus] ?? [];
}

export function isTerminal(s: string | undefined): boolean {
  return nextStatuses(s).length === 0;
}
