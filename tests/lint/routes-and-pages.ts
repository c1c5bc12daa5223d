// Which web page uses each operation of the api, read from the sources: the operations from the
// web's typed client (apps/web/src/api/schema.d.ts, which `npm test` checks against the api's
// OpenAPI document), the calls from apps/web/src, the pages from the router (apps/web/src/app/
// routes.tsx) and the files each page imports. routes-and-pages.spec.ts holds the rules;
// write-routes-and-pages.ts writes docs/routes-and-pages.md from the same reading.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const ROUTES_AND_PAGES_DOC = path.join(REPO_ROOT, 'docs/routes-and-pages.md');
const WEB_SRC = path.join(REPO_ROOT, 'apps/web/src');
const SCHEMA = path.join(WEB_SRC, 'api/schema.d.ts');
const ROUTER = path.join(WEB_SRC, 'app/routes.tsx');

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

export interface Operation {
  method: string;
  path: string;
  summary: string;
}

/** One place in the web app that reaches an operation. */
export interface Use {
  /** Relative to apps/web/src. */
  file: string;
  /** `client` (api.GET('/api/…')), `link` (an address written in the page) or `handed` (a URL the api gives). */
  how: 'client' | 'link' | 'handed';
}

export interface WebPage {
  /** The page's French address, `/candidatures/:bidId/convention`. */
  address: string;
  /** The module the router loads for it, relative to apps/web/src. */
  file: string;
}

const key = (operation: { method: string; path: string }) =>
  `${operation.method} ${operation.path}`;

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

const textOf = (name: ts.PropertyName): string =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText();

/** Every operation of the typed client: a method that is not `?: never` under a path. */
export function apiOperations(): Operation[] {
  const source = parse(SCHEMA);
  const paths = source.statements.find(
    (node): node is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(node) && node.name.text === 'paths',
  );
  if (!paths) throw new Error(`${SCHEMA} has no "paths" interface`);
  const operations: Operation[] = [];
  for (const member of paths.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeLiteralNode(member.type)) {
      continue;
    }
    const route = textOf(member.name);
    for (const operation of member.type.members) {
      if (!ts.isPropertySignature(operation) || operation.questionToken) continue;
      const method = textOf(operation.name);
      if (!(METHODS as readonly string[]).includes(method)) continue;
      // openapi-typescript writes the summary as the first line of the JSDoc.
      const summary = ts
        .getJSDocCommentsAndTags(operation)
        .map((doc) => (typeof doc.comment === 'string' ? doc.comment : ''))
        .join(' ')
        .split('\n')[0]
        ?.trim();
      operations.push({ method: method.toUpperCase(), path: route, summary: summary ?? '' });
    }
  }
  return operations;
}

/** The web's own modules, tests and the generated client left out. */
function webFiles(dir = WEB_SRC): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) return webFiles(file);
      const module = /\.tsx?$/.test(name) && !name.endsWith('.d.ts');
      return module && !/\.(spec|test)\.tsx?$/.test(name) ? [file] : [];
    });
}

/** `/api/bids/${bid.id}/workbook?x=1` -> a pattern matching `/api/bids/{bidId}/workbook`. */
function addressPattern(written: string): RegExp {
  const address = written.split('?')[0] ?? '';
  const pieces = address.split(/\$\{[^}]*\}/);
  const escaped = pieces.map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

/** `/api/bids/{bidId}/documents/{documentId}` -> `/api/bids/x/documents/x`, for addressPattern. */
const sample = (route: string) => route.replace(/\{[^}]+\}/g, 'x');

/**
 * The URLs the api puts in its answers for a page to open: the operation, the answer's field
 * that carries it, and where the api builds it. A page that opens `document.downloadUrl` uses
 * the download route without writing its address.
 */
export const HANDED_OUT: readonly { method: string; path: string; field: string }[] = [
  { method: 'GET', path: '/api/bids/{bidId}/documents/{documentId}', field: 'downloadUrl' },
  { method: 'GET', path: '/api/bids/{bidId}/documents/{documentId}/signed', field: 'signedUrl' },
  { method: 'GET', path: '/api/bids/{bidId}/documents/{documentId}/proof', field: 'proofUrl' },
];

/** Operation key -> the places of the web app that reach it. */
export function webUses(operations: readonly Operation[]): Map<string, Use[]> {
  const uses = new Map<string, Use[]>();
  const add = (operationKey: string, use: Use) => {
    const list = uses.get(operationKey) ?? [];
    if (!list.some((known) => known.file === use.file && known.how === use.how)) list.push(use);
    uses.set(operationKey, list);
  };
  for (const file of webFiles()) {
    const text = readFileSync(file, 'utf8');
    const relative = path.relative(WEB_SRC, file);
    for (const call of text.matchAll(/\bapi\.(GET|POST|PUT|PATCH|DELETE)\(\s*'([^']+)'/g)) {
      add(`${call[1]} ${call[2]}`, { file: relative, how: 'client' });
    }
    // Downloads, links and server events: an address the page writes, always a GET.
    for (const written of text.matchAll(/[`'"](\/api\/[^`'"\s]*)/g)) {
      const pattern = addressPattern(written[1] ?? '');
      for (const operation of operations) {
        if (operation.method === 'GET' && pattern.test(sample(operation.path))) {
          add(key(operation), { file: relative, how: 'link' });
        }
      }
    }
    for (const handed of HANDED_OUT) {
      if (new RegExp(`\\b${handed.field}\\b`).test(text)) {
        add(key(handed), { file: relative, how: 'handed' });
      }
    }
  }
  return uses;
}

/** `../bids/BidOverview` from `app/routes.tsx` -> `bids/BidOverview.tsx`, or null outside src. */
function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(path.join(WEB_SRC, from)), specifier);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) {
      return path.relative(WEB_SRC, candidate);
    }
  }
  return null;
}

/** The module names a file imports (static and dynamic), resolved relative to apps/web/src. */
function importsOf(file: string): string[] {
  const source = parse(path.join(WEB_SRC, file));
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const specifier = node.moduleSpecifier;
      // Types only: no code of that module runs in the page.
      const typeOnly = ts.isImportDeclaration(node)
        ? node.importClause?.isTypeOnly === true
        : node.isTypeOnly;
      if (specifier && ts.isStringLiteral(specifier) && !typeOnly) found.push(specifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.flatMap((specifier) => resolveImport(file, specifier) ?? []);
}

/** Every page of the router: its address and the module it shows (element or lazy import). */
export function webPages(): WebPage[] {
  const routerFile = path.relative(WEB_SRC, ROUTER);
  const source = parse(ROUTER);
  const importedFrom = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
      continue;
    }
    const resolved = resolveImport(routerFile, statement.moduleSpecifier.text);
    const names = statement.importClause?.namedBindings;
    if (resolved && names && ts.isNamedImports(names)) {
      for (const element of names.elements) importedFrom.set(element.name.text, resolved);
    }
  }
  const pages: WebPage[] = [];
  const moduleOf = (route: ts.ObjectLiteralExpression): string | null => {
    for (const property of route.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const name = textOf(property.name);
      if (name === 'element') {
        const tag = property.initializer;
        if (ts.isJsxSelfClosingElement(tag)) return importedFrom.get(tag.tagName.getText()) ?? null;
      }
      if (name === 'lazy') {
        let module: string | null = null;
        const visit = (node: ts.Node) => {
          if (
            ts.isCallExpression(node) &&
            node.expression.kind === ts.SyntaxKind.ImportKeyword &&
            node.arguments[0] &&
            ts.isStringLiteral(node.arguments[0])
          ) {
            module = resolveImport(routerFile, node.arguments[0].text);
          }
          ts.forEachChild(node, visit);
        };
        visit(property.initializer);
        return module;
      }
    }
    return null;
  };
  const walk = (routes: ts.ArrayLiteralExpression, parent: string) => {
    for (const route of routes.elements) {
      if (!ts.isObjectLiteralExpression(route)) continue;
      let address = parent;
      let children: ts.ArrayLiteralExpression | null = null;
      for (const property of route.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const name = textOf(property.name);
        if (name === 'path' && ts.isStringLiteral(property.initializer)) {
          const segment = property.initializer.text;
          address = segment.startsWith('/') ? segment : `${parent.replace(/\/$/, '')}/${segment}`;
        }
        if (name === 'children' && ts.isArrayLiteralExpression(property.initializer)) {
          children = property.initializer;
        }
      }
      const module = moduleOf(route);
      // A layout (with children) frames every page under it.
      const shown = children ? `${address || '/'} (cadre de ses pages)` : address || '/';
      if (module) pages.push({ address: shown, file: module });
      if (children) walk(children, address);
    }
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.getText() === 'createBrowserRouter' &&
      node.arguments[0] &&
      ts.isArrayLiteralExpression(node.arguments[0])
    ) {
      walk(node.arguments[0], '');
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return pages;
}

/** Page address -> every module the page runs (its own and all it imports, transitively). */
export function pageModules(pages: readonly WebPage[]): Map<string, Set<string>> {
  const closure = new Map<string, Set<string>>();
  for (const page of pages) {
    const seen = new Set<string>();
    const queue = [page.file];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      if (seen.has(file)) continue;
      seen.add(file);
      queue.push(...importsOf(file));
    }
    closure.set(page.address, seen);
  }
  return closure;
}

export interface RouteRow {
  operation: Operation;
  uses: Use[];
  /** The addresses of the pages whose modules reach the operation. */
  pages: string[];
}

/** Every operation with the web files and the pages that reach it. */
export function routesAndPages(): RouteRow[] {
  const operations = apiOperations();
  const uses = webUses(operations);
  const modules = pageModules(webPages());
  return operations.map((operation) => {
    const found = uses.get(key(operation)) ?? [];
    const pages = [...modules]
      .filter(([, files]) => found.some((use) => files.has(use.file)))
      .map(([address]) => address);
    return { operation, uses: found, pages };
  });
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** docs/routes-and-pages.md: one row per operation, with the pages and files that use it. */
export function routesAndPagesMarkdown(
  rows: readonly RouteRow[],
  machineOnly: ReadonlyMap<string, string>,
  gaps: ReadonlyMap<string, string>,
): string {
  const lines = [
    '# Routes of the api and the web pages that use them',
    '',
    'Generated by `node bin/run.js tests/lint/write-routes-and-pages.ts` from the web app’s typed client',
    '(`apps/web/src/api/schema.d.ts`, the api’s OpenAPI document), its calls and its router; do',
    'not edit by hand. `tests/lint/routes-and-pages.spec.ts` fails when a route has no page and is',
    'not on its commented list of routes for machines and integrators, or when this file is stale.',
    '',
    'A page is listed when one of the modules it runs (its own file and all it imports) holds the',
    'call: a module of shared queries makes every page that imports it appear.',
    '',
    '| Méthode | Route | Page(s) | Appelée depuis |',
    '| --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const operationKey = key(row.operation);
    const reason = machineOnly.get(operationKey) ?? gaps.get(operationKey);
    const pages =
      row.pages.length > 0
        ? row.pages.map((page) => `\`${page}\``).join(', ')
        : machineOnly.has(operationKey)
          ? `aucune : ${reason ?? ''}`
          : `**aucune** : ${reason ?? ''}`;
    const files = [...new Set(row.uses.map((use) => `\`${use.file}\``))].join(', ') || '—';
    lines.push(
      `| ${row.operation.method} | \`${cell(row.operation.path)}\` | ${cell(pages)} | ${files} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The markdown as the repository's Prettier writes it (`npm test` checks every file's format);
 * through its command, since its module loads parts of itself by a dynamic import jest refuses.
 */
export function formattedRoutesAndPages(
  machineOnly: ReadonlyMap<string, string>,
  gaps: ReadonlyMap<string, string>,
): string {
  return execFileSync(
    process.execPath,
    [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', ROUTES_AND_PAGES_DOC],
    {
      cwd: REPO_ROOT,
      input: routesAndPagesMarkdown(routesAndPages(), machineOnly, gaps),
      encoding: 'utf8',
    },
  );
}
