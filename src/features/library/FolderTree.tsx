import { memo, useState } from 'react';
import type { FolderNode } from '../../domain/library/folderTree';
import { formatCount } from '../../domain/format';

/**
 * The library's folder tree; picking a folder filters the list to it and everything below it
 * (again: off). Memoised: it re-renders when the tree, the current folder or the handler change,
 * not with every filter.
 */
export const FolderTree = memo(function FolderTree({
  tree,
  current,
  onPick,
}: {
  tree: FolderNode[];
  current: string | null;
  onPick(path: string): void;
}) {
  return (
    <ul className="nav-list tree" role="tree" aria-label="Folders">
      {tree.map((node) => (
        <FolderItem key={node.path} node={node} depth={0} current={current} onPick={onPick} />
      ))}
    </ul>
  );
});

function FolderItem({
  node,
  depth,
  current,
  onPick,
}: {
  node: FolderNode;
  depth: number;
  current: string | null;
  onPick(path: string): void;
}) {
  const [open, setOpen] = useState(depth === 0);
  return (
    <li role="treeitem" aria-expanded={node.children.length ? open : undefined} aria-selected={current === node.path}>
      <div className={current === node.path ? 'nav-item active' : 'nav-item'} style={{ paddingLeft: 8 + depth * 12 }}>
        {node.children.length > 0 ? (
          <button
            type="button"
            className="twisty"
            aria-label={open ? `Collapse ${node.name}` : `Expand ${node.name}`}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty" />
        )}
        <button type="button" className="nav-label" onClick={() => onPick(node.path)}>
          {node.name}
        </button>
        <span className="nav-count">{formatCount(node.count)}</span>
      </div>
      {open && node.children.length > 0 && (
        <ul role="group">
          {node.children.map((child) => (
            <FolderItem key={child.path} node={child} depth={depth + 1} current={current} onPick={onPick} />
          ))}
        </ul>
      )}
    </li>
  );
}
