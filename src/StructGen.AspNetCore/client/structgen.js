// StructGen browser client: applies the patch stream of StructGen.AspNetCore to a plain object.
// No dependencies. Model text is only ever stored as data (never evaluated, never parsed as HTML).
// Format: docs/web.md.

/** How far a member has arrived. */
export const FieldState = Object.freeze({ Missing: "Missing", Streaming: "Streaming", Complete: "Complete" });

/** Splits a JSON path such as `$.chapters[2].title` or `$['odd name']` into its segments. */
export function parsePath(path) {
  if (typeof path !== "string" || path[0] !== "$") throw new Error(`structgen: bad path ${JSON.stringify(path)} (expected it to start with $)`);
  const segments = [];
  let i = 1;
  while (i < path.length) {
    if (path[i] === ".") {
      let j = i + 1;
      while (j < path.length && path[j] !== "." && path[j] !== "[") j++;
      segments.push(path.slice(i + 1, j));
      i = j;
    } else if (path[i] === "[" && path[i + 1] === "'") {
      let name = "";
      let j = i + 2;
      for (; j < path.length && path[j] !== "'"; j++) {
        if (path[j] === "\\" && path[j + 1] === "'") j++;
        name += path[j];
      }
      if (path[j + 1] !== "]") throw new Error(`structgen: bad path ${JSON.stringify(path)} (unclosed ['name'])`);
      segments.push(name);
      i = j + 2;
    } else if (path[i] === "[") {
      const j = path.indexOf("]", i);
      const index = Number(path.slice(i + 1, j));
      if (j < 0 || !Number.isInteger(index)) throw new Error(`structgen: bad path ${JSON.stringify(path)} (bad index)`);
      segments.push(index);
      i = j + 1;
    } else {
      throw new Error(`structgen: bad path ${JSON.stringify(path)} at character ${i}`);
    }
  }
  return segments;
}

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/** A document being assembled from patches; `value` is a plain object (or array, string...). */
export class PartialDocument {
  constructor() {
    this.value = undefined;
    /** "streaming" | "done" | "error" | "reset" */
    this.status = "streaming";
    this.error = null;
    this._states = new Map();
    this._paths = [];
  }

  /** The state of the member at `path` (e.g. "$.author.name"). */
  stateOf(path) {
    return this._states.get(path) ?? FieldState.Missing;
  }

  /** Applies one patch event (an array of operations); returns the paths that changed. */
  apply(ops) {
    if (!Array.isArray(ops)) throw new Error("structgen: a patch event must be a JSON array of operations");
    const changed = [];
    for (const op of ops) {
      switch (op[0]) {
        case "o": this._start(op[1], op[2], {}); break;
        case "l": this._start(op[1], op[2], []); break;
        case "s": this._start(op[1], op[2], ""); break;
        case "a": {
          const path = this._pathOf(op[1]);
          const [parent, key] = this._locate(path);
          if (parent === null) this.value += op[2];
          else parent[key] += op[2];
          changed.push(path);
          continue;
        }
        case "p": this._states.set(op[1], FieldState.Streaming); break;
        case "v": this._set(op[1], op[2]); this._states.set(op[1], FieldState.Complete); break;
        case "c": this._states.set(this._pathOf(op[1]), FieldState.Complete); changed.push(this._pathOf(op[1])); continue;
        default: throw new Error(`structgen: unknown patch operation ${JSON.stringify(op[0])}`);
      }
      changed.push(op[0] === "o" || op[0] === "l" || op[0] === "s" ? op[2] : op[1]);
    }
    return changed;
  }

  _start(id, path, empty) {
    this._paths[id] = path;
    this._set(path, empty);
    this._states.set(path, FieldState.Streaming);
  }

  _pathOf(id) {
    const path = this._paths[id];
    if (path === undefined) throw new Error(`structgen: patch names value ${id}, which never started (was an event lost?)`);
    return path;
  }

  _set(path, v) {
    const [parent, key] = this._locate(path);
    if (parent === null) { this.value = v; return; }
    // defineProperty: a member named "__proto__" becomes data, not the object's prototype.
    Object.defineProperty(parent, key, { value: v, writable: true, enumerable: true, configurable: true });
  }

  // Returns [container, key] for path, or [null, null] for the root.
  _locate(path) {
    const segments = parsePath(path);
    if (segments.length === 0) return [null, null];
    let node = this.value;
    for (let i = 0; i < segments.length - 1; i++) {
      if (node === null || typeof node !== "object" || !hasOwn(node, segments[i])) throw new Error(`structgen: ${path} is under a value that never started`);
      node = node[segments[i]];
    }
    if (node === null || typeof node !== "object") throw new Error(`structgen: the parent of ${path} is not an object or array`);
    return [node, segments[segments.length - 1]];
  }
}

/**
 * Opens `url` with EventSource and assembles the value.
 * options.onChange(document, changedPaths) after each patch event; options.onDone(value, document);
 * options.onError(error, document) with error = { kind, path, message }.
 * Returns { document, close }.
 */
export function streamObject(url, options = {}) {
  const { onChange, onDone, onError, EventSourceImpl = globalThis.EventSource } = options;
  const document = new PartialDocument();
  const source = new EventSourceImpl(url);
  const fail = (error) => {
    source.close();
    document.status = error.kind === "Reset" ? "reset" : "error";
    document.error = error;
    onError?.(error, document);
  };
  source.onmessage = (event) => {
    let changed;
    try {
      changed = document.apply(JSON.parse(event.data));
    } catch (e) {
      fail({ kind: "ClientError", path: null, message: String(e && e.message || e) });
      return;
    }
    onChange?.(document, changed);
  };
  source.addEventListener("done", (event) => {
    // Closing first: otherwise EventSource reconnects when the server ends the response.
    source.close();
    const data = JSON.parse(event.data);
    if (hasOwn(data, "value")) document.value = data.value;
    document.status = "done";
    onDone?.(document.value, document);
  });
  source.addEventListener("error", (event) => {
    // A server "error" event has data; a network error (no data) lets EventSource reconnect,
    // and the server answers the reconnect with "reset".
    if (typeof event.data === "string") fail(JSON.parse(event.data));
  });
  source.addEventListener("reset", (event) => {
    const data = JSON.parse(event.data);
    fail({ kind: "Reset", path: null, message: data.message });
  });
  return { document, close: () => source.close() };
}
