/** A folder in the library's tree, with how many samples it holds (its subfolders included). */
export interface FolderNode {
  name: string;
  /** Path as the list shows it ("Drums/Kicks"), what the folder filter matches. */
  path: string;
  count: number;
  children: FolderNode[];
}

/** Builds the folder tree from every sample's folder path, children sorted by name. */
export function buildFolderTree(dirs: Iterable<string>): FolderNode[] {
  const root: FolderNode = { name: '', path: '', count: 0, children: [] };
  const byPath = new Map<string, FolderNode>([['', root]]);
  for (const dir of dirs) {
    if (!dir) continue;
    let parent = root;
    let path = '';
    for (const part of dir.split('/')) {
      path = path ? `${path}/${part}` : part;
      let node = byPath.get(path);
      if (!node) {
        node = { name: part, path, count: 0, children: [] };
        byPath.set(path, node);
        parent.children.push(node);
      }
      node.count++;
      parent = node;
    }
  }
  const sort = (nodes: FolderNode[]): void => {
    nodes.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    nodes.forEach((n) => sort(n.children));
  };
  sort(root.children);
  return root.children;
}
