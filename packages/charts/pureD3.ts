import type { Plugin } from 'vite';

const topLevelCall =
  /^((?:export )?(?:var|const|let) [A-Za-z_$][\w$]* = -?)(?=[A-Za-z_$][\w$.]*\(|\(function)/gm;
const prototypeAssignment = /^\(?([A-Za-z_$][\w$]*)\.prototype = /gm;

/** Folds `function N() {…}` and its `N.prototype = …;` statement into one pure expression. */
function wrapPrototypes(code: string): string {
  let out = code;
  for (const [, name] of [...code.matchAll(prototypeAssignment)]) {
    const declStart = out.indexOf(`\nfunction ${name}(`);
    const assignStart = out.search(new RegExp(`\\n\\(?${name}\\.prototype = `));
    if (declStart < 0 || assignStart < declStart) continue;
    const declEnd = out.indexOf('\n}\n', declStart) + 3;
    const lineEnd = out.indexOf('\n', assignStart + 1);
    const multiLine = out.slice(assignStart, lineEnd).trimEnd().endsWith('{');
    const assignEnd = multiLine ? out.indexOf('\n};\n', assignStart) + 4 : lineEnd + 1;
    if (declEnd < 3 || assignEnd < 4 || declEnd > assignStart) continue;
    const decl = out.slice(declStart, declEnd);
    const assign = out.slice(assignStart, assignEnd);
    const wrapped = `\nvar ${name} = /*#__PURE__*/ (function () {${decl}${assign}return ${name};\n})();\n`;
    out = out.slice(0, declStart) + out.slice(declEnd, assignStart) + wrapped + out.slice(assignEnd);
  }
  return out;
}

/**
 * The d3 packages installed here ship one flat ESM file each. Its top level builds values with calls
 * (`const utcDay = timeInterval(…)`, `var bundle = (function custom(beta) {…})(0.85)`) and assigns
 * prototypes (`Basis.prototype = {…}`), which a bundler must keep, so importing `pie` kept every
 * curve in d3-shape (~20 KB). These statements only build values: marking them pure lets the unused
 * ones go. Tested through the built bundle (bundle.test.ts) and the benchmark page.
 */
export function pureD3(): Plugin {
  return {
    name: 'sightline:pure-d3',
    enforce: 'pre',
    transform(code, id) {
      if (!/node_modules\/d3-[a-z]+\/dist\/[\w-]+\.mjs$/.test(id)) return null;
      return { code: wrapPrototypes(code).replace(topLevelCall, '$1/*#__PURE__*/'), map: null };
    },
  };
}
