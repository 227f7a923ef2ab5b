// Image-reference patterns of the signature-policy engines, and the forms of an
// image reference they are matched against.
//  - Kyverno (imageReferences, skipImageReferences, ImageValidatingPolicy globs):
//    `*` matches any run of characters ("/" included), `?` one character.
//  - sigstore policy-controller (ClusterImagePolicy spec.images[].glob): `*`
//    matches within one path segment, `**` across segments.
// Docker Hub images are written many ways (nginx, docker.io/library/nginx,
// index.docker.io/library/nginx): a pattern covers an image when it matches any
// form, with or without its tag or digest.
import { type ImageRef, parseImage } from "../images/reference.js";

function escapeChar(c: string): string {
  return /[\\^$.|+()[\]{}]/.test(c) ? `\\${c}` : c;
}

const kyvernoCache = new Map<string, RegExp>();
const sigstoreCache = new Map<string, RegExp>();

function cached(cache: Map<string, RegExp>, pattern: string, build: () => string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    if (cache.size > 2000) cache.clear();
    cache.set(pattern, (re = new RegExp(`^${build()}$`)));
  }
  return re;
}

export function kyvernoPattern(pattern: string): RegExp {
  return cached(kyvernoCache, pattern, () =>
    [...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : escapeChar(c))).join(""),
  );
}

export function sigstorePattern(pattern: string): RegExp {
  return cached(sigstoreCache, pattern, () => {
    let out = "";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === "*" && pattern[i + 1] === "*") {
        out += ".*";
        i++;
      } else if (c === "*") out += "[^/]*";
      else if (c === "?") out += "[^/]";
      else out += escapeChar(c);
    }
    return out;
  });
}

/** Every spelling of an image a policy pattern may be written against. */
export function imageForms(image: string, ref: ImageRef | undefined = parseImage(image)): string[] {
  const forms = new Set<string>([image]);
  if (!ref) return [...forms];
  const suffixes = ["", ...(ref.tag ? [`:${ref.tag}`] : [":latest"]), ...(ref.digest ? [`@${ref.digest}`] : [])];
  if (ref.tag && ref.digest) suffixes.push(`:${ref.tag}@${ref.digest}`);
  const names = [`${ref.registry}/${ref.repository}`];
  if (ref.registry === "docker.io") {
    names.push(`index.docker.io/${ref.repository}`);
    if (ref.repository.startsWith("library/")) {
      const short = ref.repository.slice("library/".length);
      names.push(`docker.io/${short}`, short);
    } else names.push(ref.repository);
  }
  for (const n of names) for (const s of suffixes) forms.add(`${n}${s}`);
  return [...forms];
}

export function matchesAny(re: RegExp, forms: readonly string[]): boolean {
  return forms.some((f) => re.test(f));
}
