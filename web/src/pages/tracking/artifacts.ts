// The artifact list as a folder tree, and which preview a file gets.
import type { Artifact } from "../../api/types";

export interface TreeNode {
  name: string;
  path: string;
  artifact?: Artifact;
  children: TreeNode[];
}

export function buildTree(items: readonly Artifact[]): TreeNode {
  const root: TreeNode = { name: "", path: "", children: [] };
  for (const a of items) {
    const parts = (a.path ?? "").split("/").filter(Boolean);
    let node = root;
    parts.forEach((part, i) => {
      const path = parts.slice(0, i + 1).join("/");
      let child = node.children.find((c) => c.name === part && !c.artifact === (i < parts.length - 1));
      if (!child) {
        child = { name: part, path, children: [] };
        if (i === parts.length - 1) child.artifact = a;
        node.children.push(child);
      }
      node = child;
    });
  }
  const sort = (n: TreeNode) => {
    n.children.sort((x, y) => Number(!!x.artifact) - Number(!!y.artifact) || x.name.localeCompare(y.name));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}

const IMAGE = /\.(png|jpe?g|gif|webp|svg)$/i;
const TEXT = /\.(txt|log|md|yaml|yml|toml|ini|cfg|py|sh|html|xml)$/i;
const MAX_TEXT = 8 * 1024 * 1024;

export function previewKind(path: string, size: number): "image" | "json" | "csv" | "text" | "none" {
  if (IMAGE.test(path)) return size <= 20 * 1024 * 1024 ? "image" : "none";
  if (size > MAX_TEXT) return "none";
  if (/\.json$/i.test(path)) return "json";
  if (/\.(csv|tsv)$/i.test(path)) return "csv";
  if (TEXT.test(path) || !/\.[A-Za-z0-9]+$/.test(path)) return "text";
  return "none";
}
