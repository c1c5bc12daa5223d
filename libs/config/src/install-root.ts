import path from 'node:path';

/**
 * The folder that holds package.json, examples/, docs/ and apps/web/dist: three levels above this
 * file in the sources (libs/config/src), four in the build (dist/libs/config/src). Files of the
 * checkout are found from here, never from a module's own __dirname, so that the compiled api,
 * worker and command line find them too.
 */
export const INSTALL_ROOT = path.resolve(
  __dirname,
  ...(path.extname(__filename) === '.ts' ? ['..', '..', '..'] : ['..', '..', '..', '..']),
);
