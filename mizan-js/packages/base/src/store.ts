/** A tiny observable value with immutable snapshots (what `useSyncExternalStore` expects). */
export class Store<S extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(private state: S) {}

  get(): S {
    return this.state;
  }

  set(state: S): void {
    this.state = Object.freeze(state);
    for (const listener of [...this.listeners]) listener();
  }

  update(patch: Partial<S>): void {
    this.set({ ...this.state, ...patch });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
