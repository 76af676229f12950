/**
 * Strongly connected components (Tarjan's algorithm, without recursion): O(nodes + edges).
 * Nodes are 0..n-1; `next(v)` lists v's successors. Components come out in reverse topological order.
 */
export function stronglyConnected(n: number, next: (v: number) => readonly number[]): number[][] {
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    // Each frame: a node, its successors (asked once), and the position of the next one to visit.
    const frames: [number, readonly number[], number][] = [[root, next(root), 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const [v, succ, i] = frame;
      if (i < succ.length) {
        frame[2]++;
        const w = succ[i];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          frames.push([w, next(w), 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

/**
 * A shortest closed walk from `start` back to it using only nodes `inside`, and passing a node that
 * `must` accepts when given (breadth first over node and whether it has passed one: linear). Its nodes
 * from start (start first); undefined when there is none.
 */
export function cycleThrough(start: number, next: (v: number) => readonly number[], inside: (v: number) => boolean, must: (v: number) => boolean = () => true): number[] | undefined {
  const key = (v: number, passed: boolean) => v * 2 + (passed ? 1 : 0);
  const parent = new Map<number, number>();
  const first = key(start, must(start));
  const queue = [first];
  parent.set(first, -1);
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    const [v, passed] = [state >> 1, (state & 1) === 1];
    for (const w of next(v)) {
      if (!inside(w)) continue;
      const reached = passed || must(w);
      if (w === start && reached) {
        const path: number[] = [];
        for (let x = state; x !== first; x = parent.get(x)!) path.push(x >> 1);
        return [start, ...path.reverse()];
      }
      const k = key(w, reached);
      if (!parent.has(k)) {
        parent.set(k, state);
        queue.push(k);
      }
    }
  }
  return undefined;
}
