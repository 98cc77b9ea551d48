// Type declarations for structgen.js (StructGen.AspNetCore's browser client).

/** How far a member has arrived. */
export declare const FieldState: Readonly<{ Missing: "Missing"; Streaming: "Streaming"; Complete: "Complete" }>;
export type FieldState = "Missing" | "Streaming" | "Complete";

/** One patch operation (see docs/web.md). */
export type PatchOp =
  | ["o" | "l" | "s", number, string]
  | ["a", number, string]
  | ["p", string]
  | ["v", string, unknown]
  | ["c", number];

/** A failure reported by the server ("error" event), a reconnect it cannot resume ("Reset"), or a bad patch ("ClientError"). */
export interface StreamError {
  kind: string;
  path: string | null;
  message: string;
}

/** Splits a JSON path such as `$.chapters[2].title` into its segments. */
export declare function parsePath(path: string): Array<string | number>;

/**
 * A value while it streams, at every depth: any member may be absent (not started yet), a string may be
 * a prefix of its final text, an array holds the elements started so far (each itself partial).
 */
export type PartialValue<T> =
  T extends readonly (infer E)[] ? PartialValue<E>[]
  : T extends object ? { [K in keyof T]?: PartialValue<T[K]> }
  : T;

/** A document being assembled from patches. */
export declare class PartialDocument<T = unknown> {
  /** The value so far: members appear as they start; strings grow. Once `status` is "done", the validated value. */
  value: PartialValue<T> | undefined;
  status: "streaming" | "done" | "error" | "reset";
  error: StreamError | null;
  /** The state of the member at a JSON path such as "$.author.name" or "$.genres[0]". */
  stateOf(path: string): FieldState;
  /** Applies one patch event; returns the JSON paths that changed. */
  apply(ops: PatchOp[]): string[];
}

export interface StreamObjectOptions<T> {
  onChange?: (document: PartialDocument<T>, changedPaths: string[]) => void;
  onDone?: (value: T, document: PartialDocument<T>) => void;
  onError?: (error: StreamError, document: PartialDocument<T>) => void;
  /** Defaults to the global EventSource. */
  EventSourceImpl?: typeof EventSource;
}

/** Opens the endpoint with EventSource and assembles the value. */
export declare function streamObject<T = unknown>(url: string, options?: StreamObjectOptions<T>): {
  document: PartialDocument<T>;
  close(): void;
};
