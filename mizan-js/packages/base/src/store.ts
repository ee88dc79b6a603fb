/** A tiny observable value with immutable snapshots (what `useSyncExternalStore` expects). */
export class Store<S extends object> {
  private readonly _listeners = new Set<() => void>();

  constructor(private _state: S) {}

  get(): S {
    return this._state;
  }

  set(state: S): void {
    this._state = Object.freeze(state);
    for (const listener of [...this._listeners]) listener();
  }

  subscribe(listener: () => void): () => void {
    this._listeners.add(listener);
    return () => {
      this._listeners.delete(listener);
    };
  }
}
