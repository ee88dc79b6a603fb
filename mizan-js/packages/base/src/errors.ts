/** The `error` member of Mizan's JSON error body (docs/reference/protocol.md). */
export interface MizanErrorBody {
  readonly code: string;
  readonly message?: string;
  /** Field errors of `invalid_params`, keyed by param name. */
  readonly fields?: Readonly<Record<string, readonly string[]>>;
  readonly id?: string;
}

/**
 * A failed read or call. `status` is the HTTP status, or 0 when the request never got an answer
 * (network error), in which case `code` is `network`.
 */
export class MizanError extends Error {
  override name = "MizanError";
  readonly status: number;
  readonly code: string;
  readonly fields: Readonly<Record<string, readonly string[]>>;
  readonly id: string | undefined;

  constructor(status: number, body: MizanErrorBody, options?: { cause?: unknown }) {
    super(body.message ?? body.code, options);
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? {};
    this.id = body.id;
  }

  /** Worth another try for a GET: the network failed or the server had a 5xx. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** Builds a {@link MizanError} from a non-2xx response, whatever its body holds. */
export async function errorFrom(response: Response): Promise<MizanError> {
  let body: MizanErrorBody = { code: `http_${response.status}`, message: response.statusText };
  try {
    const json = (await response.json()) as { error?: MizanErrorBody };
    if (json && typeof json.error?.code === "string") body = json.error;
  } catch {
    // not Mizan's JSON (a proxy's HTML page, say): keep the status-derived code
  }
  return new MizanError(response.status, body);
}

export function networkError(cause: unknown): MizanError {
  return new MizanError(0, { code: "network", message: String((cause as Error)?.message ?? cause) }, { cause });
}
