// Imported first: it makes require('vscode') answer the extension's modules.
import { TreeItemCollapsibleState } from '../extension/fakeVscode';
import type { TaskTreeProvider } from '../../../src/extension/tree/provider';
import { TaskNode, type TreeNode } from '../../../src/extension/tree/nodes';

/** A row as drawn: copied when drawn, so a row nobody redraws keeps its old text, as in VS Code. */
export interface DrawnRow {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  node: TreeNode;
}

/**
 * Draws a TreeDataProvider the way VS Code does: everything at first and on `fire(undefined)`, and for a fired
 * element only that row (from `getTreeItem`) and, when it has children, its subtree again. Every row is expanded.
 * What a person would see is what this holds, which is the point: a row that is never fired never changes.
 */
export class FakeTreeView {
  private readonly drawn = new Map<string, DrawnRow>();
  private readonly children = new Map<string, string[]>();
  private readonly subscription: { dispose(): void };
  redraws = 0;

  constructor(private readonly tree: TaskTreeProvider) {
    this.subscription = tree.onDidChangeTreeData(e => this.onChange(e));
    this.drawAll();
  }

  rows(): DrawnRow[] {
    const out: DrawnRow[] = [];
    const walk = (parent: string) => {
      for (const id of this.children.get(parent) ?? []) {
        const row = this.drawn.get(id);
        if (!row) continue;
        out.push(row);
        walk(id);
      }
    };
    walk('');
    return out;
  }

  taskRows(): (DrawnRow & { node: TaskNode })[] {
    return this.rows().filter((r): r is DrawnRow & { node: TaskNode } => r.node instanceof TaskNode);
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private onChange(e: TreeNode | TreeNode[] | undefined): void {
    this.redraws++;
    if (e === undefined) return this.drawAll();
    for (const node of Array.isArray(e) ? e : [e]) {
      if (!node.id || !this.drawn.has(node.id)) continue; // not on screen: VS Code ignores it
      this.drawn.set(node.id, draw(this.tree.getTreeItem(node) as TreeNode));
      if (expandable(node.collapsibleState)) this.drawChildren(node);
    }
  }

  private drawAll(): void {
    this.drawn.clear();
    this.children.clear();
    this.drawChildren(undefined);
  }

  private drawChildren(parent: TreeNode | undefined): void {
    const key = parent?.id ?? '';
    for (const old of this.children.get(key) ?? []) this.forget(old);
    const kids = this.tree.getChildren(parent);
    this.children.set(
      key,
      kids.map(k => k.id!),
    );
    for (const k of kids) {
      this.drawn.set(k.id!, draw(k));
      if (expandable(k.collapsibleState)) this.drawChildren(k);
    }
  }

  private forget(id: string): void {
    for (const c of this.children.get(id) ?? []) this.forget(c);
    this.children.delete(id);
    this.drawn.delete(id);
  }
}

function draw(node: TreeNode): DrawnRow {
  const tooltip = node.tooltip as { value?: string } | string | undefined;
  return {
    id: node.id!,
    label: String(node.label),
    description: String(node.description ?? ''),
    tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
    node,
  };
}

/** The real vscode enum and the fake's are different types with the same numbers. */
function expandable(state: unknown): boolean {
  return state !== undefined && Number(state) !== Number(TreeItemCollapsibleState.None);
}
