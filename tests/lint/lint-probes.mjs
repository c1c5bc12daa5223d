// Lints in-memory sources as if saved at the given paths, with the repository's ESLint config.
// Input on stdin: [{ filePath, code }]; output on stdout: the rule ids each one breaks.
// Run in its own process: ESLint loads its config with import(), which jest's runtime refuses.
import { ESLint } from 'eslint';
import { text } from 'node:stream/consumers';
import tseslint from 'typescript-eslint';

const probes = JSON.parse(await text(process.stdin));
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: 'eslint.config.mjs',
  // A probe is not on disk, so no TypeScript program knows it: the type-aware rules stay out.
  overrideConfig: tseslint.configs.disableTypeChecked,
});
const brokenRules = [];
for (const { filePath, code } of probes) {
  const [result] = await eslint.lintText(code, { filePath });
  brokenRules.push(result.messages.map((message) => message.ruleId ?? message.message));
}
process.stdout.write(JSON.stringify(brokenRules));
