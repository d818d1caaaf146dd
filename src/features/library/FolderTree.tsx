import { memo, useState, type ReactNode } from 'react';
import type { FolderRecord } from '../../db/schema';
import type { FolderNode } from '../../domain/library/folderTree';
import { formatCount } from '../../domain/format';

interface FolderTreeProps {
  tree: FolderNode[];
  current: string | null;
  onPick(path: string): void;
  /** The source folders the user added, by name: the top-level nodes that can be removed from the library. */
  sources: ReadonlyMap<string, readonly FolderRecord[]>;
  /** Removes them (the node's path for messages); resolves true once removed. */
  onRemove(folders: readonly FolderRecord[], path: string): Promise<boolean>;
}

/**
 * The library's folder tree; picking a folder filters the list to it and everything below it
 * (again: off). A folder the user added (a top-level node) can be removed from the library: the
 * row turns into the question first, as a collection's delete does. Memoised: it re-renders when
 * the tree, the current folder or the handlers change, not with every filter.
 */
export const FolderTree = memo(function FolderTree({ tree, current, onPick, sources, onRemove }: FolderTreeProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <ul className="nav-list tree" role="tree" aria-label="Folders">
      {tree.map((node) => {
        const folders = sources.get(node.name);
        return (
          <FolderItem
            key={node.path}
            node={node}
            depth={0}
            current={current}
            onPick={onPick}
            action={
              folders && (
                <button
                  type="button"
                  className="nav-delete"
                  aria-label={removeLabel(node.name)}
                  aria-expanded={confirming === node.path}
                  title="Remove the folder from the library (your files stay where they are)"
                  onClick={() => setConfirming(confirming === node.path ? null : node.path)}
                >
                  ×
                </button>
              )
            }
            question={
              folders &&
              confirming === node.path && (
                <RemoveQuestion node={node} folders={folders} onRemove={onRemove} onClose={() => setConfirming(null)} />
              )
            }
          />
        );
      })}
    </ul>
  );
});

const removeLabel = (name: string): string => `Remove folder ${name} from the library`;

/** Focuses the first element found by the first selector that finds one, once React has rendered. */
function focusLater(...selectors: string[]): void {
  requestAnimationFrame(() => {
    for (const selector of selectors) {
      const element = document.querySelector<HTMLElement>(selector);
      if (element) return element.focus();
    }
  });
}

/** "Remove “Drums” and its 54 samples from the library?" with Remove / Keep; Escape keeps. */
function RemoveQuestion({
  node,
  folders,
  onRemove,
  onClose,
}: {
  node: FolderNode;
  folders: readonly FolderRecord[];
  onRemove: FolderTreeProps['onRemove'];
  onClose(): void;
}) {
  const [removing, setRemoving] = useState(false);
  /** Not removed after all: the keyboard goes back to the × it came from. */
  const keep = (): void => {
    onClose();
    focusLater(`[aria-label="${CSS.escape(removeLabel(node.name))}"]`);
  };
  const remove = async (): Promise<void> => {
    setRemoving(true);
    const removed = await onRemove(folders, node.path);
    if (!removed) return keep();
    // Its row is gone: the keyboard goes to the first folder left, else to "All samples".
    focusLater('.tree .nav-label', '.sidebar .nav-item');
  };
  const copied = folders.some((f) => f.source === 'opfs');
  const samples = `${formatCount(node.count)} sample${node.count === 1 ? '' : 's'}`;
  return (
    <div
      className="nav-question"
      role="group"
      aria-label={`Remove folder ${node.name} from the library?`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || removing) return;
        event.stopPropagation(); // Escape answers this question, nothing else
        keep();
      }}
    >
      <p>
        Remove “{node.name}” and its {samples} from the library?{' '}
        {copied
          ? 'The copies kept in this browser are deleted; your files on disk are not touched.'
          : 'Your files on disk are not touched.'}{' '}
        Tags, ratings, favourites, notes and collections are kept: add the folder again and they come back.
      </p>
      <div className="nav-question-actions">
        <button type="button" className="link-button danger" disabled={removing} onClick={() => void remove()}>
          {removing ? 'Removing…' : 'Remove'}
        </button>
        {/* The keyboard starts on the safe answer: Enter right after × must not remove a folder. */}
        <button type="button" className="link-button" autoFocus disabled={removing} onClick={keep}>
          Keep
        </button>
      </div>
    </div>
  );
}

function FolderItem({
  node,
  depth,
  current,
  onPick,
  action,
  question,
}: {
  node: FolderNode;
  depth: number;
  current: string | null;
  onPick(path: string): void;
  /** A control at the end of the row (the top level's remove button). */
  action?: ReactNode;
  /** Shown under the row, over its full width (the remove question). */
  question?: ReactNode;
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
        {action}
      </div>
      {question}
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
