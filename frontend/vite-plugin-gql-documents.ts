// Build-time stand-in for the codegen client preset's `graphql()` function (what its Babel/SWC
// plugins do, for Vite): each `graphql(`…`)` call in src/ becomes an import of that one
// document from a module of its own (`virtual:gql-doc/<Name>`, read from the generated
// src/gql/graphql.ts). Without it every chunk that sends any operation pulls in
// src/gql/gql.ts, which maps every operation's source text to every document: ~200 kB of the
// first load. With it a page's chunk carries the documents that page sends, and the login page
// carries Login, Me and SetLanguage.
//
// The types are unchanged (`tsc` still sees the `graphql()` calls); only the bundle differs.
// A call whose document cannot be found fails the build rather than being left as it was.
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = 'virtual:gql-doc/';
const RESOLVED = '\0' + PREFIX;

/** `graphql(` + a template literal without substitutions + `)`. */
const CALL = /\bgraphql\(\s*`((?:[^`$]|\$(?!\{))*)`\s*\)/g;
/** The same as the whole initializer of an exported constant. */
const EXPORT_CALL = /^export const (\w+) = graphql\(\s*`((?:[^`$]|\$(?!\{))*)`\s*\);?[ \t]*$/gm;
/** The import of the preset's `graphql` function, which the rewritten module no longer uses. */
const IMPORT = /^import\s*\{\s*graphql\s*\}\s*from\s*['"][./]+gql(?:\/index)?['"];?\s*$/m;

/** The generated export that holds the document whose source is `source`. */
function exportName(source: string): string {
  const op = source.match(/^\s*(?:query|mutation|subscription)\s+(\w+)/m);
  if (op) return `${op[1]}Document`;
  const frag = source.match(/^\s*fragment\s+(\w+)\s+on\b/m);
  if (frag) return `${frag[1]}FragmentDoc`;
  throw new Error(`graphql(): no operation or fragment name in ${source.slice(0, 80)}`);
}

export default function gqlDocuments(root: string): Plugin {
  const generated = path.join(root, 'src/gql/graphql.ts');
  let documents: Map<string, string> | null = null;

  /** Export name → the document's JSON, from the generated file. */
  function load(): Map<string, string> {
    if (documents) return documents;
    const text = fs.readFileSync(generated, 'utf8');
    documents = new Map();
    for (const m of text.matchAll(
      /^export const (\w+) = (\{"kind":"Document".*\}) as unknown as DocumentNode<.*$/gm,
    )) {
      documents.set(m[1], m[2]);
    }
    return documents;
  }

  return {
    name: 'parley-gql-documents',
    enforce: 'pre',
    apply: 'build',
    buildStart() {
      documents = null;
      this.addWatchFile(generated);
    },
    resolveId(id) {
      return id.startsWith(PREFIX) ? '\0' + id : null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return null;
      const name = id.slice(RESOLVED.length);
      const json = load().get(name);
      if (!json) throw new Error(`no document ${name} in src/gql/graphql.ts (run npm run codegen)`);
      // Parsed and printed again: a generated line that is not plain JSON fails here.
      return { code: `export default ${JSON.stringify(JSON.parse(json))};`, moduleSideEffects: false };
    },
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.includes('/src/gql/') || id.includes('node_modules')) return null;
      if (!IMPORT.test(code)) return null;
      const imports: string[] = [];
      const names = new Map<string, string>();
      const docs = load();
      // `export const X = graphql(`…`);` becomes a plain re-export, so the module holding it
      // (src/graphql/operations/*.ts) does not itself need the document: it goes to the chunks that use X.
      const reexported = code.replace(EXPORT_CALL, (_all, local: string, source: string) => {
        const name = exportName(source);
        if (!docs.has(name)) this.error(`graphql(): no ${name} in src/gql/graphql.ts (run npm run codegen)`);
        return `export { default as ${local} } from '${PREFIX}${name}';`;
      });
      const out = reexported.replace(CALL, (_all, source: string) => {
        const name = exportName(source);
        if (!docs.has(name)) this.error(`graphql(): no ${name} in src/gql/graphql.ts (run npm run codegen)`);
        let local = names.get(name);
        if (!local) {
          local = `__gql_${name}`;
          names.set(name, local);
          imports.push(`import ${local} from '${PREFIX}${name}';`);
        }
        return local;
      });
      if (/\bgraphql\(\s*[^)\s]/.test(out.replace(IMPORT, ''))) {
        this.error('graphql() called with something other than a plain template literal');
      }
      return { code: imports.join('\n') + '\n' + out.replace(IMPORT, ''), map: null };
    },
  };
}
