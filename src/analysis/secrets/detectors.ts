// Plaintext credential detectors for env values and ConfigMap data.
//
// Why our own detectors and not secretlint: @secretlint/core's lintSource is
// Promise-based all the way down (rules are awaited through an event emitter),
// while the analysis is synchronous and incremental (DESIGN §1). Warming a cache
// from an async pre-pass would make findings depend on timing (a first frame
// without them, a second analysis pass after each ConfigMap change). These few
// regular expressions cover the formats that matter in cluster config, run in
// microseconds, and never keep a value: callers only get a label and a mask.

export interface Detection {
  /** Detector id, e.g. "aws-access-key". */
  detector: string;
  /** Human-readable kind of credential. */
  label: string;
  /** A masked hint: at most the first 4 characters of a token, nothing of a password. */
  masked: string;
}

interface FormatDetector {
  id: string;
  label: string;
  pattern: RegExp;
  /** Show the first 4 characters of the match (a well-known prefix); false shows nothing. */
  showPrefix: boolean;
}

const FORMATS: readonly FormatDetector[] = [
  {
    id: "private-key",
    label: "private key block",
    pattern: /-----BEGIN ((RSA|DSA|EC|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----/,
    showPrefix: false,
  },
  {
    id: "aws-access-key",
    label: "AWS access key id",
    pattern: /\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/,
    showPrefix: true,
  },
  {
    id: "github-token",
    label: "GitHub token",
    pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/,
    showPrefix: true,
  },
  { id: "gitlab-token", label: "GitLab token", pattern: /\bglpat-[A-Za-z0-9_-]{20,}/, showPrefix: true },
  { id: "slack-token", label: "Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, showPrefix: true },
  {
    id: "slack-webhook",
    label: "Slack webhook URL",
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9_]+\/B[A-Za-z0-9_]+\/[A-Za-z0-9_]+/,
    showPrefix: false,
  },
  { id: "stripe-key", label: "Stripe key", pattern: /\b[sr]k_(live|test)_[A-Za-z0-9]{16,}\b/, showPrefix: true },
  { id: "npm-token", label: "npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/, showPrefix: true },
  { id: "google-api-key", label: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, showPrefix: true },
  {
    id: "jwt",
    label: "JSON Web Token",
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/,
    showPrefix: true,
  },
];

/** user:password@ in a URL, password not a placeholder. */
const BASIC_AUTH_URL = /\b([a-z][a-z0-9+.-]*):\/\/([^\s:@/]+):([^\s@/]+)@[^\s]+/i;

/** Key names that announce a credential. */
const CREDENTIAL_KEY =
  /(pass(word|wd|phrase)?|pwd|secret|token|api[-_.]?key|apikey|access[-_.]?key|private[-_.]?key|client[-_.]?secret|credentials?|auth[-_.]?key)$/i;
/** ...unless the key names something about the credential rather than the credential. */
const NOT_A_CREDENTIAL_KEY =
  /([-_.](file|path|dir|url|uri|name|ref|key[-_.]?ref|enabled|ttl|timeout|length|policy|type|header|endpoint|mount|env|id|user(name)?|issuer|audience)$)|^(token[-_.]?)?(ttl|expir)/i;

/** A literal that is not really a value: references, templates, placeholders, booleans, numbers. */
function isPlaceholder(v: string): boolean {
  const s = v.trim().replace(/^["']|["']$/g, "");
  if (s.length < 3) return true;
  if (/^\$\(|^\$\{|^\{\{|^<.*>$|^%\(?|^\$[A-Z_]+$/.test(s)) return true; // $(VAR), ${VAR}, {{ tpl }}, <placeholder>
  if (/^(x+|\*+|\.+|-+|_+)$/i.test(s)) return true;
  if (
    /^(true|false|yes|no|on|off|none|null|nil|undefined|redacted|placeholder|example|todo|tbd|secret|password|empty)$/i.test(
      s,
    )
  )
    return true;
  if (/^[0-9]+[smhd]?$/.test(s)) return true; // TTLs, lengths, ports
  if (/^(\/|\.\/|~\/|file:)/.test(s)) return true; // a path to the credential, not the credential
  if (/^(https?|wss?):\/\/[^@\s]+$/i.test(s)) return true; // a URL without credentials
  if (/^(vault|ref|arn|projects\/|sm):/i.test(s)) return true; // references to a secret manager
  return false;
}

function mask(match: string, showPrefix: boolean): string {
  return showPrefix && match.length > 8 ? `${match.slice(0, 4)}…` : "…";
}

/** Looks for a credential in one key/value; the value never leaves this function. */
export function detectCredential(key: string, value: unknown): Detection | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  for (const d of FORMATS) {
    const m = d.pattern.exec(value);
    if (m) return { detector: d.id, label: d.label, masked: mask(m[0], d.showPrefix) };
  }
  const url = BASIC_AUTH_URL.exec(value);
  if (url && !isPlaceholder(url[3]!))
    return { detector: "basic-auth-url", label: "password in a URL", masked: `${url[1]}://…` };
  if (CREDENTIAL_KEY.test(key) && !NOT_A_CREDENTIAL_KEY.test(key) && !value.includes("\n") && !isPlaceholder(value))
    return { detector: "password-key", label: "literal value of a credential-named key", masked: "…" };
  return undefined;
}

export interface LineDetection extends Detection {
  /** 1-based line in a multi-line value, with the setting's key when the line is key=value or key: value. */
  line?: number;
  setting?: string;
}

/** Detects in a value, and in each `key = value` / `key: value` line of a multi-line value (config files). */
export function detectInValue(key: string, value: unknown): LineDetection[] {
  if (typeof value !== "string") return [];
  const whole = detectCredential(key, value);
  if (!value.includes("\n")) return whole ? [whole] : [];
  const out: LineDetection[] = [];
  const lines = value.split("\n");
  lines.forEach((text, i) => {
    const kv = /^\s*(?:export\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*(.*?)\s*,?\s*$/.exec(text);
    const found = kv ? detectCredential(kv[1]!, kv[2]!) : detectCredential("", text);
    if (found) out.push({ ...found, line: i + 1, ...(kv ? { setting: kv[1]! } : {}) });
  });
  // A private key spans lines: its header line is found above; whole-value detections add nothing new.
  if (out.length === 0 && whole) out.push(whole);
  return out;
}
