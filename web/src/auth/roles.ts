// What each role may do (issue 11 §2): roles are ordered, each includes the ones before it.
// Used only to disable controls with the reason; the server enforces the same table.
import type { Role } from "../api/auth";

export type Action =
  | "tracking.write"
  | "features.write"
  | "datasets.write"
  | "evaluation.write"
  | "registry.write"
  | "deployments.write"
  | "prompts.draft"
  | "prompts.submit"
  | "checklist.tick"
  | "checklist.signoff"
  | "registry.promote"
  | "deployments.production"
  | "prompts.review"
  | "admin";

const ORDER: Record<Role, number> = { viewer: 0, editor: 1, approver: 2, admin: 3 };

const NEEDS: Record<Action, Role> = {
  "tracking.write": "editor",
  "features.write": "editor",
  "datasets.write": "editor",
  "evaluation.write": "editor",
  "registry.write": "editor",
  "deployments.write": "editor",
  "prompts.draft": "editor",
  "prompts.submit": "editor",
  "checklist.tick": "editor",
  "checklist.signoff": "approver",
  "registry.promote": "approver",
  "deployments.production": "approver",
  "prompts.review": "approver",
  admin: "admin",
};

// Checklist items only an approver may tick or untick.
export const SIGNOFF_ITEMS = new Set(["owner_signoff", "bias_reviewed"]);

export function roleAllows(role: Role | null, action: Action): boolean {
  if (role === null) return true; // auth off: the server decides (four-eyes still applies)
  return ORDER[role] >= ORDER[NEEDS[action]];
}

// Why a control is disabled, or null when the role allows it.
export function denyReason(role: Role | null, action: Action): string | null {
  if (roleAllows(role, action)) return null;
  return `needs the ${NEEDS[action]} role (you are ${role})`;
}
